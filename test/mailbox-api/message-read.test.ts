import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { attachment, batchGetItem, content, fullMessage, page, rawBodyOf, sparseSummary, summary } from './fixtures';

const mailboxChosen = { __rl: true, mode: 'id', value: 'mbx_sales01' };

function ids(prefix: string, count: number): string[] {
	return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

describe('Message → Get Many (search)', () => {
	const filters = {
		from: 'ann@customer.test',
		to: 'agent@acme.test',
		cc: 'carol',
		bcc: 'dave',
		subject: 'invoice',
		body: 'overdue',
		folder: { __rl: true, mode: 'list', value: 'fld_inbox' },
		threadId: 'thr_9',
		unreadOnly: true,
		hasAttachment: true,
		receivedAfter: '2026-11-01T00:00:00',
		receivedBefore: '2026-11-20T12:00:00Z',
		keyword: 'needs_reply',
		notKeyword: 'agent_triaged',
		minSizeBytes: 100,
		maxSizeBytes: 5000000,
		headerName: 'X-Order-ID',
		headerValue: '4711',
	};

	it('follows the cursor over 3 pages with Return All and sends every filter', async () => {
		const api = new SendmuxApi();
		api
			.app('GET', '/mailbox/messages')
			.times(3)
			.replyWith((request) => {
				const cursor = request.query.cursor;
				if (cursor === undefined) return [200, okPage(ids('msg_a', 100), page(true, 'c2'))];
				if (cursor === 'c2') return [200, okPage(ids('msg_b', 100), page(true, 'c3'))];
				return [200, okPage(ids('msg_c', 7), page(false))];
			});
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'getMany',
					searchText: 'march invoice',
					returnAll: true,
					filters,
					sort: { sortBy: 'received_at', sortDirection: 'asc' },
				},
			},
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(207);
		expect(items[0].json).toMatchObject({ id: 'msg_a0', unread: true, from: { email: 'ann@customer.test' } });
		expect(items[206].json.id).toBe('msg_c6');
		expect(items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const requests = api.requestsTo('GET', '/mailbox/messages');
		expect(requests.map((r) => r.query.cursor)).toEqual([undefined, 'c2', 'c3']);
		expect(requests[0].query).toEqual({
			q: 'march invoice',
			from: 'ann@customer.test',
			to: 'agent@acme.test',
			cc: 'carol',
			bcc: 'dave',
			subject: 'invoice',
			body: 'overdue',
			folder_id: 'fld_inbox',
			thread_id: 'thr_9',
			is_unread: 'true',
			has_attachment: 'true',
			// The picker's wall-clock time is read in the workflow's zone (n8n's default, New York: UTC-4 that day).
			after: '2026-11-01T04:00:00Z',
			before: '2026-11-20T12:00:00Z',
			keyword: 'needs_reply',
			not_keyword: 'agent_triaged',
			min_size_bytes: '100',
			max_size_bytes: '5000000',
			header_name: 'X-Order-ID',
			header_value: '4711',
			sort_by: 'received_at',
			sort_direction: 'asc',
			limit: '100',
		});
		expect(requests.some((r) => 'mailbox_id' in r.query)).toBe(false);
	});

	it('stops exactly at Limit, asking only for what is still wanted', async () => {
		const api = new SendmuxApi();
		api
			.app('GET', '/mailbox/messages')
			.times(3)
			.replyWith((request) => {
				const want = Number(request.query.limit);
				const cursor = request.query.cursor;
				const prefix = cursor === undefined ? 'msg_a' : cursor === 'c2' ? 'msg_b' : 'msg_c';
				const next = cursor === undefined ? 'c2' : cursor === 'c2' ? 'c3' : 'c4';
				return [200, okPage(ids(prefix, want), page(true, next))];
			});
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'getMany',
					returnAll: false,
					limit: 250,
					filters: { from: 'ann@customer.test' },
					mailbox: mailboxChosen,
				},
			},
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		const requests = api.requestsTo('GET', '/mailbox/messages');
		expect(requests.map((r) => r.query.limit)).toEqual(['100', '100', '50']);
		expect(requests.every((r) => r.query.mailbox_id === 'mbx_sales01')).toBe(true);
	});

	it('returns every field (download links removed) with Simplify off', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages').ok(
			[summary('msg_1', { has_attachments: true, attachments: [attachment('att_1', 'a.pdf', 'application/pdf', 10)] })],
			{ pagination: page(false) },
		);
		const { items } = await runNode({
			node: { parameters: { resource: 'message', operation: 'getMany', returnAll: true, simplify: false } },
		});
		expect(items[0].json).toMatchObject({ id: 'msg_1', bcc: [], size_bytes: 2048 });
		expect(JSON.stringify(items[0].json)).not.toContain('download_token');
	});

	it('refuses a Header Name without Header Value before any request', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({
			node: {
				parameters: { resource: 'message', operation: 'getMany', returnAll: true, filters: { headerName: 'X-A' } },
			},
		});
		expect(error?.message).toBe('Header Name and Header Value go together (item 0)');
		expect(api.requests).toHaveLength(0);
	});
});

describe('Message → Get', () => {
	it('Clean Content (the default) reads /content with the agent-friendly settings', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/msg_1/content').ok(
			content('msg_1', {
				participants: { reply_to: [{ email: 'support@customer.test', name: null }] },
				attachments: [attachment('att_1', 'invoice.pdf', 'application/pdf', 1234)],
			}),
		);
		const { items, error } = await runNode({
			node: { parameters: { resource: 'message', operation: 'get', messageId: 'msg_1' } },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			id: 'msg_1',
			thread_id: 'thr_msg_1',
			subject: 'Subject of msg_1',
			from: { email: 'ann@customer.test', name: 'Ann Lee' },
			to: [{ email: 'agent@acme.test', name: 'Acme Agent' }],
			cc: [],
			reply_to: [{ email: 'support@customer.test', name: null }],
			received_at: '2026-11-20T09:30:00Z',
			sent_at: '2026-11-20T09:29:58Z',
			text: 'Clean text of msg_1',
			is_truncated: false,
			quotes_stripped: true,
			signature_stripped: true,
			attachments: [
				{ id: 'att_1', filename: 'invoice.pdf', content_type: 'application/pdf', size_bytes: 1234, disposition: 'attachment' },
			],
		});
		expect(api.requests[0].query).toEqual({
			part: 'auto',
			strip_quotes: 'true',
			strip_signature: 'true',
			include_links: 'false',
			include_html: 'false',
			include_headers: 'none',
			include_attachments: 'metadata',
			max_body_chars: '20000',
		});
	});

	it('Clean Content passes the chosen options', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/msg_1/content').ok(
			content('msg_1', {
				body: { html: '<p>x</p>', extracted_links: ['https://x.test'] },
				headers: { mode: 'selected', selected: { message_id: ['<m1@customer.test>'] } },
			}),
		);
		const { items } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'get',
					messageId: 'msg_1',
					output: 'cleanContent',
					options: {
						part: 'html',
						stripQuotes: false,
						stripSignature: false,
						includeLinks: true,
						includeHtml: true,
						includeHeaders: 'selected',
						maxChars: 0,
					},
					mailbox: mailboxChosen,
				},
			},
		});
		expect(api.requests[0].query).toEqual({
			part: 'html',
			strip_quotes: 'false',
			strip_signature: 'false',
			include_links: 'true',
			include_html: 'true',
			include_headers: 'selected',
			include_attachments: 'metadata',
			mailbox_id: 'mbx_sales01',
		});
		expect(items[0].json).toMatchObject({
			html: '<p>x</p>',
			links: ['https://x.test'],
			headers: { message_id: ['<m1@customer.test>'] },
		});
	});

	it('Simplified reads the message and keeps it compact', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/msg_1').ok(
			fullMessage('msg_1', {
				has_attachments: true,
				attachments: [attachment('att_1', 'invoice.pdf', 'application/pdf', 1234)],
				flags: { seen: true, flagged: true, answered: false, draft: false },
				keywords: ['needs_reply'],
			}),
		);
		const { items } = await runNode({
			node: { parameters: { resource: 'message', operation: 'get', messageId: 'msg_1', output: 'simplified' } },
		});
		expect(items[0].json).toEqual({
			id: 'msg_1',
			thread_id: 'thr_msg_1',
			subject: 'Subject of msg_1',
			from: { email: 'ann@customer.test', name: 'Ann Lee' },
			to: [{ email: 'agent@acme.test', name: 'Acme Agent' }],
			cc: [],
			received_at: '2026-11-20T09:30:00Z',
			preview: 'Preview of msg_1',
			unread: false,
			flagged: true,
			answered: false,
			keywords: ['needs_reply'],
			folder_ids: ['fld_inbox'],
			has_attachments: true,
			attachment_names: ['invoice.pdf'],
			text: 'Text of msg_1',
		});
	});

	it('Raw returns the stored bodies from /body', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/msg_1/body').ok(rawBodyOf('msg_1', 'both'));
		const { items } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'get',
					messageId: 'msg_1',
					output: 'raw',
					options: { maxChars: 0 },
				},
			},
		});
		expect(api.requests[0].query).toEqual({ part: 'both' });
		expect(items[0].json).toEqual(rawBodyOf('msg_1', 'both'));
	});

	it('many items are read through :batch-get, one output per input, paired', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages:batch-get').replyWith((request) => {
			const body = request.body as { ids: string[] };
			const found = body.ids.filter((id) => id !== 'msg_missing');
			return [
				200,
				{
					ok: true,
					data: {
						messages: found.map((id) => batchGetItem(id)),
						not_found: body.ids.filter((id) => id === 'msg_missing'),
						states: { email_state: 'st_1' },
					},
					meta: { request_id: 'req_1' },
				},
			];
		});
		const input = ['msg_1', 'msg_missing', 'msg_3'].map((id) => ({ json: { id } }));
		const { items, error } = await runNode({
			node: {
				parameters: { resource: 'message', operation: 'get', messageId: '={{ $json.id }}' },
				settings: { continueOnFail: true },
			},
			input,
		});
		expect(error).toBeUndefined();
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].body).toEqual({
			ids: ['msg_1', 'msg_missing', 'msg_3'],
			body_mode: 'clean_json',
			part: 'auto',
			strip_quotes: true,
			strip_signature: true,
			include_links: false,
			include_html: false,
			include_headers: 'none',
			include_attachments: 'metadata',
			max_body_chars: 20000,
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ id: 'msg_1', text: 'Clean text of msg_1' });
		expect(items[1].json).toMatchObject({ code: 'not_found' });
		expect(String(items[1].json.error)).toContain('msg_missing');
		expect(items[2].json).toMatchObject({ id: 'msg_3' });
	});

	it('batch Simplified has the same shape as single Simplified, and downloads each item\'s attachments', async () => {
		const api = new SendmuxApi();
		const files = { msg_1: Buffer.from('first file'), msg_2: Buffer.from('second file') };
		api.app('POST', '/mailbox/messages:batch-get').ok({
			messages: (['msg_1', 'msg_2'] as const).map((id) =>
				batchGetItem(
					id,
					{ summary: { has_attachments: true, attachments: [attachment(`att_${id}`, `${id}.txt`, 'text/plain', files[id].length)] } },
					'raw',
				),
			),
			not_found: [],
			states: { email_state: null },
		});
		for (const id of ['msg_1', 'msg_2'] as const) {
			api
				.app('GET', `/mailbox/messages/${id}/attachments/att_${id}`)
				.replyWith(() => [200, files[id], { 'Content-Type': 'text/plain' }]);
		}
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'get',
					messageId: '={{ $json.id }}',
					output: 'simplified',
					options: { downloadAttachments: true, binaryPrefix: 'file_' },
				},
			},
			input: [{ json: { id: 'msg_1' } }, { json: { id: 'msg_2' } }],
		});
		expect(error).toBeUndefined();
		expect(api.requestsTo('POST', '/mailbox/messages:batch-get')[0].body).toEqual({
			ids: ['msg_1', 'msg_2'],
			body_mode: 'raw',
			part: 'text',
			include_headers: 'none',
			include_attachments: 'metadata',
		});
		expect(Object.keys(items[0].json).sort()).toEqual(
			[
				'id', 'thread_id', 'subject', 'from', 'to', 'cc', 'received_at', 'preview', 'unread', 'flagged',
				'answered', 'keywords', 'folder_ids', 'has_attachments', 'attachment_names', 'text',
			].sort(),
		);
		expect(items[1].json).toMatchObject({ id: 'msg_2', text: 'Raw text of msg_2', attachment_names: ['msg_2.txt'] });
		expect(items[0].binary?.file_0).toMatchObject({ fileName: 'msg_1.txt', mimeType: 'text/plain' });
		expect(Buffer.from(items[1].binary?.file_0.data as string, 'base64').toString()).toBe('second file');
	});

	describe('every shape :batch-get may answer (the other body null, nullable fields null, optional fields absent)', () => {
		function batchReply(api: SendmuxApi, items: unknown[]) {
			api.app('POST', '/mailbox/messages:batch-get').ok({ messages: items, not_found: [], states: { email_state: null } });
		}
		const input = [{ json: { id: 'msg_1' } }, { json: { id: 'msg_2' } }];

		it('Raw: content is null and the summary lists no attachments; Download Attachments still finds them', async () => {
			const api = new SendmuxApi();
			batchReply(api, [
				{ ...batchGetItem('msg_1', { rawPart: 'both' }, 'raw'), message: sparseSummary('msg_1', { has_attachments: true }) },
				{ ...batchGetItem('msg_2', { rawPart: 'both' }, 'raw'), message: sparseSummary('msg_2') },
			]);
			api.app('GET', '/mailbox/messages/msg_1/content').ok(content('msg_1', { attachments: [attachment('att_1', 'a.txt', 'text/plain', 3)] }));
			api.app('GET', '/mailbox/messages/msg_1/attachments/att_1').replyWith(() => [200, Buffer.from('abc'), { 'Content-Type': 'text/plain' }]);
			const { items, error } = await runNode({
				node: {
					parameters: {
						resource: 'message',
						operation: 'get',
						messageId: '={{ $json.id }}',
						output: 'raw',
						options: { downloadAttachments: true },
					},
				},
				input,
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([rawBodyOf('msg_1', 'both'), rawBodyOf('msg_2', 'both')]);
			expect(Buffer.from(items[0].binary?.attachment_0.data as string, 'base64').toString()).toBe('abc');
			expect(items[1].binary).toBeUndefined();
		});

		it('Simplified: content is null, the summary is sparse', async () => {
			const api = new SendmuxApi();
			batchReply(api, [
				{ ...batchGetItem('msg_1', {}, 'raw'), message: sparseSummary('msg_1') },
				batchGetItem('msg_2', {}, 'raw'),
			]);
			const { items, error } = await runNode({
				node: { parameters: { resource: 'message', operation: 'get', messageId: '={{ $json.id }}', output: 'simplified' } },
				input,
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ id: 'msg_1', subject: null, thread_id: null, preview: null, attachment_names: [], text: 'Raw text of msg_1' });
			expect(items[1].json).toMatchObject({ id: 'msg_2', text: 'Raw text of msg_2' });
		});

		it('Clean Content: a message whose content is null still gives an item, with its summary and no text', async () => {
			const api = new SendmuxApi();
			batchReply(api, [{ ...batchGetItem('msg_1'), content: null }, batchGetItem('msg_2')]);
			const { items, error } = await runNode({
				node: { parameters: { resource: 'message', operation: 'get', messageId: '={{ $json.id }}' } },
				input,
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toEqual({
				id: 'msg_1',
				thread_id: 'thr_msg_1',
				subject: 'Subject of msg_1',
				from: { email: 'ann@customer.test', name: 'Ann Lee' },
				to: [{ email: 'agent@acme.test', name: 'Acme Agent' }],
				cc: [],
				received_at: '2026-11-20T09:30:00Z',
				sent_at: '2026-11-20T09:29:58Z',
				text: null,
				is_truncated: false,
				quotes_stripped: false,
				signature_stripped: false,
				attachments: [],
			});
			expect(items[1].json).toMatchObject({ id: 'msg_2', text: 'Clean text of msg_2' });
		});

		it('Raw: a message whose raw body is null gives its ID with empty bodies', async () => {
			const api = new SendmuxApi();
			batchReply(api, [{ ...batchGetItem('msg_1', {}, 'raw'), raw_body: null }, batchGetItem('msg_2', {}, 'raw')]);
			const { items, error } = await runNode({
				node: { parameters: { resource: 'message', operation: 'get', messageId: '={{ $json.id }}', output: 'raw', options: { rawPart: 'text' } } },
				input,
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toEqual({
				id: 'msg_1',
				thread_id: 'thr_msg_1',
				part: 'text',
				body: { text: null, html: null, is_truncated: false, truncated_at_chars: null },
				states: { email_state: null },
			});
		});

		it('single Simplified: a message without an attachment list still downloads its attachments', async () => {
			const api = new SendmuxApi();
			const message: Record<string, unknown> = { ...fullMessage('msg_1', { has_attachments: true }) };
			delete message.attachments;
			api.app('GET', '/mailbox/messages/msg_1').ok(message);
			api.app('GET', '/mailbox/messages/msg_1/content').ok(content('msg_1', { attachments: [attachment('att_1', 'a.txt', 'text/plain', 3)] }));
			api.app('GET', '/mailbox/messages/msg_1/attachments/att_1').replyWith(() => [200, Buffer.from('abc'), { 'Content-Type': 'text/plain' }]);
			const { items, error } = await runNode({
				node: {
					parameters: { resource: 'message', operation: 'get', messageId: 'msg_1', output: 'simplified', options: { downloadAttachments: true } },
				},
			});
			expect(error).toBeUndefined();
			expect(items[0].binary?.attachment_0).toMatchObject({ fileName: 'a.txt', mimeType: 'text/plain' });
		});
	});

	it('refuses an empty Message ID before any request', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({
			node: { parameters: { resource: 'message', operation: 'get', messageId: '  ' } },
		});
		expect(error?.message).toBe('Message ID is empty in item 0');
		expect(api.requests).toHaveLength(0);
	});
});

function okPage(messageIds: string[], pagination: { has_more: boolean; next_cursor?: string }) {
	return { ok: true, data: messageIds.map((id) => summary(id)), pagination, meta: { request_id: 'req_page' } };
}
