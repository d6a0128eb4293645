import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';

describe('Message → Count', () => {
	it('counts with the search and filters', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/count').ok({ total: 42, sync_state: 's1' });
		const { items } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'count',
					searchText: 'invoice',
					filters: { unreadOnly: true, keyword: 'needs_reply' },
				},
			},
		});
		expect(items[0].json).toEqual({ total: 42 });
		expect(api.requests[0].query).toEqual({ q: 'invoice', is_unread: 'true', keyword: 'needs_reply' });
	});
});

describe('Message → Get Search Snippets', () => {
	it('returns one item per snippet, for the given messages', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/search-snippets').ok({
			snippets: [
				{ message_id: 'msg_1', subject: 'March <mark>invoice</mark>', preview: 'the <mark>invoice</mark> is due' },
				{ message_id: 'msg_2', subject: null, preview: null },
			],
			not_found: ['msg_9'],
			sync_state: null,
		});
		const { items } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'getSnippets',
					searchText: 'invoice',
					messageIds: 'msg_1, msg_2 ,msg_9',
					limit: 10,
					filters: { from: 'ann' },
				},
			},
		});
		expect(items.map((item) => item.json.message_id)).toEqual(['msg_1', 'msg_2']);
		expect(api.requests[0].query).toEqual({ q: 'invoice', from: 'ann', message_ids: 'msg_1,msg_2,msg_9', limit: '10' });
	});

	it('needs Search Text, also when an expression resolves to nothing', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({
			node: { parameters: { resource: 'message', operation: 'getSnippets', searchText: '={{ $json.q }}' } },
			input: [{ json: { q: ' ' } }],
		});
		expect(error?.message).toBe('Search Text is empty in item 0');
		expect(api.requests).toHaveLength(0);
	});
});
