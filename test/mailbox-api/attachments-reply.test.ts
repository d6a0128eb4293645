import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { ANN, attachment, bytesOf, content, identity, OWN } from './fixtures';

const SMALL = randomBytes(3000);
// Above the 1 MiB inline limit: goes through POST /mailbox/attachments:upload.
const LARGE = randomBytes(1024 * 1024 + 512);
const ORIGINAL_MESSAGE_ID = '<CAF=ann.1234@mail.customer.test>';

function original() {
	return content('msg_1', {
		participants: { from: ANN, to: [OWN, { email: 'carol@customer.test', name: 'Carol' }], cc: [{ email: 'dave@customer.test', name: null }] },
		subject: 'Invoice 4711',
		body: { text: 'Please find the invoice.\nThanks', quotes_stripped: false, signature_stripped: false },
		headers: {
			mode: 'selected',
			selected: {
				message_id: [ORIGINAL_MESSAGE_ID],
				in_reply_to: '<earlier@acme.test>',
				references: ['<first@acme.test>', '<earlier@acme.test>'],
				reply_to: [],
			},
		},
		attachments: [
			attachment('att_small', 'invoice.pdf', 'application/pdf', SMALL.length),
			attachment('att_large', 'scan.png', 'image/png', LARGE.length),
		],
	});
}

function serveAttachments(api: SendmuxApi): void {
	api
		.app('GET', '/mailbox/messages/msg_1/attachments/att_small')
		.replyWith(() => [200, SMALL, { 'Content-Type': 'application/pdf' }])
		.app('GET', '/mailbox/messages/msg_1/attachments/att_large')
		.replyWith(() => [200, LARGE, { 'Content-Type': 'image/png' }]);
}

describe('attachments: download to binary, re-send with a reply', () => {
	it('Get with Download Attachments, then Reply with those files: same bytes, threaded', async () => {
		const read = new SendmuxApi();
		read.app('GET', '/mailbox/messages/msg_1/content').ok(original());
		serveAttachments(read);
		const got = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'get',
					messageId: 'msg_1',
					options: { downloadAttachments: true },
				},
			},
		});
		expect(got.error).toBeUndefined();
		const binary = got.items[0].binary ?? {};
		expect(Object.keys(binary)).toEqual(['attachment_0', 'attachment_1']);
		expect(binary.attachment_0).toMatchObject({ fileName: 'invoice.pdf', mimeType: 'application/pdf' });
		expect(binary.attachment_1).toMatchObject({ fileName: 'scan.png', mimeType: 'image/png' });
		expect(JSON.stringify(got.items[0].json)).not.toContain('download_token');

		const reply = new SendmuxApi();
		reply.app('GET', '/mailbox/messages/msg_1/content').ok(original());
		reply.app('GET', '/mailbox/identities').ok([identity('idn_1', OWN.email, OWN.name as string)], {
			pagination: { has_more: false },
		});
		reply.app('POST', '/mailbox/attachments:upload').replyWith((request) => [
			200,
			{
				ok: true,
				data: { blob_id: 'blob_large', filename: String(request.query.filename), content_type: 'image/png', size_bytes: LARGE.length },
				meta: { request_id: 'req_up' },
			},
		]);
		reply.app('POST', '/mailbox/messages/send').ok({ message_id: 'msg_reply', status: 'queued' });
		const replied = await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'reply',
					messageId: '={{ $json.id }}',
					text: 'Thanks Ann, received.',
					replyAll: true,
					options: { attachments: 'attachment_*' },
				},
			},
			input: got.items.map(({ json, binary: files }) => ({ json, binary: files })),
		});
		expect(replied.error).toBeUndefined();

		const upload = reply.requestsTo('POST', '/mailbox/attachments:upload')[0];
		expect(upload.query).toEqual({ filename: 'scan.png' });
		expect(upload.headers['content-type']).toBe('application/octet-stream');
		expect(bytesOf(upload.body).equals(LARGE)).toBe(true);

		const send = reply.requestsTo('POST', '/mailbox/messages/send')[0];
		const body = send.body as {
			to: unknown[];
			cc: unknown[];
			subject: string;
			text_body: string;
			custom_headers: Record<string, string>;
			attachments: Array<{ filename: string; content_type: string; content?: string; blob_id?: string }>;
		};
		expect(body.attachments).toEqual([
			{ filename: 'invoice.pdf', content_type: 'application/pdf', content: SMALL.toString('base64') },
			{ filename: 'scan.png', content_type: 'image/png', blob_id: 'blob_large' },
		]);
		expect(Buffer.from(body.attachments[0].content as string, 'base64').equals(SMALL)).toBe(true);
		expect(body.custom_headers['In-Reply-To']).toBe(ORIGINAL_MESSAGE_ID);
		expect(body.custom_headers.References).toBe(`<first@acme.test> <earlier@acme.test> ${ORIGINAL_MESSAGE_ID}`);
		expect(body.subject).toBe('Re: Invoice 4711');
		expect(body.to).toEqual([ANN]);
		// Reply All: the original's other recipients, without this mailbox's own address.
		expect(body.cc).toEqual([
			{ email: 'carol@customer.test', name: 'Carol' },
			{ email: 'dave@customer.test', name: null },
		]);
		expect(body.text_body).toBe('Thanks Ann, received.');
		expect(send.idempotencyKey).toMatch(/^n8n-/);
		expect(replied.items[0].json).toMatchObject({
			message_id: 'msg_reply',
			status: 'queued',
			replied_to: 'msg_1',
			thread_id: 'thr_msg_1',
			in_reply_to: ORIGINAL_MESSAGE_ID,
		});
	});
});

