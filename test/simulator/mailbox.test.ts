import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

interface Changes {
	data: { old_state: string | null; new_state: string; created: string[]; updated: string[]; destroyed: string[]; has_more: boolean; sync_required?: boolean };
}

interface Summary {
	id: string;
	thread_id: string;
	subject: string;
	flags: { seen: boolean; answered: boolean };
	folder_ids: string[];
}

describe('simulator: Mailbox API', () => {
	const sim = useSimulator();
	const inject = (subject: string, extra: Record<string, unknown> = {}) =>
		sim().control.injectInbound({ mailbox: sim().control.seeded.mailboxId, from: { email: 'customer@example.net', name: 'Customer' }, subject, text: `Body of ${subject}\n-- \nCustomer Inc.`, ...extra });
	const changes = (query: Record<string, string | number> = {}) => call<Changes>(sim(), 'app', { path: '/mailbox/changes', query });

	it('lists injected mail newest first and reads it as summary, detail, raw body and clean content', async () => {
		const first = inject('First');
		const second = inject('Second', { html: '<p>See <a href="https://example.net/x">this</a></p>' });
		const list = await call<{ data: Summary[] }>(sim(), 'app', { path: '/mailbox/messages' });
		expect(list.body.data.map((m) => m.id)).toEqual([second.id, first.id]);
		const detail = await call<{ data: { text_body: string; flags: { seen: boolean } } }>(sim(), 'app', { path: `/mailbox/messages/${first.id}` });
		expect(detail.body.data).toMatchObject({ text_body: 'Body of First\n-- \nCustomer Inc.', flags: { seen: false } });
		const raw = await call<{ data: { body: { text: string; is_truncated: boolean } } }>(sim(), 'app', { path: `/mailbox/messages/${first.id}/body`, query: { part: 'text', max_body_chars: 4 } });
		expect(raw.body.data.body).toMatchObject({ text: 'Body', is_truncated: true });
		const content = await call<{ data: { body: { text: string; signature_stripped: boolean; extracted_links: string[] }; headers: { selected: { message_id: string[] } } } }>(sim(), 'app', {
			path: `/mailbox/messages/${second.id}/content`,
			query: { strip_signature: true, include_links: true },
		});
		expect(content.body.data.body).toMatchObject({ text: 'Body of Second', signature_stripped: true, extracted_links: ['https://example.net/x'] });
		expect(content.body.data.headers.selected.message_id).toEqual([second.messageId]);
	});

	it('gets, updates and deletes in batches, refusing a stale if_in_state with 409', async () => {
		const a = inject('A');
		const b = inject('B');
		const got = await call<{ data: { messages: Array<{ message: Summary; content: unknown; raw_body: unknown }>; not_found: string[] } }>(sim(), 'app', {
			method: 'POST',
			path: '/mailbox/messages:batch-get',
			body: { ids: [a.id, 'msg_missing'], body_mode: 'clean_json' },
		});
		expect(got.body.data.messages.map((m) => m.message.id)).toEqual([a.id]);
		expect(got.body.data.messages[0].content).not.toBeNull();
		expect(got.body.data.messages[0].raw_body).toBeNull();
		expect(got.body.data.not_found).toEqual(['msg_missing']);
		const stale = (await changes()).body.data.new_state;
		const updated = await call<{ data: { updated: string[]; states: { old_state: string; new_state: string } } }>(sim(), 'app', {
			method: 'POST',
			path: '/mailbox/messages:batch-update',
			body: { ids: [a.id, b.id], seen: true, if_in_state: stale },
		});
		expect(updated.body.data.updated).toEqual([a.id, b.id]);
		expect(updated.body.data.states.new_state).not.toBe(stale);
		const refused = await call(sim(), 'app', { method: 'POST', path: '/mailbox/messages:batch-delete', body: { ids: [a.id], if_in_state: stale } });
		expect(refused.status).toBe(409);
		const deleted = await call<{ data: { deleted: string[] } }>(sim(), 'app', { method: 'POST', path: '/mailbox/messages:batch-delete', body: { ids: [a.id] } });
		expect(deleted.body.data.deleted).toEqual([a.id]);
		const trash = await call<{ data: Array<{ id: string; role: string | null }> }>(sim(), 'app', { path: '/mailbox/folders' });
		const trashId = trash.body.data.find((f) => f.role === 'trash')?.id as string;
		const inTrash = await call<{ data: Summary[] }>(sim(), 'app', { path: '/mailbox/messages', query: { folder_id: trashId } });
		expect(inTrash.body.data.map((m) => m.id)).toEqual([a.id]);
	});

	it('threads a reply sent with In-Reply-To into the conversation and marks the original answered', async () => {
		const original = inject('Where is my order?');
		const sent = await call<{ data: { message_id: string } }>(sim(), 'app', {
			method: 'POST',
			path: '/mailbox/messages/send',
			headers: { 'Idempotency-Key': 'reply-1' },
			body: {
				to: [{ email: 'customer@example.net', name: 'Customer' }],
				subject: 'Re: Where is my order?',
				text_body: 'On its way.',
				custom_headers: { 'In-Reply-To': original.messageId },
			},
		});
		expect(sent.status).toBe(200);
		const thread = await call<{ data: { message_ids: string[]; message_count: number } }>(sim(), 'app', { path: `/mailbox/threads/${original.threadId}` });
		expect(thread.body.data).toMatchObject({ message_count: 2, message_ids: [original.id, sent.body.data.message_id] });
		const reply = await call<{ data: { headers: { selected: { in_reply_to: string; references: string[] } } } }>(sim(), 'app', { path: `/mailbox/messages/${sent.body.data.message_id}/content` });
		expect(reply.body.data.headers.selected).toMatchObject({ in_reply_to: original.messageId, references: [original.messageId] });
		const first = await call<{ data: Summary }>(sim(), 'app', { path: `/mailbox/messages/${original.id}` });
		expect(first.body.data.flags.answered).toBe(true);
		const threads = await call<{ data: Array<{ id: string; message_count: number }> }>(sim(), 'app', { path: '/mailbox/threads' });
		expect(threads.body.data).toEqual([expect.objectContaining({ id: original.threadId, message_count: 2 })]);
		expect(sim().control.acceptedMessages({ idempotencyKey: 'reply-1' })).toHaveLength(1);
	});

	it('delivers mail sent to a simulated mailbox into it', async () => {
		await call(sim(), 'sending', {
			method: 'POST',
			path: '/emails/send',
			key: sim().keys.sendOnly,
			body: { from: { email: 'shop@example.com' }, to: { email: 'agent@example.com' }, subject: 'Internal', html_body: '<p>hi</p>' },
		});
		await sim().control.settle();
		const list = await call<{ data: Summary[] }>(sim(), 'app', { path: '/mailbox/messages', query: { q: 'Internal' } });
		expect(list.body.data).toHaveLength(1);
	});

	it('reports changes since a state, paging with has_more, and sync_required for a forgotten state', async () => {
		const initial = await changes();
		expect(initial.body.data).toMatchObject({ old_state: null, created: [], has_more: false });
		const a = inject('A');
		const b = inject('B');
		const page = await changes({ messages_since_state: initial.body.data.new_state, limit: 1 });
		expect(page.body.data).toMatchObject({ created: [a.id], has_more: true });
		const rest = await changes({ messages_since_state: page.body.data.new_state });
		expect(rest.body.data).toMatchObject({ created: [b.id], has_more: false });
		await call(sim(), 'app', { method: 'PATCH', path: `/mailbox/messages/${a.id}`, body: { flagged: true } });
		await call(sim(), 'app', { method: 'DELETE', path: `/mailbox/messages/${b.id}`, query: { permanent: true } });
		const later = await changes({ messages_since_state: rest.body.data.new_state });
		expect(later.body.data).toMatchObject({ created: [], updated: [a.id], destroyed: [b.id] });
		const none = await changes({ messages_since_state: later.body.data.new_state });
		expect(none.body.data).toMatchObject({ created: [], updated: [], destroyed: [], has_more: false });
		const typed = await call<{ data: { types: { messages: Changes['data']; folders: Changes['data'] } } }>(sim(), 'app', {
			path: '/mailbox/changes',
			query: { types: 'messages,folders', since_state: initial.body.data.new_state },
		});
		expect(typed.body.data.types.messages.created).toEqual([a.id]);
		expect(typed.body.data.types.folders.updated.length).toBeGreaterThan(0);
		expect((await changes({ messages_since_state: 's999999' })).status).toBe(400);
		sim().control.configure({ changeRetention: 3 });
		for (let i = 0; i < 3; i++) inject(`Flood ${i}`);
		const forgotten = await changes({ messages_since_state: initial.body.data.new_state });
		expect(forgotten.body.data).toMatchObject({ sync_required: true, created: [] });
	});

	it('manages folders and the identity', async () => {
		const created = await call<{ data: { id: string; name: string; role: null } }>(sim(), 'app', { method: 'POST', path: '/mailbox/folders', body: { name: 'Invoices' } });
		expect(created.status).toBe(201);
		expect((await call(sim(), 'app', { method: 'POST', path: '/mailbox/folders', body: { name: 'invoices' } })).status).toBe(422);
		const inbox = (await call<{ data: Array<{ id: string; role: string | null }> }>(sim(), 'app', { path: '/mailbox/folders' })).body.data.find((f) => f.role === 'inbox');
		expect((await call(sim(), 'app', { method: 'DELETE', path: `/mailbox/folders/${inbox?.id}` })).status).toBe(409);
		expect((await call(sim(), 'app', { method: 'DELETE', path: `/mailbox/folders/${created.body.data.id}` })).status).toBe(200);
		const identity = await call<{ data: { email: string; name: string } }>(sim(), 'app', { method: 'PATCH', path: '/mailbox/identity', body: { name: 'Support', text_signature: 'Thanks' } });
		expect(identity.body.data).toMatchObject({ email: 'agent@example.com', name: 'Support' });
		const identities = await call<{ data: Array<{ name: string }> }>(sim(), 'app', { path: '/mailbox/identities' });
		expect(identities.body.data).toEqual([expect.objectContaining({ name: 'Support', text_signature: 'Thanks' })]);
	});

	it('streams attachments with byte ranges', async () => {
		const message = inject('With file', { attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('0123456789') }] });
		const detail = await call<{ data: { attachments: Array<{ id: string; size_bytes: number }> } }>(sim(), 'app', { path: `/mailbox/messages/${message.id}` });
		const attachment = detail.body.data.attachments[0];
		expect(attachment.size_bytes).toBe(10);
		const part = await call(sim(), 'app', { path: `/mailbox/messages/${message.id}/attachments/${attachment.id}`, headers: { Range: 'bytes=2-5' } });
		expect(part.status).toBe(206);
		expect(part.text).toBe('2345');
		expect(part.headers['content-range']).toBe('bytes 2-5/10');
	});
});
