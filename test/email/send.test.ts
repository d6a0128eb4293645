import { describe, expect, it } from 'vitest';

import { recordedWaits } from '../harness/clock';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { FakeSending } from './fakeSending';

const base = {
	resource: 'email',
	operation: 'send',
	fromEmail: 'orders@acme.test',
	toEmail: 'jane@example.com',
	subject: 'Your order has shipped',
	emailFormat: 'html',
	html: '<p>Hello</p>',
};

describe('Email → Send', () => {
	it('sends every field as Sendmux expects and returns message_id, status, request ID and key, paired', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send').replyWith(fake.single());
		const pdf = Buffer.from('%PDF-1.4 invoice');
		const { items, error } = await runNode({
			node: {
				parameters: {
					...base,
					fromEmail: 'Acme <orders@acme.test>',
					toEmail: '={{ $json.email }}',
					subject: '=Order {{ $json.orderId }} shipped',
					emailFormat: 'both',
					html: '=<p>Hi {{ $json.name }}</p>',
					text: '=Hi {{ $json.name }}',
					additionalFields: {
						fromName: 'Acme Orders',
						toName: '={{ $json.name }}',
						cc: '"Doe, Ann" <ann@example.com>, bob@example.com',
						bcc: '={{ ["audit@acme.test", { email: "legal@acme.test", name: "Legal" }] }}',
						replyTo: 'Support <support@acme.test>',
						returnPath: 'bounces@acme.test',
						customHeaders: { header: [{ name: 'X-Order-ID', value: '={{ $json.orderId }}' }] },
						attachments: { attachment: [{ binaryPropertyName: 'invoice', fileName: '', mimeType: '' }] },
					},
					options: { idempotencyKey: '=order-{{ $json.orderId }}' },
				},
			},
			input: [
				{
					json: { email: 'jane@example.com', name: 'Jane Doe', orderId: 'A-1001' },
					binary: {
						invoice: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'invoice-A-1001.pdf' },
					},
				},
			],
		});
		expect(error).toBeUndefined();
		expect(api.requests).toHaveLength(1);
		const [request] = api.requests;
		expect(request.idempotencyKey).toBe('order-A-1001');
		expect(request.headers.authorization).toMatch(/^Bearer smx_mbx_/);
		expect(request.body).toEqual({
			from: { email: 'orders@acme.test', name: 'Acme Orders' },
			to: { email: 'jane@example.com', name: 'Jane Doe' },
			subject: 'Order A-1001 shipped',
			html_body: '<p>Hi Jane Doe</p>',
			text_body: 'Hi Jane Doe',
			cc: [{ email: 'ann@example.com', name: 'Doe, Ann' }, { email: 'bob@example.com' }],
			bcc: [{ email: 'audit@acme.test' }, { email: 'legal@acme.test', name: 'Legal' }],
			reply_to: { email: 'support@acme.test', name: 'Support' },
			return_path: 'bounces@acme.test',
			custom_headers: { 'X-Order-ID': 'A-1001' },
			attachments: [{ filename: 'invoice-A-1001.pdf', content: pdf.toString('base64'), type: 'application/pdf' }],
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			message_id: fake.sent[0].id,
			status: 'queued',
			request_id: expect.stringMatching(/^req_/),
			idempotency_key: 'order-A-1001',
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends plain text with an escaped, minimal HTML rendering of it', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').replyWith(new FakeSending().single());
		const { error } = await runNode({
			node: {
				parameters: {
					...base,
					emailFormat: 'text',
					text: 'Hello <Jane> & co,\nyour order shipped.\n\nThanks, "Acme"',
				},
			},
		});
		expect(error).toBeUndefined();
		expect(api.requests[0].body).toMatchObject({
			text_body: 'Hello <Jane> & co,\nyour order shipped.\n\nThanks, "Acme"',
			html_body: '<p>Hello &lt;Jane&gt; &amp; co,<br>\nyour order shipped.</p>\n<p>Thanks, &quot;Acme&quot;</p>',
		});
	});

	it('sends one email per item with a distinct derived key each, outputs paired in order', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send').times(3).replyWith(fake.single());
		const { items, error } = await runNode({
			node: { parameters: { ...base, toEmail: '={{ $json.to }}' } },
			input: ['a@example.com', 'b@example.com', 'c@example.com'].map((to) => ({ json: { to } })),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(fake.sent.map((m) => m.to)).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
		const keys = api.requests.map((r) => r.idempotencyKey);
		expect(new Set(keys).size).toBe(3);
		keys.forEach((key) => expect(key).toMatch(/^n8n-\d+-send-[0-9a-f]{32}$/));
		expect(items.map((i) => i.json.idempotency_key)).toEqual(keys);
	});

	it('503 then 200: retries with the same Idempotency-Key and sends exactly one message', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api
			.sending('POST', '/emails/send')
			.error(503, 'service_unavailable', 'Service temporarily unavailable', {
				retryable: true,
				headers: { 'Retry-After': '2' },
			});
		api.sending('POST', '/emails/send').replyWith(fake.single());
		const { items, error } = await runNode({ node: { parameters: base } });
		expect(error).toBeUndefined();
		expect(api.requests).toHaveLength(2);
		expect(api.requests[1].idempotencyKey).toBe(api.requests[0].idempotencyKey);
		expect(api.requests[1].body).toEqual(api.requests[0].body);
		expect(recordedWaits).toEqual([2000]);
		expect(fake.sent).toHaveLength(1);
		expect(items[0].json).toMatchObject({ status: 'queued', message_id: fake.sent[0].id });
	});

	it('429 with Retry-After: waits exactly as long as Sendmux asks, then sends', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send').error(429, 'rate_limit_exceeded', 'Rate limit exceeded', {
			retryable: true,
			headers: { 'Retry-After': '7', 'X-RateLimit-Limit': '1800', 'X-RateLimit-Remaining': '0' },
		});
		api.sending('POST', '/emails/send').replyWith(fake.single());
		const { items, error } = await runNode({ node: { parameters: base } });
		expect(error).toBeUndefined();
		expect(recordedWaits).toEqual([7000]);
		expect(api.requests.map((r) => r.idempotencyKey)).toEqual([
			api.requests[0].idempotencyKey,
			api.requests[0].idempotencyKey,
		]);
		expect(fake.sent).toHaveLength(1);
		expect(items[0].json.status).toBe('queued');
	});

	it("n8n's Retry On Fail re-runs the node with the same key: one message, not two", async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		// The reply is lost after Sendmux queued the message: the first attempt fails for n8n…
		api.sending('POST', '/emails/send').replyWith((request) => {
			fake.single()(request);
			return [503, { ok: false, error: { code: 'service_unavailable', message: 'Gateway lost the reply', retryable: true }, meta: { request_id: 'req_lost' } }];
		});
		// …and the node's retry gets the original reply for the same key.
		api.sending('POST', '/emails/send').replyWith(fake.single());
		const { items, error } = await runNode({
			node: {
				parameters: { ...base, requestOptions: { maxAttempts: 1 } },
				settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
			},
		});
		expect(error).toBeUndefined();
		expect(api.requests).toHaveLength(2);
		expect(api.requests[1].idempotencyKey).toBe(api.requests[0].idempotencyKey);
		expect(fake.sent).toHaveLength(1);
		expect(items).toHaveLength(1);
		expect(items[0].json.message_id).toBe(fake.sent[0].id);
	});

	it('a Sendmux refusal names the item and Sendmux’s reason; Continue On Fail keeps the other items', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').replyWith(new FakeSending().single());
		api.sending('POST', '/emails/send').error(402, 'insufficient_credits', 'Not enough credits to send this email');
		const parameters = { ...base, toEmail: '={{ $json.to }}' };
		const input = [{ json: { to: 'a@example.com' } }, { json: { to: 'b@example.com' } }];

		const stopped = await runNode({ node: { parameters }, input });
		expect(stopped.error?.message).toBe('Not enough credits to send this email');
		expect(stopped.error?.description).toContain('insufficient_credits');

		const api2 = new SendmuxApi();
		api2.sending('POST', '/emails/send').replyWith(new FakeSending().single());
		api2.sending('POST', '/emails/send').error(402, 'insufficient_credits', 'Not enough credits to send this email');
		const continued = await runNode({ node: { parameters, settings: { continueOnFail: true } }, input });
		expect(continued.error).toBeUndefined();
		expect(continued.items).toHaveLength(2);
		expect(continued.items[0].json.status).toBe('queued');
		expect(continued.items[1].json).toMatchObject({ error: 'Not enough credits to send this email', code: 'insufficient_credits' });
		expect(continued.items[1].pairedItem).toEqual({ item: 1 });
		expect(api.requests).toHaveLength(2);
	});
});
