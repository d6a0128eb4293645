import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

interface Changes {
	new_state: string;
	created: string[];
	updated: string[];
}

describe('simulator: Mailbox API session, quotas, usage and submissions', () => {
	const sim = useSimulator();

	let sends = 0;
	const send = async () => {
		const sent = await call<{ data: { message_id: string } }>(sim(), 'app', {
			method: 'POST',
			path: '/mailbox/messages/send',
			headers: { 'Idempotency-Key': `account-send-${++sends}` },
			body: { to: [{ email: 'someone@example.net', name: 'Someone' }], cc: [{ email: 'other@example.net', name: null }], subject: 'Hi', text_body: 'Hello' },
		});
		expect(sent.status, sent.text).toBe(200);
		return sent;
	};

	it('serves the session with the mailbox, its current states and an ETag', async () => {
		const session = await call<{ data: { mailbox: { email: string }; states: { messages: string; quotas: string } } }>(sim(), 'app', { path: '/mailbox/session' });
		expect(session.status).toBe(200);
		expect(session.body.data.mailbox.email).toBe('agent@example.com');
		expect(session.body.data.states.quotas).toBe(session.body.data.states.messages);
		const again = await call(sim(), 'app', { path: '/mailbox/session', headers: { 'If-None-Match': session.headers.etag } });
		expect(again.status).toBe(304);
		await send();
		const after = await call<{ data: { states: { messages: string } } }>(sim(), 'app', { path: '/mailbox/session' });
		expect(after.body.data.states.messages).not.toBe(session.body.data.states.messages);
	});

	it('counts stored mail in quotas and usage, and reports quota changes after a send', async () => {
		const before = await call<{ data: { new_state: string } }>(sim(), 'app', { path: '/mailbox/quotas/changes' });
		await send();
		const quotas = await call<{ data: Array<{ id: string; resource_type: string; used: number }> }>(sim(), 'app', {
			path: '/mailbox/quotas',
			query: { resource_type: 'count' },
		});
		expect(quotas.body.data).toEqual([expect.objectContaining({ id: 'qta_messages', used: 1 })]);
		const usage = await call<{ data: { resources: Array<{ quota_id: string; used: number; limit_status: string }> } }>(sim(), 'app', { path: '/mailbox/usage' });
		const storage = usage.body.data.resources.find((r) => r.quota_id === 'qta_storage');
		expect(storage?.used).toBeGreaterThan(0);
		expect(storage?.limit_status).toBe('ok');
		const changes = await call<{ data: Changes }>(sim(), 'app', { path: '/mailbox/quotas/changes', query: { since_state: before.body.data.new_state } });
		expect(changes.body.data.updated.sort()).toEqual(['qta_messages', 'qta_storage']);
	});

	it('records one submission per send, lists, gets and reports it as a change', async () => {
		const before = await call<{ data: { new_state: string } }>(sim(), 'app', { path: '/mailbox/submissions/changes' });
		const sent = await send();
		const list = await call<{ data: Array<{ id: string; email_id: string; envelope: { rcpt_to: Array<{ email: string }> } }> }>(sim(), 'app', {
			path: '/mailbox/submissions',
			query: { email_ids: sent.body.data.message_id },
		});
		expect(list.body.data).toHaveLength(1);
		expect(list.body.data[0].envelope.rcpt_to.map((r) => r.email)).toEqual(['someone@example.net', 'other@example.net']);
		const id = list.body.data[0].id;
		expect((await call<{ data: { email_id: string } }>(sim(), 'app', { path: `/mailbox/submissions/${id}` })).body.data.email_id).toBe(sent.body.data.message_id);
		expect((await call(sim(), 'app', { path: '/mailbox/submissions/sub_missing' })).status).toBe(404);
		const changes = await call<{ data: Changes }>(sim(), 'app', { path: '/mailbox/submissions/changes', query: { since_state: before.body.data.new_state } });
		expect(changes.body.data.created).toEqual([id]);
		const none = await call<{ data: unknown[] }>(sim(), 'app', { path: '/mailbox/submissions', query: { undo_status: 'pending' } });
		expect(none.body.data).toEqual([]);
	});
});
