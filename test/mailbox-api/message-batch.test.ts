import { describe, expect, it } from 'vitest';

import type { RecordedRequest, Reply } from '../harness/sendmuxApi';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { batchGetItem, fullMessage } from './fixtures';

const input = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { id: `msg_${i}` } }));

/** :batch-update that refuses `refused` and finds no message `missing`, updating the rest. */
function batchUpdateReply(refused: string, missing?: string) {
	return (request: RecordedRequest): Reply => {
		const { ids } = request.body as { ids: string[] };
		return [
			200,
			{
				ok: true,
				data: {
					updated: ids.filter((id) => id !== refused && id !== missing),
					not_found: ids.filter((id) => id === missing),
					failed: ids
						.filter((id) => id === refused)
						.map((id) => ({ id, code: 'keyword_read_only', message: 'Keyword $draft is read-only' })),
					states: { old_state: 's1', new_state: 's2' },
				},
				meta: { request_id: 'req_b' },
			},
		];
	};
}

const updateParameters = {
	resource: 'message',
	operation: 'update',
	messageId: '={{ $json.id }}',
	updateFields: { seen: true, addKeywords: 'agent_triaged, Needs_Reply', removeKeywords: 'inbox_new' },
};

describe('Message → Update over many items', () => {
	it('250 items → 3 batch calls, 250 paired outputs, one failure as its own item (Continue On Fail)', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-update').times(3).replyWith(batchUpdateReply('msg_150'));
		const { items, error } = await runNode({
			node: { parameters: updateParameters, settings: { continueOnFail: true } },
			input: input(250),
		});
		expect(error).toBeUndefined();
		const calls = api.requestsTo('POST', '/mailbox/messages:batch-update');
		expect(calls.map((call) => (call.body as { ids: string[] }).ids.length)).toEqual([100, 100, 50]);
		expect(calls[0].body).toEqual({
			ids: Array.from({ length: 100 }, (_, i) => `msg_${i}`),
			seen: true,
			keywords: { agent_triaged: true, needs_reply: true, inbox_new: false },
		});
		expect(items).toHaveLength(250);
		items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		expect(items[149].json).toEqual({
			id: 'msg_149',
			updated: true,
			seen: true,
			keywords_added: ['agent_triaged', 'needs_reply'],
			keywords_removed: ['inbox_new'],
		});
		expect(items[150].json).toMatchObject({
			error: 'Message msg_150 could not be updated: Keyword $draft is read-only',
			code: 'keyword_read_only',
		});
		expect(items.filter((item) => 'error' in item.json)).toHaveLength(1);
	});

	it('without Continue On Fail the failure stops the node after its batch, naming the item', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-update').times(2).replyWith(batchUpdateReply('msg_150'));
		const { error } = await runNode({ node: { parameters: updateParameters }, input: input(250) });
		expect(error?.message).toBe('Message msg_150 could not be updated: Keyword $draft is read-only');
		expect(error?.description).toContain('199 other message(s) had already been updated');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(150);
		// The third batch was not sent.
		expect(api.requestsTo('POST', '/mailbox/messages:batch-update')).toHaveLength(2);
	});

	it('a message that is not found fails only its own item', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-update').replyWith(batchUpdateReply('none', 'msg_1'));
		const { items } = await runNode({
			node: { parameters: updateParameters, settings: { continueOnFail: true } },
			input: input(3),
		});
		expect(items.map((item) => item.json.code ?? 'ok')).toEqual(['ok', 'not_found', 'ok']);
	});

	it('items with different changes go in different batch calls; an item with an ETag goes alone with If-Match', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-update').times(2).replyWith(batchUpdateReply('none'));
		api.app('PATCH', '/mailbox/messages/msg_4').ok(fullMessage('msg_4'));
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'update',
					messageId: '={{ $json.id }}',
					updateFields: { flagged: '={{ $json.flag }}' },
					options: { ifMatch: '={{ $json.etag ?? "" }}' },
				},
			},
			input: [
				{ json: { id: 'msg_0', flag: true } },
				{ json: { id: 'msg_1', flag: false } },
				{ json: { id: 'msg_2', flag: true } },
				{ json: { id: 'msg_3', flag: false } },
				{ json: { id: 'msg_4', flag: true, etag: 'W/"e4"' } },
			],
		});
		expect(error).toBeUndefined();
		const calls = api.requestsTo('POST', '/mailbox/messages:batch-update');
		expect(calls.map((call) => call.body)).toEqual([
			{ ids: ['msg_0', 'msg_2'], flagged: true },
			{ ids: ['msg_1', 'msg_3'], flagged: false },
		]);
		const patch = api.requestsTo('PATCH', '/mailbox/messages/msg_4')[0];
		expect(patch.headers['if-match']).toBe('W/"e4"');
		expect(patch.body).toEqual({ flagged: true });
		expect(items.map((item) => item.json.flagged)).toEqual([true, false, true, false, true]);
	});

	it('a 409 to If-Match says the message changed', async () => {
		const api = new SendmuxApi();
		api.app('PATCH', '/mailbox/messages/msg_1').error(409, 'conflict', 'Message state changed');
		const { error } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'update',
					messageId: 'msg_1',
					updateFields: { seen: false },
					options: { ifMatch: 'W/"old"' },
				},
			},
		});
		expect(error?.message).toBe('Message state changed');
		expect(error?.description).toContain('changed since its ETag was read');
	});

	it('refuses an update with nothing to change, and a keyword both added and removed, before any request', async () => {
		const api = new SendmuxApi();
		const nothing = await runNode({
			node: { parameters: { resource: 'message', operation: 'update', messageId: 'msg_1', updateFields: {} } },
		});
		expect(nothing.error?.message).toBe('Nothing to update in item 0');
		const both = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'update',
					messageId: 'msg_1',
					updateFields: { addKeywords: 'a', removeKeywords: 'A' },
				},
			},
		});
		expect(both.error?.message).toBe('Keyword "a" is both added and removed in item 0');
		const bad = await runNode({
			node: {
				parameters: { resource: 'message', operation: 'update', messageId: 'msg_1', updateFields: { addKeywords: 'needs reply' } },
			},
		});
		expect(bad.error?.message).toBe('Add Keywords of item 0 has an invalid keyword: "needs reply"');
		expect(api.requests).toHaveLength(0);
	});
});

describe('Message → Delete', () => {
	it('moves to Trash by default; many items go through :batch-delete', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-delete').replyWith((request) => {
			const { ids } = request.body as { ids: string[] };
			return [
				200,
				{
					ok: true,
					data: { deleted: ids, not_found: [], failed: [], states: { old_state: null, new_state: 's2' } },
					meta: { request_id: 'req_d' },
				},
			];
		});
		const { items } = await runNode({
			node: { parameters: { resource: 'message', operation: 'delete', messageId: '={{ $json.id }}' } },
			input: input(3),
		});
		expect(api.requests[0].body).toEqual({ ids: ['msg_0', 'msg_1', 'msg_2'] });
		expect(items.map((item) => item.json)).toEqual([
			{ id: 'msg_0', deleted: true, permanent: false },
			{ id: 'msg_1', deleted: true, permanent: false },
			{ id: 'msg_2', deleted: true, permanent: false },
		]);
	});

	it('Permanently erases; one item uses DELETE with permanent=true and the mailbox', async () => {
		const api = new SendmuxApi();
		api.app('DELETE', '/mailbox/messages/msg_1').ok({ id: 'msg_1', deleted: true });
		const { items } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'delete',
					messageId: 'msg_1',
					options: { permanent: true },
					mailbox: { __rl: true, mode: 'id', value: 'mbx_sales01' },
				},
			},
		});
		expect(api.requests[0].query).toEqual({ permanent: 'true', mailbox_id: 'mbx_sales01' });
		expect(items[0].json).toEqual({ id: 'msg_1', deleted: true, permanent: true });
	});

	it('a per-message failure of :batch-delete is that item error', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-delete').replyWith(() => [
			200,
			{
				ok: true,
				data: {
					deleted: ['msg_0'],
					not_found: [],
					failed: [{ id: 'msg_1', code: 'forbidden', message: 'Message is locked' }],
					states: { old_state: null, new_state: null },
				},
				meta: { request_id: 'req_d' },
			},
		]);
		const { items } = await runNode({
			node: {
				parameters: { resource: 'message', operation: 'delete', messageId: '={{ $json.id }}', options: { permanent: true } },
				settings: { continueOnFail: true },
			},
			input: input(2),
		});
		expect(api.requests[0].body).toEqual({ ids: ['msg_0', 'msg_1'], permanent: true });
		expect(items[1].json).toMatchObject({ error: 'Message msg_1 could not be deleted: Message is locked', code: 'forbidden' });
	});
});

describe('Batch answers that leave some IDs out', () => {
	/** :batch-delete that deletes every ID but says nothing at all about `silent`. */
	const deleteAllBut = (silent: string) => (request: RecordedRequest): Reply => {
		const { ids } = request.body as { ids: string[] };
		return [
			200,
			{
				ok: true,
				data: { deleted: ids.filter((id) => id !== silent), not_found: [], failed: [], states: { old_state: 's1', new_state: 's2' } },
				meta: { request_id: 'req_d' },
			},
		];
	};
	const deleteParameters = { resource: 'message', operation: 'delete', messageId: '={{ $json.id }}' };

	it('Continue On Fail: the message without a result is its own item, reported as unknown; every other item succeeds', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-delete').times(2).replyWith(deleteAllBut('msg_5'));
		const { items, error } = await runNode({
			node: { parameters: deleteParameters, settings: { continueOnFail: true } },
			input: input(150),
		});
		expect(error).toBeUndefined();
		expect(api.requestsTo('POST', '/mailbox/messages:batch-delete')).toHaveLength(2);
		expect(items).toHaveLength(150);
		expect(items[5].json).toMatchObject({
			error: "Sendmux's answer gave no result for message msg_5: it may or may not have been deleted",
			code: 'no_result',
			messageId: 'msg_5',
		});
		expect(String(items[5].json.description)).toContain('Check them with Message → Get');
		expect(items.filter((item) => 'error' in item.json)).toHaveLength(1);
		expect(items[149].json).toEqual({ id: 'msg_149', deleted: true, permanent: false });
	});

	it('without Continue On Fail: every call is still made, then one error names the messages without a result', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-delete').times(2).replyWith(deleteAllBut('msg_5'));
		const { error } = await runNode({ node: { parameters: deleteParameters }, input: input(150) });
		const calls = api.requestsTo('POST', '/mailbox/messages:batch-delete');
		expect(calls.map((call) => (call.body as { ids: string[] }).ids.length)).toEqual([100, 50]);
		expect(error?.message).toBe("Sendmux's answer gave no result for 1 message(s): msg_5");
		expect(error?.description).toContain('149 other message(s) were deleted; every item was sent.');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(5);
	});

	it('many messages without a result: the error lists 10 of them and counts the rest', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-delete').replyWith(() => [
			200,
			{ ok: true, data: { deleted: [], not_found: [], failed: [], states: { old_state: 's1', new_state: 's1' } }, meta: { request_id: 'req_d' } },
		]);
		const { error } = await runNode({ node: { parameters: deleteParameters }, input: input(40) });
		expect(error?.message).toBe(
			"Sendmux's answer gave no result for 40 message(s): msg_0, msg_1, msg_2, msg_3, msg_4, msg_5, msg_6, msg_7, msg_8, msg_9 … and 30 more",
		);
	});

	it('Get: a message neither returned nor listed as not found is reported as without a result, not as missing', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-get').replyWith((request) => {
			const { ids } = request.body as { ids: string[] };
			return [
				200,
				{
					ok: true,
					data: { messages: ids.filter((id) => id === 'msg_0').map((id) => batchGetItem(id)), not_found: ['msg_1'], states: { email_state: 'st_1' } },
					meta: { request_id: 'req_g' },
				},
			];
		});
		const { items } = await runNode({
			node: { parameters: { resource: 'message', operation: 'get', messageId: '={{ $json.id }}' }, settings: { continueOnFail: true } },
			input: input(3),
		});
		expect(items.map((item) => item.json.code ?? 'ok')).toEqual(['ok', 'not_found', 'no_result']);
		expect(items[2].json.error).toBe("Sendmux's answer gave no result for message msg_2: it may or may not have been read");
	});

	it('Update: the message without a result does not stop the node before the next call', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-update').times(2).replyWith((request) => {
			const { ids } = request.body as { ids: string[] };
			return [
				200,
				{
					ok: true,
					data: { updated: ids.filter((id) => id !== 'msg_42'), not_found: [], failed: [], states: { old_state: 's1', new_state: 's2' } },
					meta: { request_id: 'req_u' },
				},
			];
		});
		const { error } = await runNode({ node: { parameters: updateParameters }, input: input(120) });
		expect(api.requestsTo('POST', '/mailbox/messages:batch-update')).toHaveLength(2);
		expect(error?.message).toBe("Sendmux's answer gave no result for 1 message(s): msg_42");
		expect(error?.description).toContain('119 other message(s) were updated');
	});
});
