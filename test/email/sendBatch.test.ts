import { describe, expect, it } from 'vitest';

import { recordedWaits } from '../harness/clock';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { fail, FakeSending } from './fakeSending';

const parameters = {
	resource: 'email',
	operation: 'sendBatch',
	source: 'items',
	fromEmail: 'news@acme.test',
	toEmail: '={{ $json.email }}',
	subject: '=Hello {{ $json.n }}',
	emailFormat: 'text',
	text: '=Message number {{ $json.n }}',
};

function people(count: number, email = (n: number) => `person${n}@example.com`) {
	return Array.from({ length: count }, (_, n) => ({ json: { n, email: email(n) } }));
}

type BatchBody = { messages: Array<{ to: { email: string }; subject: string }> };

const bounce = (message: { to: { email: string } }) =>
	message.to.email.startsWith('blocked')
		? fail('recipient_suppressed', `${message.to.email} is on the suppression list`, { param: 'to.email' })
		: 'queued';

describe('Email → Send Batch', () => {
	it('250 items → 3 calls of 100/100/50, 250 outputs paired in input order', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send/batch').times(3).replyWith(fake.batch());
		const { items, error } = await runNode({ node: { parameters }, input: people(250) });
		expect(error).toBeUndefined();

		const calls = api.requestsTo('POST', '/emails/send/batch');
		expect(calls.map((c) => (c.body as BatchBody).messages.length).sort()).toEqual([100, 100, 50]);
		const keys = calls.map((c) => c.idempotencyKey);
		expect(new Set(keys).size).toBe(3);
		const sentTo = calls.flatMap((c) => (c.body as BatchBody).messages.map((m) => m.to.email));
		expect(new Set(sentTo).size).toBe(250);

		expect(items).toHaveLength(250);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.status).toBe('queued');
		});
		// Each output carries the id Sendmux gave that very recipient's message.
		const idByRecipient = new Map(fake.sent.map((m) => [m.to, m.id]));
		items.forEach((item, index) => expect(item.json.message_id).toBe(idByRecipient.get(`person${index}@example.com`)));
		expect(items[0].json.idempotency_key).not.toBe(items[100].json.idempotency_key);
		expect(items[0].json.idempotency_key).toBe(items[99].json.idempotency_key);
		expect(fake.sent).toHaveLength(250);
	});

	it('mixed queued/failed with Continue On Fail: one result per item, failures carry Sendmux’s reason', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending(bounce);
		api.sending('POST', '/emails/send/batch').replyWith(fake.batch());
		const input = people(5, (n) => (n === 1 || n === 3 ? `blocked${n}@example.com` : `ok${n}@example.com`));
		const { items, error } = await runNode({ node: { parameters, settings: { continueOnFail: true } }, input });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.status)).toEqual(['queued', 'failed', 'queued', 'failed', 'queued']);
		expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items[1].json).toMatchObject({
			status: 'failed',
			message_id: null,
			error: 'Sendmux did not queue the email of item 1: blocked1@example.com is on the suppression list',
			code: 'recipient_suppressed',
			param: 'to.email',
			requestId: expect.stringMatching(/^req_/),
		});
		expect(items[0].json.message_id).toMatch(/^eml_/);
		expect(fake.sent).toHaveLength(3);
	});

	it('with "Continue (using error output)" the failed items go to the error output, paired', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send/batch').replyWith(new FakeSending(bounce).batch());
		const input = people(3, (n) => (n === 2 ? 'blocked2@example.com' : `ok${n}@example.com`));
		const { outputs, error } = await runNode({
			node: { parameters, settings: { onError: 'continueErrorOutput' } },
			input,
		});
		expect(error).toBeUndefined();
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].pairedItem).toEqual({ item: 2 });
		expect(outputs[1][0].json).toEqual({
			error: 'Sendmux did not queue the email of item 2: blocked2@example.com is on the suppression list',
			details: expect.objectContaining({ status: 'failed', message_id: null, code: 'recipient_suppressed' }),
		});
	});

	it('mixed queued/failed without Continue On Fail: stops naming the item and Sendmux’s reason', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending(bounce);
		api.sending('POST', '/emails/send/batch').replyWith(fake.batch());
		const input = people(4, (n) => (n === 2 ? 'blocked2@example.com' : `ok${n}@example.com`));
		const { error, items } = await runNode({ node: { parameters }, input });
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'Sendmux did not queue the email of item 2: blocked2@example.com is on the suppression list',
		);
		expect(error?.description).toContain('recipient_suppressed');
		expect(error?.description).toContain('3 of 4 emails were queued and 1 failed');
		expect(fake.sent).toHaveLength(3);
	});

	it('without Continue On Fail no further call starts after a failed one', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending(bounce);
		api.sending('POST', '/emails/send/batch').times(3).replyWith(fake.batch());
		const input = people(6, (n) => (n === 1 ? 'blocked1@example.com' : `ok${n}@example.com`));
		const { error } = await runNode({
			node: { parameters: { ...parameters, options: { batchSize: 2, parallelCalls: 1 } } },
			input,
		});
		expect(api.requestsTo('POST', '/emails/send/batch')).toHaveLength(1);
		expect(error?.message).toContain('item 1');
		expect(error?.description).toContain('1 of 6 emails were queued and 1 failed');
	});

	it.each([
		[402, 'insufficient_credits', 'Not enough credits for the whole batch'],
		[413, 'payload_too_large', 'Request body exceeds 25 MB'],
	])('%i %s on one call fails every item of that call, and only those', async (status, code, message) => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send/batch').error(status, code, message);
		api.sending('POST', '/emails/send/batch').replyWith(fake.batch());
		const { items, error } = await runNode({
			node: {
				parameters: { ...parameters, options: { batchSize: 3, parallelCalls: 1 } },
				settings: { continueOnFail: true },
			},
			input: people(5),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.status)).toEqual(['failed', 'failed', 'failed', 'queued', 'queued']);
		for (const item of items.slice(0, 3)) {
			expect(item.json).toMatchObject({ code, statusCode: status, error: expect.stringContaining(message) });
			expect(item.json.description).toContain('The whole batch call 1 (3 emails) failed');
		}
		expect(fake.sent).toHaveLength(2);
	});

	it('422 (every message invalid) fails every item of the call, each with its own issues', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send/batch').error(422, 'validation_error', 'All messages failed validation', {
			errors: [
				{ field: 'messages.0.from.email', code: 'domain_not_verified', message: 'acme.test is not verified' },
				{ field: 'messages.1.from.email', code: 'domain_not_verified', message: 'acme.test is not verified (2)' },
			],
		});
		const { items, error } = await runNode({
			node: { parameters, settings: { continueOnFail: true } },
			input: people(2),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.code)).toEqual(['validation_error', 'validation_error']);
		expect(items[0].json.issues).toEqual([
			{ field: 'messages.0.from.email', code: 'domain_not_verified', message: 'acme.test is not verified' },
		]);
		expect(items[1].json.issues).toEqual([
			{ field: 'messages.1.from.email', code: 'domain_not_verified', message: 'acme.test is not verified (2)' },
		]);
	});

	it('503 then 200: the call is retried with the same key; exactly one message per item', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send/batch').error(503, 'service_unavailable', 'Try again shortly', {
			retryable: true,
			headers: { 'Retry-After': '1' },
		});
		api.sending('POST', '/emails/send/batch').replyWith(fake.batch());
		const { items, error } = await runNode({ node: { parameters }, input: people(3) });
		expect(error).toBeUndefined();
		const calls = api.requestsTo('POST', '/emails/send/batch');
		expect(calls).toHaveLength(2);
		expect(calls[1].idempotencyKey).toBe(calls[0].idempotencyKey);
		expect(calls[1].body).toEqual(calls[0].body);
		expect(fake.sent.map((m) => m.to)).toEqual(['person0@example.com', 'person1@example.com', 'person2@example.com']);
		expect(items.map((i) => i.json.status)).toEqual(['queued', 'queued', 'queued']);
	});

	it('429 with Retry-After on a batch call is waited out exactly', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send/batch').error(429, 'rate_limit_exceeded', 'Rate limit exceeded', {
			retryable: true,
			headers: { 'Retry-After': '12' },
		});
		api.sending('POST', '/emails/send/batch').replyWith(fake.batch());
		const { error } = await runNode({ node: { parameters }, input: people(2) });
		expect(error).toBeUndefined();
		expect(recordedWaits).toEqual([12_000]);
		expect(fake.sent).toHaveLength(2);
	});

	it("n8n's Retry On Fail after a failed call resends every call with its own key: still one message per item", async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send/batch').error(503, 'service_unavailable', 'Down for a moment', { retryable: true });
		api.sending('POST', '/emails/send/batch').times(10).replyWith(fake.batch());
		const { items, error } = await runNode({
			node: {
				parameters: { ...parameters, requestOptions: { maxAttempts: 1 }, options: { parallelCalls: 3 } },
				settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
			},
			input: people(250),
		});
		expect(error).toBeUndefined();
		const calls = api.requestsTo('POST', '/emails/send/batch');
		// First try: three calls, one refused (503); the retry repeats all three with the same keys.
		expect(calls).toHaveLength(6);
		expect(new Set(calls.map((c) => c.idempotencyKey)).size).toBe(3);
		expect(fake.sent).toHaveLength(250);
		expect(items).toHaveLength(250);
		expect(items.every((i, index) => i.json.status === 'queued' && (i.pairedItem as { item: number }).item === index)).toBe(true);
	});

	it('user Idempotency Key: each call uses it followed by the batch number', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send/batch').times(2).replyWith(new FakeSending().batch());
		const campaign = 'newsletter-2026-11';
		const { error } = await runNode({
			node: { parameters: { ...parameters, options: { idempotencyKey: campaign, batchSize: 2, parallelCalls: 1 } } },
			input: people(3),
		});
		expect(error).toBeUndefined();
		expect(api.requests.map((r) => r.idempotencyKey)).toEqual(['newsletter-2026-11-batch-1', 'newsletter-2026-11-batch-2']);
	});

	it('sends calls in parallel, at most Parallel Calls at a time', async () => {
		const arrivals = async (parallelCalls: number) => {
			const api = new SendmuxApi();
			const times: number[] = [];
			const fake = new FakeSending();
			api
				.sending('POST', '/emails/send/batch')
				.times(4)
				.delay(150)
				.replyWith((request) => {
					times.push(Date.now());
					return fake.batch()(request);
				});
			const { error, items } = await runNode({
				node: { parameters: { ...parameters, options: { batchSize: 10, parallelCalls } } },
				input: people(40),
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(40);
			return times.map((t) => t - times[0]);
		};
		const parallel = await arrivals(4);
		expect(parallel[3]).toBeLessThan(120);
		const serial = await arrivals(1);
		serial.slice(1).forEach((t, i) => expect(t - serial[i]).toBeGreaterThanOrEqual(140));
	});

	it('JSON list of messages: one call per item, one output per message paired to its item', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send/batch').times(2).replyWith(fake.batch());
		const messages = (tag: string) => [
			{ from: 'Acme <news@acme.test>', to: `a-${tag}@example.com`, subject: 'A', html_body: '<p>A</p>' },
			{ from: { email: 'news@acme.test' }, to: { email: `b-${tag}@example.com`, name: 'B' }, subject: 'B', text_body: 'B' },
		];
		const { items, error } = await runNode({
			node: {
				parameters: { resource: 'email', operation: 'sendBatch', source: 'json', messages: '={{ $json.messages }}', options: { parallelCalls: 1 } },
			},
			input: [{ json: { messages: messages('x') } }, { json: { messages: messages('y') } }],
		});
		expect(error).toBeUndefined();
		const calls = api.requestsTo('POST', '/emails/send/batch');
		expect(calls).toHaveLength(2);
		expect((calls[0].body as BatchBody).messages[1]).toEqual({
			from: { email: 'news@acme.test' },
			to: { email: 'b-x@example.com', name: 'B' },
			subject: 'B',
			html_body: '<p>B</p>',
			text_body: 'B',
		});
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
		expect(items.map((i) => i.json.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
	});
});
