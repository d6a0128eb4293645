import { describe, expect, it } from 'vitest';

import { recordedWaits, useRecordingClock } from '../harness/clock';
import { SendmuxApi } from '../harness/sendmuxApi';
import { TRANSPORT_PROBE } from '../harness/transportProbe';
import { runNode } from '../harness/workflow';
import { domainFixture, SEND_BODY, SEND_RESULT } from './fixtures';

const DOMAIN = domainFixture(7);
const getDomain = { surface: 'management', method: 'GET', path: `/domains/${DOMAIN.id}` };

async function probe(request: object, settings: { maxAttempts?: number } = {}) {
	return await runNode({
		node: {
			type: TRANSPORT_PROBE,
			parameters: {
				request: JSON.stringify({ ...request, ...(settings.maxAttempts ? { retry: { maxAttempts: settings.maxAttempts } } : {}) }),
			},
		},
	});
}

describe('retry: what is retried', () => {
	it('retries a GET after 503 and returns the later success', async () => {
		const api = new SendmuxApi();
		api.app('GET', getDomain.path).error(503, 'service_unavailable', 'Down for a moment', { retryable: true });
		api.app('GET', getDomain.path).ok(DOMAIN);
		const { items, error } = await probe(getDomain);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ data: { id: DOMAIN.id }, attempts: 2 });
		expect(api.requests).toHaveLength(2);
	});

	it('never repeats a POST without Idempotency-Key, even on a retryable 503', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').error(503, 'service_unavailable', 'Down', { retryable: true });
		const { error } = await probe({ surface: 'sending', method: 'POST', path: '/emails/send', body: SEND_BODY });
		expect(error?.message).toBe('Down');
		expect(api.requests).toHaveLength(1);
		expect(recordedWaits).toEqual([]);
	});

	it('repeats a POST that carries Idempotency-Key, with the same key every time', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').error(500, 'internal_error', 'Oops', { retryable: true });
		api.sending('POST', '/emails/send').dropConnection();
		api.sending('POST', '/emails/send').ok(SEND_RESULT);
		const { error } = await probe({
			surface: 'sending',
			method: 'POST',
			path: '/emails/send',
			body: SEND_BODY,
			idempotencyKey: 'order-42',
		});
		expect(error).toBeUndefined();
		expect(api.requests.map((r) => r.idempotencyKey)).toEqual(['order-42', 'order-42', 'order-42']);
	});

	it("trusts the body's retryable flag over the status", async () => {
		const api = new SendmuxApi();
		api.app('GET', getDomain.path).error(503, 'service_unavailable', 'Not coming back', { retryable: false });
		const { error } = await probe(getDomain);
		expect(error?.message).toBe('Not coming back');
		expect(api.requests).toHaveLength(1);
	});

	it('does not retry a client error', async () => {
		const api = new SendmuxApi();
		api.app('GET', getDomain.path).error(404, 'not_found', 'Domain not found');
		const { error } = await probe(getDomain);
		expect(error?.message).toBe('Domain not found');
		expect(api.requests).toHaveLength(1);
	});

	it('retries a dropped connection on a GET', async () => {
		const api = new SendmuxApi();
		api.app('GET', getDomain.path).dropConnection('ECONNRESET');
		api.app('GET', getDomain.path).ok(DOMAIN);
		const { error } = await probe(getDomain);
		expect(error).toBeUndefined();
		expect(api.requests).toHaveLength(2);
	});
});

describe('retry: how long it waits', () => {
	it('honours Retry-After (seconds)', async () => {
		const api = new SendmuxApi();
		api.app('GET', getDomain.path).error(429, 'rate_limit_exceeded', 'Slow down', {
			retryable: true,
			headers: { 'Retry-After': '7' },
		});
		api.app('GET', getDomain.path).ok(DOMAIN);
		await probe(getDomain);
		expect(recordedWaits).toEqual([7000]);
	});

	it('honours X-RateLimit-Reset when no Retry-After is given', async () => {
		const now = Date.UTC(2026, 10, 23, 12, 0, 0);
		useRecordingClock({ now, random: 0 });
		const api = new SendmuxApi();
		api.app('GET', getDomain.path).error(429, 'rate_limit_exceeded', 'Slow down', {
			retryable: true,
			headers: { 'X-RateLimit-Reset': String(now / 1000 + 12), 'X-RateLimit-Remaining': '0' },
		});
		api.app('GET', getDomain.path).ok(DOMAIN);
		await probe(getDomain);
		expect(recordedWaits).toEqual([12_000]);
	});

	it('backs off exponentially with jitter and a cap, and stops after Max Attempts', async () => {
		useRecordingClock({ random: 1 });
		const api = new SendmuxApi();
		api.app('GET', getDomain.path).times(5).error(500, 'internal_error', 'Broken', { retryable: true });
		const { error } = await probe(getDomain);
		// 500 ms doubling per attempt; random = 1 takes the top of each jittered step.
		expect(recordedWaits).toEqual([500, 1000, 2000, 4000]);
		expect(api.requests).toHaveLength(5);
		expect(error?.message).toBe('Broken');
		expect((error as { description?: string }).description).toContain('Attempts: 5');
	});

	it('caps each step at 20 s', async () => {
		useRecordingClock({ random: 1 });
		const api = new SendmuxApi();
		api.app('GET', getDomain.path).times(9).error(503, 'service_unavailable', 'Down', { retryable: true });
		api.app('GET', getDomain.path).ok(DOMAIN);
		await probe(getDomain, { maxAttempts: 10 });
		expect(recordedWaits.slice(-3)).toEqual([20_000, 20_000, 20_000]);
	});

	it('gives up at once when Sendmux asks for a wait longer than 2 minutes', async () => {
		const api = new SendmuxApi();
		api.app('GET', getDomain.path).error(429, 'rate_limit_exceeded', 'Daily limit reached', {
			retryable: true,
			headers: { 'Retry-After': '3600' },
		});
		const { error } = await probe(getDomain);
		expect(error?.message).toBe('Daily limit reached');
		expect(recordedWaits).toEqual([]);
	});

	it('honours the Max Attempts request option of the node', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').times(2).error(503, 'service_unavailable', 'Down', { retryable: true });
		const { error } = await runNode({
			node: {
				parameters: {
					resource: 'domain',
					operation: 'getMany',
					returnAll: true,
					requestOptions: { maxAttempts: 2 },
				},
			},
		});
		expect(error?.message).toBe('Down');
		expect(api.requests).toHaveLength(2);
	});
});

describe('retry: an outcome no answer settled is reported as unknown, with the key', () => {
	const keyedSend = { surface: 'sending', method: 'POST', path: '/emails/send', body: SEND_BODY, idempotencyKey: 'order-42', sends: 'the email' };

	it('a 500 internal_error on every attempt: "may have been sent", outcome unknown, the key in details and description', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').times(2).error(500, 'internal_error', 'Oops', { retryable: true });
		const { error } = await probe(keyedSend, { maxAttempts: 2 });
		expect(error?.message).toBe('The email may have been sent (no answer confirmed it): Oops');
		expect(error?.description).toMatch(/^Attempt 1 of POST \/emails\/send got HTTP 500: the request may have reached Sendmux/);
		expect(error?.description).toContain('Idempotency-Key: order-42');
		expect((error as unknown as { context: { sendmux: object } }).context.sendmux).toMatchObject({ outcome: 'unknown', idempotency_key: 'order-42' });
	});

	it('a refusal after a dropped answer settles it: Sendmux would have replayed a success, so a plain failure', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').dropConnection();
		api.sending('POST', '/emails/send').error(422, 'validation_error', 'Invalid email', { retryable: false });
		const { error } = await probe(keyedSend, { maxAttempts: 3 });
		expect(error?.message).toBe('Invalid email');
		expect(api.requests).toHaveLength(2);
	});

	it('a connection that never opened decides nothing was sent', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').times(2).dropConnection('ECONNREFUSED');
		const { error } = await probe(keyedSend, { maxAttempts: 2 });
		expect(error?.message).toMatch(/^Could not reach Sendmux at [^:]+: the connection was refused$/);
	});

	it('an ambiguous attempt stays ambiguous through later rate limits', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').dropConnection();
		api.sending('POST', '/emails/send').times(2).error(429, 'rate_limit_exceeded', 'Rate limit exceeded', { retryable: true, headers: { 'Retry-After': '1' } });
		const { error } = await probe(keyedSend, { maxAttempts: 3 });
		expect(error?.message).toBe('The email may have been sent (no answer confirmed it): Rate limit exceeded');
		expect(error?.description).toMatch(/^Attempt 1 of POST \/emails\/send got no answer \(the connection failed\)/);
	});
});
