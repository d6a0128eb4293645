import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { startSimulator } from './simulator.mjs';
import { call, useSimulator } from './testing.mjs';

const MESSAGE = { from: { email: 'hello@example.com', name: 'Shop' }, to: { email: 'customer@example.net' }, subject: 'Your order', html_body: '<p>Thanks</p>' };

interface BatchResult {
	data: {
		results: Array<{ index: number; status: string; message_id: string | null; error?: { code: string; errors?: Array<{ field: string }> } }>;
		summary: { total: number; queued: number; failed: number };
	};
}

describe('simulator: Sending API', () => {
	const sim = useSimulator();

	it('queues a message, charges it, logs it and then marks it sent', async () => {
		const sent = await call<{ data: { message_id: string; status: string } }>(sim(), 'sending', { method: 'POST', path: '/emails/send', body: MESSAGE });
		expect(sent.body.data).toEqual({ message_id: expect.stringMatching(/^eml_[a-z0-9]{24}$/), status: 'queued' });
		await sim().control.settle();
		const logs = await call<{ data: Array<{ id: string; status: string; subject: string }> }>(sim(), 'app', { path: '/emails/logs' });
		expect(logs.body.data).toEqual([expect.objectContaining({ status: 'sent', subject: 'Your order' })]);
		const log = await call<{ data: { recipients: Array<{ email: string; type: string }> } }>(sim(), 'app', { path: `/emails/logs/${logs.body.data[0].id}` });
		expect(log.body.data.recipients).toEqual([{ email: 'customer@example.net', type: 'to', status: 'accepted', reason: null }]);
		const balance = await call<{ data: { balance: string; balance_consumed: string } }>(sim(), 'app', { path: '/billing/balance' });
		expect(balance.body.data).toMatchObject({ balance: '99.999000', balance_consumed: '0.001000' });
		const usage = await call<{ data: Array<{ type: string; amount: string }> }>(sim(), 'app', { path: '/billing/transactions', query: { type: 'USAGE' } });
		expect(usage.body.data).toEqual([expect.objectContaining({ type: 'USAGE', amount: '-0.001000' })]);
	});

	it('refuses a sender outside the team’s verified domains with 422', async () => {
		const response = await call(sim(), 'sending', { method: 'POST', path: '/emails/send', body: { ...MESSAGE, from: { email: 'me@elsewhere.example' } } });
		expect(response.status).toBe(422);
		expect(response.body.error?.errors).toEqual([expect.objectContaining({ field: 'from.email' })]);
	});

	it('sends a batch with partial success: invalid items fail, valid ones queue', async () => {
		const response = await call<BatchResult>(sim(), 'sending', {
			method: 'POST',
			path: '/emails/send/batch',
			body: {
				messages: [
					MESSAGE,
					{ ...MESSAGE, to: { email: 'not-an-address' } },
					{ ...MESSAGE, from: { email: 'me@elsewhere.example' } },
					{ ...MESSAGE, custom_headers: { Subject: 'sneaky' } },
					{ ...MESSAGE, subject: 'Second' },
				],
			},
		});
		expect(response.status).toBe(200);
		expect(response.body.data.summary).toEqual({ total: 5, queued: 2, failed: 3 });
		expect(response.body.data.results.map((r) => [r.index, r.status])).toEqual([
			[0, 'queued'],
			[1, 'failed'],
			[2, 'failed'],
			[3, 'failed'],
			[4, 'queued'],
		]);
		expect(response.body.data.results[1]).toMatchObject({ message_id: null, error: { code: 'validation_error', errors: [{ field: 'to.email' }] } });
		expect(sim().control.acceptedMessages().map((m) => m.subject)).toEqual(['Your order', 'Second']);
	});

	it('answers 422 when every message of a batch fails', async () => {
		const response = await call(sim(), 'sending', { method: 'POST', path: '/emails/send/batch', body: { messages: [{ ...MESSAGE, html_body: '' }] } });
		expect(response.status).toBe(422);
		expect(response.body.error?.errors).toEqual([expect.objectContaining({ field: 'messages.0.html_body' })]);
	});

	it('answers 402 insufficient_credits when the balance cannot cover the whole batch', async () => {
		const poor = await startSimulator({ credits: '0.002' });
		try {
			const batch = { messages: Array.from({ length: 3 }, () => MESSAGE) };
			const refused = await call(poor, 'sending', { method: 'POST', path: '/emails/send/batch', body: batch });
			expect(refused.status).toBe(402);
			expect(refused.body.error).toMatchObject({ code: 'insufficient_credits', retryable: false });
			expect(poor.control.acceptedMessages()).toEqual([]);
			const fits = await call(poor, 'sending', { method: 'POST', path: '/emails/send/batch', body: { messages: batch.messages.slice(0, 2) } });
			expect(fits.status).toBe(200);
			expect(poor.control.contractViolations()).toEqual([]);
		} finally {
			await poor.close();
		}
	});

	it('takes attachment uploads (direct and by upload URL) and references to them', async () => {
		const bytes = Buffer.from('%PDF-1.4 simulated');
		const direct = await call<{ data: { attachment_id: string; size_bytes: number } }>(sim(), 'sending', {
			method: 'POST',
			path: '/emails/attachments',
			query: { filename: 'invoice.pdf', content_type: 'application/pdf' },
			rawBody: bytes,
		});
		expect(direct.status).toBe(201);
		expect(direct.body.data.size_bytes).toBe(bytes.length);
		const intent = await call<{ data: { upload_id: string; upload_url: string; headers: Record<string, string> } }>(sim(), 'sending', {
			method: 'POST',
			path: '/emails/attachment-uploads',
			body: { filename: 'big.bin', size_bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
		});
		expect(intent.body.data.upload_url).toBe(`${sim().sendingBaseUrl}/emails/attachment-uploads/${intent.body.data.upload_id}`);
		const wrongToken = await call(sim(), 'sending', {
			method: 'PUT',
			path: `/emails/attachment-uploads/${intent.body.data.upload_id}`,
			key: null,
			rawBody: bytes,
			headers: { 'X-Sendmux-Upload-Token': 'upt_wrong' },
		});
		expect(wrongToken.status).toBe(401);
		const uploaded = await call<{ data: { attachment_id: string } }>(sim(), 'sending', {
			method: 'PUT',
			path: `/emails/attachment-uploads/${intent.body.data.upload_id}`,
			key: null,
			rawBody: bytes,
			headers: intent.body.data.headers,
			contentType: intent.body.data.headers['Content-Type'],
		});
		expect(uploaded.status).toBe(201);
		const sent = await call(sim(), 'sending', {
			method: 'POST',
			path: '/emails/send',
			body: { ...MESSAGE, attachments: [{ attachment_id: direct.body.data.attachment_id }, { attachment_id: uploaded.body.data.attachment_id }] },
		});
		expect(sent.status).toBe(200);
		const missing = await call(sim(), 'sending', { method: 'POST', path: '/emails/send', body: { ...MESSAGE, attachments: [{ attachment_id: 'att_000000000000000000000000' }] } });
		expect(missing.status).toBe(422);
		expect((await call(sim(), 'sending', { path: '/emails/attachments/att_000000000000000000000000' })).status).toBe(404);
	});

	it('states its upload cap with every upload URL and refuses a declared size over it with 413, before any bytes', async () => {
		const cap = 18_874_368;
		const intent = await call<{ data: { max_size_bytes: number; headers: Record<string, string> } }>(sim(), 'sending', {
			method: 'POST',
			path: '/emails/attachment-uploads',
			body: { filename: 'small.bin', size_bytes: 20480 },
		});
		expect(intent.status).toBe(201);
		expect(intent.body.data.max_size_bytes).toBe(cap);
		expect(intent.body.data.headers).toMatchObject({ 'Content-Length': '20480', 'X-Sendmux-Upload-Token': expect.any(String) });
		const over = await call(sim(), 'sending', {
			method: 'POST',
			path: '/emails/attachment-uploads',
			body: { filename: 'big.bin', size_bytes: cap + 1 },
		});
		expect(over.status).toBe(413);
		expect(over.body.error).toMatchObject({
			code: 'payload_too_large',
			message: `Attachment exceeds the upload size cap of ${cap} bytes (this one is ${cap + 1}).`,
		});
	});
});
