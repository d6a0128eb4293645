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
	});
});
