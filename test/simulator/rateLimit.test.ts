import { sleep } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

const MESSAGE = { from: { email: 'a@example.com' }, to: { email: 'b@example.net' }, subject: 'x', html_body: 'x' };

describe('simulator: rate limits', () => {
	const sim = useSimulator({ rateLimits: { app: { limit: 3, windowMs: 1000 }, sending: { limit: 2, windowMs: 1000 } } });

	it('allows `limit` requests per key and window, then answers 429 with Retry-After', async () => {
		const remaining: string[] = [];
		for (let i = 0; i < 3; i++) {
			const response = await call(sim(), 'app', { path: '/domains' });
			expect(response.status).toBe(200);
			remaining.push(response.headers['x-ratelimit-remaining']);
		}
		expect(remaining).toEqual(['2', '1', '0']);
		const limited = await call(sim(), 'app', { path: '/domains' });
		expect(limited.status).toBe(429);
		expect(limited.body.error).toMatchObject({ code: 'rate_limit_exceeded', retryable: true });
		expect(limited.headers['x-ratelimit-limit']).toBe('3');
		expect(limited.headers['x-ratelimit-remaining']).toBe('0');
		expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		await sleep(1050);
		expect((await call(sim(), 'app', { path: '/domains' })).status).toBe(200);
	});

	it('counts per key and per surface', async () => {
		for (let i = 0; i < 3; i++) await call(sim(), 'app', { path: '/domains' });
		expect((await call(sim(), 'app', { path: '/domains' })).status).toBe(429);
		expect((await call(sim(), 'app', { path: '/mailbox/me' })).status).toBe(200);
		expect((await call(sim(), 'sending', { method: 'POST', path: '/emails/send', body: MESSAGE })).status).toBe(200);
	});

	it('counts a batch of messages as one request', async () => {
		const batch = { messages: [MESSAGE, MESSAGE, MESSAGE] };
		expect((await call(sim(), 'sending', { method: 'POST', path: '/emails/send/batch', body: batch })).status).toBe(200);
		expect((await call(sim(), 'sending', { method: 'POST', path: '/emails/send/batch', body: batch })).status).toBe(200);
		expect((await call(sim(), 'sending', { method: 'POST', path: '/emails/send/batch', body: batch })).status).toBe(429);
		expect(sim().control.acceptedMessages()).toHaveLength(6);
	});

	it('uses Sendmux limits by default (1,800 sending, 600 app) after a reset of the overrides', async () => {
		sim().control.setRateLimits({ app: { limit: 600, windowMs: 60_000 }, sending: { limit: 1800, windowMs: 60_000 } });
		expect((await call(sim(), 'app', { path: '/domains' })).headers['x-ratelimit-limit']).toBe('600');
		expect((await call(sim(), 'sending', { method: 'POST', path: '/emails/send', body: MESSAGE })).headers['x-ratelimit-limit']).toBe('1800');
	});
});
