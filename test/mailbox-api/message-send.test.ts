import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { ANN, attachment, bytesOf, content, identity, OWN } from './fixtures';

const LARGE = randomBytes(1024 * 1024 + 10);

function binaryItem(json: IDataObject, files: Record<string, { bytes: Buffer; fileName: string; mimeType: string }>) {
	return {
		json,
		binary: Object.fromEntries(
			Object.entries(files).map(([name, file]) => [
				name,
				{ data: file.bytes.toString('base64'), fileName: file.fileName, mimeType: file.mimeType },
			]),
		),
	};
}

describe('Message → Send', () => {
	it('sends recipients as { email, name } with name null when none is given', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/identities').ok(
			[identity('idn_1', OWN.email, 'Acme Agent'), identity('idn_2', 'sales@acme.test', 'Acme Sales')],
			{ pagination: { has_more: false } },
		);
		api.app('POST', '/mailbox/messages/send').ok({ message_id: 'msg_new', status: 'queued' });
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'send',
					to: 'ann@customer.test, "Lee, Bob" <bob@customer.test>',
					subject: 'Your order',
					text: 'Hello',
					html: '<p>Hello</p>',
					mailbox: { __rl: true, mode: 'list', value: 'mbx_sales01' },
					options: {
						cc: 'carol@customer.test',
						bcc: 'audit@acme.test',
						replyTo: 'Support <support@acme.test>',
						identity: { __rl: true, mode: 'list', value: 'idn_2' },
						customHeaders: { header: [{ name: 'X-Order-ID', value: '4711' }] },
					},
				},
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ message_id: 'msg_new', status: 'queued' });
		const send = api.requestsTo('POST', '/mailbox/messages/send')[0];
		expect(send.query).toEqual({ mailbox_id: 'mbx_sales01' });
		expect(api.requestsTo('GET', '/mailbox/identities')[0].query).toMatchObject({ mailbox_id: 'mbx_sales01' });
		expect(send.body).toEqual({
			to: [
				{ email: 'ann@customer.test', name: null },
				{ email: 'bob@customer.test', name: 'Lee, Bob' },
			],
			cc: [{ email: 'carol@customer.test', name: null }],
			bcc: [{ email: 'audit@acme.test', name: null }],
			reply_to: [{ email: 'support@acme.test', name: 'Support' }],
			from: { email: 'sales@acme.test', name: 'Acme Sales' },
			subject: 'Your order',
			text_body: 'Hello',
			html_body: '<p>Hello</p>',
			custom_headers: { 'X-Order-ID': '4711' },
		});
	});

	it('keeps one Idempotency-Key and one body across Retry On Fail, uploading a large file once', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/attachments:upload').ok({
			blob_id: 'blob_1',
			filename: 'big.bin',
			content_type: 'application/octet-stream',
			size_bytes: LARGE.length,
		});
		api
			.app('POST', '/mailbox/messages/send')
			.error(503, 'service_unavailable', 'Mailbox service unavailable', { retryable: true })
			.app('POST', '/mailbox/messages/send')
			.ok({ message_id: 'msg_new', status: 'queued' });
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'send',
					to: 'ann@customer.test',
					subject: 'Report',
					text: 'Attached.',
					options: { attachments: 'data' },
					requestOptions: { maxAttempts: 1 },
				},
				settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
			},
			input: [binaryItem({}, { data: { bytes: LARGE, fileName: 'big.bin', mimeType: 'application/octet-stream' } })],
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ message_id: 'msg_new' });
		const sends = api.requestsTo('POST', '/mailbox/messages/send');
		expect(sends).toHaveLength(2);
		expect(sends[0].idempotencyKey).toBeTruthy();
		expect(sends[1].idempotencyKey).toBe(sends[0].idempotencyKey);
		expect(sends[1].body).toEqual(sends[0].body);
		const uploads = api.requestsTo('POST', '/mailbox/attachments:upload');
		expect(uploads).toHaveLength(1);
		expect(bytesOf(uploads[0].body).equals(LARGE)).toBe(true);
	});

	it('uses the Idempotency Key the user gives', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages/send').ok({ message_id: 'msg_new', status: 'queued' });
		await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'send',
					to: 'ann@customer.test',
					subject: 'Hi',
					text: 'x',
					options: { idempotencyKey: '={{ "order-" + $json.orderId + "-confirmation" }}' },
				},
			},
			input: [{ json: { orderId: 4711 } }],
		});
		expect(api.requests[0].idempotencyKey).toBe('order-4711-confirmation');
	});

	it('refuses bad input before any request: address, empty body, missing binary', async () => {
		const api = new SendmuxApi();
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ to: 'not-an-address', subject: 'x', text: 'x' }, 'Item 0: "To" has an invalid email address in entry 1 ("not-an-address")'],
			[{ to: 'ann@customer.test', subject: 'x' }, 'Text and HTML are both empty in item 0'],
			[
				{ to: 'ann@customer.test', subject: 'x', text: 'x', options: { attachments: 'invoice' } },
				'Item 0 has no binary property "invoice"',
			],
		];
		for (const [parameters, message] of cases) {
			const { error } = await runNode({
				node: { parameters: { resource: 'message', operation: 'send', ...parameters } },
			});
			expect(error?.message).toBe(message);
		}
		expect(api.requests).toHaveLength(0);
	});
});

describe('Message → Reply', () => {
	it('answers the Reply-To address, keeps the subject prefix once, quotes the original', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/msg_2/content').ok(
			content('msg_2', {
				subject: 'Re: Delivery date',
				participants: { reply_to: [{ email: 'tickets@customer.test', name: 'Tickets' }], cc: [{ email: 'x@customer.test', name: null }] },
				body: { text: 'When will it ship?\nAnn', html: '<p>When will it ship?</p>' },
				headers: { mode: 'selected', selected: { message_id: ['m2@customer.test'] } },
			}),
		);
		api.app('GET', '/mailbox/identities').ok([identity('idn_1', OWN.email, 'Acme Agent')], {
			pagination: { has_more: false },
		});
		api.app('POST', '/mailbox/messages/send').ok({ message_id: 'msg_r', status: 'queued' });
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'reply',
					messageId: 'msg_2',
					text: 'Tomorrow.',
					html: '<p>Tomorrow.</p>',
					options: { quoteOriginal: true },
				},
			},
		});
		expect(error).toBeUndefined();
		const body = api.requestsTo('POST', '/mailbox/messages/send')[0].body as Record<string, unknown>;
		expect(body.to).toEqual([{ email: 'tickets@customer.test', name: 'Tickets' }]);
		expect(body.cc).toBeUndefined();
		expect(body.subject).toBe('Re: Delivery date');
		expect(body.custom_headers).toEqual({ 'In-Reply-To': '<m2@customer.test>', References: '<m2@customer.test>' });
		expect(body.text_body).toBe(
			'Tomorrow.\n\nOn 2026-11-20T09:29:58Z, Ann Lee <ann@customer.test> wrote:\n> When will it ship?\n> Ann',
		);
		expect(String(body.html_body)).toContain('<blockquote');
		expect(String(body.html_body)).toContain('<p>When will it ship?</p>');
		expect(items[0].json).toMatchObject({ in_reply_to: '<m2@customer.test>', subject: 'Re: Delivery date' });
		// The original is read whole, for quoting and threading.
		expect(api.requestsTo('GET', '/mailbox/messages/msg_2/content')[0].query).toMatchObject({
			include_headers: 'selected',
			strip_quotes: 'false',
		});
	});

	it('a reply to a message this mailbox sent goes to its recipients', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/msg_sent/content').ok(
			content('msg_sent', {
				participants: { from: OWN, to: [ANN] },
				headers: { mode: 'selected', selected: { message_id: ['<sent@acme.test>'] } },
			}),
		);
		api.app('GET', '/mailbox/identities').ok([identity('idn_1', OWN.email, 'Acme Agent')], {
			pagination: { has_more: false },
		});
		api.app('POST', '/mailbox/messages/send').ok({ message_id: 'msg_r', status: 'queued' });
		await runNode({
			node: { parameters: { resource: 'message', operation: 'reply', messageId: 'msg_sent', text: 'Following up.' } },
		});
		expect((api.requestsTo('POST', '/mailbox/messages/send')[0].body as { to: unknown }).to).toEqual([ANN]);
	});
});

describe('Message → Forward', () => {
	it("forwards with the original's attachments and a forwarded-message block", async () => {
		const small = randomBytes(500);
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/msg_3/content').ok(
			content('msg_3', {
				subject: 'Contract',
				body: { text: 'See attached.' },
				attachments: [attachment('att_1', 'contract.pdf', 'application/pdf', small.length)],
			}),
		);
		api.app('GET', '/mailbox/messages/msg_3/attachments/att_1').replyWith(() => [200, small, { 'Content-Type': 'application/pdf' }]);
		api.app('POST', '/mailbox/messages/send').ok({ message_id: 'msg_f', status: 'queued' });
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'forward',
					messageId: 'msg_3',
					to: 'legal@acme.test',
					text: 'FYI',
				},
			},
		});
		expect(error).toBeUndefined();
		const body = api.requestsTo('POST', '/mailbox/messages/send')[0].body as Record<string, unknown>;
		expect(body.to).toEqual([{ email: 'legal@acme.test', name: null }]);
		expect(body.subject).toBe('Fwd: Contract');
		expect(body.attachments).toEqual([
			{ filename: 'contract.pdf', content_type: 'application/pdf', content: small.toString('base64') },
		]);
		expect(body.text_body).toBe(
			[
				'FYI',
				'',
				'---------- Forwarded message ----------',
				'From: Ann Lee <ann@customer.test>',
				'Date: 2026-11-20T09:29:58Z',
				'Subject: Contract',
				'To: Acme Agent <agent@acme.test>',
				'',
				'See attached.',
			].join('\n'),
		);
		expect(body.html_body).toBeUndefined();
		expect(items[0].json).toMatchObject({ message_id: 'msg_f', forwarded: 'msg_3', attachment_count: 1 });
	});
});
