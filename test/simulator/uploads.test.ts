import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

describe('simulator: Mailbox API attachment uploads', () => {
	const sim = useSimulator();

	it('stores uploaded bytes as a blob that a send attaches by blob_id', async () => {
		const bytes = Buffer.from('%PDF-1.4 simulated invoice');
		const uploaded = await call<{ data: { blob_id: string; content_type: string; size_bytes: number } }>(sim(), 'app', {
			method: 'POST',
			path: '/mailbox/attachments:upload',
			query: { filename: 'invoice.pdf' },
			rawBody: bytes,
			contentType: 'application/octet-stream',
		});
		expect(uploaded.status).toBe(200);
		expect(uploaded.body.data).toMatchObject({ content_type: 'application/pdf', size_bytes: bytes.length });
		const send = (blobId: string) =>
			call<{ data: { message_id: string } }>(sim(), 'app', {
				method: 'POST',
				path: '/mailbox/messages/send',
				headers: { 'Idempotency-Key': `upload-${blobId}` },
				body: {
					to: [{ email: 'customer@example.net', name: null }],
					subject: 'Your invoice',
					text_body: 'Attached.',
					attachments: [{ filename: 'invoice.pdf', content_type: 'application/pdf', blob_id: blobId }],
				},
			});
		const sent = await send(uploaded.body.data.blob_id);
		expect(sent.status).toBe(200);
		const message = await call<{ data: { attachments: Array<{ filename: string; size_bytes: number }> } }>(sim(), 'app', { path: `/mailbox/messages/${sent.body.data.message_id}` });
		expect(message.body.data.attachments).toEqual([expect.objectContaining({ filename: 'invoice.pdf', size_bytes: bytes.length })]);
		expect((await send('blob_unknown')).status).toBe(422);
	});
});

describe('simulator: Mailbox API signed upload URLs', () => {
	const sim = useSimulator();

	it('takes the bytes by PUT to the signed URL without an API key, once, as a blob', async () => {
		const bytes = Buffer.from('hello, blob');
		const intent = await call<{ data: { upload_url: string; headers: Record<string, string>; max_size_bytes: number } }>(sim(), 'app', {
			method: 'POST',
			path: '/mailbox/attachment-uploads',
			body: { filename: 'hello.txt', content_type: 'text/plain', size_bytes: bytes.length },
		});
		expect(intent.status).toBe(200);
		expect(intent.body.data.headers).toEqual({ 'Content-Type': 'text/plain', 'Content-Length': String(bytes.length) });
		const put = (url: string, body: Buffer, contentType = 'text/plain') => fetch(url, { method: 'PUT', headers: { 'Content-Type': contentType }, body });
		const done = await put(intent.body.data.upload_url, bytes);
		expect(done.status).toBe(200);
		const blob = ((await done.json()) as { data: { blob_id: string; size_bytes: number } }).data;
		expect(blob.size_bytes).toBe(bytes.length);
		expect((await put(intent.body.data.upload_url, bytes)).status).toBe(200);
		expect((await put(intent.body.data.upload_url, Buffer.from('other bytes'))).status).toBe(409);
		expect((await put(intent.body.data.upload_url.replace(/signature=[^&]+/, 'signature=forged'), bytes)).status).toBe(403);
		expect((await put(intent.body.data.upload_url, bytes, 'application/pdf')).status).toBe(400);
		const sent = await call(sim(), 'app', {
			method: 'POST',
			path: '/mailbox/messages/send',
			headers: { 'Idempotency-Key': 'signed-upload-send' },
			body: {
				to: [{ email: 'customer@example.net', name: null }],
				subject: 'Hello',
				text_body: 'Attached.',
				attachments: [{ filename: 'hello.txt', content_type: 'text/plain', blob_id: blob.blob_id }],
			},
		});
		expect(sent.status).toBe(200);
	});
});

describe('simulator: Mailbox API attachment uploads over the cap', () => {
	const sim = useSimulator({ maxAttachmentBytes: 8 });

	it('refuses an upload over the cap with 413', async () => {
		const tooBig = await call(sim(), 'app', {
			method: 'POST',
			path: '/mailbox/attachments:upload',
			query: { filename: 'big.bin' },
			rawBody: Buffer.alloc(9),
			contentType: 'application/octet-stream',
		});
		expect(tooBig.status).toBe(413);
		const intent = await call(sim(), 'app', {
			method: 'POST',
			path: '/mailbox/attachment-uploads',
			body: { filename: 'big.bin', content_type: 'application/octet-stream', size_bytes: 9 },
		});
		expect(intent.status).toBe(413);
	});
});
