import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { ANN, BOB, content, OWN, page, summary, threadSummary } from './fixtures';

describe('Thread → Get Many', () => {
	it('sends every filter and follows pages with Return All', async () => {
		const api = new SendmuxApi();
		api
			.app('GET', '/mailbox/threads')
			.ok([threadSummary('thr_1')], { pagination: page(true, 'n2') })
			.app('GET', '/mailbox/threads')
			.ok([threadSummary('thr_2')], { pagination: page(false) });
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'thread',
					operation: 'getMany',
					searchText: 'refund',
					returnAll: true,
					filters: {
						participant: 'ann@customer.test',
						folder: { __rl: true, mode: 'id', value: 'fld_inbox' },
						unreadOnly: true,
						hasAttachment: true,
						updatedAfter: '2026-11-01T00:00:00Z',
						updatedBefore: '2026-11-20T00:00:00+01:00',
					},
				},
			},
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(['thr_1', 'thr_2']);
		expect(items[0].json).toMatchObject({
			subject: 'Thread thr_1',
			message_count: 2,
			unread_count: 1,
			last_message: { id: 'msg_last_thr_1', unread: true },
		});
		const requests = api.requestsTo('GET', '/mailbox/threads');
		expect(requests[0].query).toEqual({
			q: 'refund',
			participant: 'ann@customer.test',
			folder_id: 'fld_inbox',
			is_unread: 'true',
			has_attachment: 'true',
			after: '2026-11-01T00:00:00Z',
			before: '2026-11-19T23:00:00Z',
			sort_direction: 'desc',
			limit: '100',
		});
		expect(requests[1].query.cursor).toBe('n2');
	});
});

describe('Thread → Get', () => {
	it('returns the conversation with its message IDs', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/threads/thr_1').ok({ ...threadSummary('thr_1'), message_ids: ['msg_a', 'msg_b'] });
		const { items } = await runNode({
			node: { parameters: { resource: 'thread', operation: 'get', threadId: 'thr_1' } },
		});
		expect(items[0].json).toMatchObject({ id: 'thr_1', message_ids: ['msg_a', 'msg_b'] });
		expect(JSON.stringify(items[0].json)).not.toContain('download_url');
	});
});

describe('Thread → Get Content', () => {
	it('reads the whole conversation, cleaned and oldest first, into one item', async () => {
		const api = new SendmuxApi();
		const first = content('msg_a', { thread_id: 'thr_1', subject: 'Refund', body: { text: 'I want a refund.' } });
		const second = content('msg_b', {
			thread_id: 'thr_1',
			subject: 'Re: Refund',
			participants: { from: OWN, to: [ANN], cc: [BOB] },
			body: { text: 'Done.' },
		});
		const meta = (cursorNote: string) => ({
			request_id: `req_${cursorNote}`,
			thread_id: 'thr_1',
			participants: [ANN, OWN],
			states: { email_state: 's', option_hash: 'o', thread_state: 't' },
		});
		api
			.app('GET', '/mailbox/threads/thr_1/content')
			.replyWith(() => [200, { ok: true, data: [first], pagination: page(true, 'p2'), meta: meta('1') }])
			.app('GET', '/mailbox/threads/thr_1/content')
			.replyWith(() => [200, { ok: true, data: [second], pagination: page(false), meta: meta('2') }]);
		const { items, error } = await runNode({
			node: { parameters: { resource: 'thread', operation: 'getContent', threadId: 'thr_1' } },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			thread_id: 'thr_1',
			subject: 'Refund',
			message_count: 2,
			participants: [ANN, OWN, BOB],
		});
		const messages = items[0].json.messages as Array<Record<string, unknown>>;
		expect(messages.map((m) => m.text)).toEqual(['I want a refund.', 'Done.']);
		expect(messages[0]).not.toHaveProperty('thread_id');
		const requests = api.requestsTo('GET', '/mailbox/threads/thr_1/content');
		expect(requests[0].query).toEqual({
			part: 'auto',
			strip_quotes: 'true',
			strip_signature: 'true',
			include_links: 'false',
			include_html: 'false',
			include_headers: 'none',
			include_attachments: 'metadata',
			sort: 'asc',
			max_body_chars: '4000',
			limit: '100',
		});
		expect(requests[1].query.cursor).toBe('p2');
	});
});

describe('Thread → Get Messages', () => {
	it('lists the messages of the conversation with Limit', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/threads/thr_1/messages').ok([summary('msg_a'), summary('msg_b')], {
			pagination: page(true, 'x'),
		});
		const { items } = await runNode({
			node: { parameters: { resource: 'thread', operation: 'getMessages', threadId: 'thr_1', limit: 2 } },
		});
		expect(items.map((item) => item.json.id)).toEqual(['msg_a', 'msg_b']);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].query).toEqual({ sort: 'asc', limit: '2' });
	});
});
