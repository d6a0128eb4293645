import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { attachment, bytesOf, content } from './fixtures';

describe('Attachment → Download', () => {
	it('puts the file in the binary field with its name and type', async () => {
		const bytes = randomBytes(2000);
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/msg_1/content').ok(
			content('msg_1', { attachments: [attachment('att_1', 'report.csv', 'text/csv', bytes.length)] }),
		);
		api.app('GET', '/mailbox/messages/msg_1/attachments/att_1').replyWith(() => [200, bytes, { 'Content-Type': 'text/csv' }]);
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'attachment',
					operation: 'download',
					messageId: 'msg_1',
					attachmentId: 'att_1',
					binaryPropertyName: 'file',
				},
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			message_id: 'msg_1',
			id: 'att_1',
			filename: 'report.csv',
			content_type: 'text/csv',
			size_bytes: 2000,
			disposition: 'attachment',
		});
		expect(items[0].binary?.file).toMatchObject({ fileName: 'report.csv', mimeType: 'text/csv' });
		expect(Buffer.from(items[0].binary?.file.data as string, 'base64').equals(bytes)).toBe(true);
	});

	it('names the attachments the message has when the ID is wrong', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/msg_1/content').ok(
			content('msg_1', { attachments: [attachment('att_1', 'report.csv', 'text/csv', 1)] }),
		);
		const { error } = await runNode({
			node: { parameters: { resource: 'attachment', operation: 'download', messageId: 'msg_1', attachmentId: 'att_x' } },
		});
		expect(error?.message).toBe('Message msg_1 has no attachment att_x (item 0)');
		expect(error?.description).toContain('att_1 (report.csv)');
	});
});

describe('Attachment → Upload', () => {
	it('uploads the binary as octet-stream and returns the blob ID', async () => {
		const bytes = randomBytes(4096);
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/attachments:upload').ok({
			blob_id: 'blob_9',
			filename: 'plan.pdf',
			content_type: 'application/pdf',
			size_bytes: bytes.length,
		});
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'attachment',
					operation: 'upload',
					binaryPropertyName: 'data',
					options: { fileName: 'plan.pdf' },
					mailbox: { __rl: true, mode: 'id', value: 'mbx_sales01' },
				},
			},
			input: [{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'application/pdf', fileName: 'x.pdf' } } }],
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ blob_id: 'blob_9', filename: 'plan.pdf', content_type: 'application/pdf', size_bytes: 4096 });
		expect(api.requests[0].query).toEqual({ filename: 'plan.pdf', mailbox_id: 'mbx_sales01' });
		expect(bytesOf(api.requests[0].body).equals(bytes)).toBe(true);
	});

	it('sends an uploaded blob with a later message', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages/send').ok({ message_id: 'msg_s', status: 'queued' });
		await runNode({
			node: {
				parameters: {
					resource: 'message',
					operation: 'send',
					to: 'ann@customer.test',
					subject: 'Plan',
					text: 'Attached.',
					options: {
						uploadedAttachments: { file: [{ blobId: '={{ $json.blob_id }}', fileName: '={{ $json.filename }}', contentType: 'application/pdf' }] },
					},
				},
			},
			input: [{ json: { blob_id: 'blob_9', filename: 'plan.pdf' } }],
		});
		expect((api.requests[0].body as { attachments: unknown }).attachments).toEqual([
			{ blob_id: 'blob_9', filename: 'plan.pdf', content_type: 'application/pdf' },
		]);
	});
});

describe('Attachment → Upload is never repeated: the endpoint takes no Idempotency-Key', () => {
	const upload = (api: SendmuxApi) =>
		runNode({
			node: {
				parameters: {
					resource: 'attachment',
					operation: 'upload',
					binaryPropertyName: 'data',
					mailbox: { __rl: true, mode: 'id', value: 'mbx_sales01' },
					requestOptions: { maxAttempts: 5 },
				},
			},
			input: [{ json: {}, binary: { data: { data: Buffer.from('plan').toString('base64'), mimeType: 'text/plain', fileName: 'plan.txt' } } }],
		}).then((run) => ({ ...run, uploads: api.requestsTo('POST', '/mailbox/attachments:upload') }));

	it('a retryable 503 fails the item after one request, saying why it was not retried', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/attachments:upload').error(503, 'service_unavailable', 'Storage busy', { retryable: true });
		api.app('POST', '/mailbox/attachments:upload').ok({ blob_id: 'blob_2', filename: 'plan.txt', content_type: 'text/plain', size_bytes: 4 });
		const { error, uploads } = await upload(api);
		expect(uploads).toHaveLength(1);
		expect(error?.message).toBe('Storage busy');
		expect(error?.description).toMatch(/Not retried: Sendmux cannot recognise a repeat of POST \/mailbox\/attachments:upload \(it takes no Idempotency-Key\)/);
		nock.cleanAll();
	});

	it('a dropped connection fails the item after one request', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/attachments:upload').dropConnection();
		api.app('POST', '/mailbox/attachments:upload').ok({ blob_id: 'blob_2', filename: 'plan.txt', content_type: 'text/plain', size_bytes: 4 });
		const { error, uploads } = await upload(api);
		expect(uploads).toHaveLength(1);
		expect(error?.message).toMatch(/^Could not reach Sendmux/);
		expect(error?.description).toMatch(/Not retried/);
		nock.cleanAll();
	});
});

