import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

describe('simulator: fault injection', () => {
	const sim = useSimulator();
	const listDomains = () => call(sim(), 'app', { path: '/domains' });

	it('injects 429 rate_limit_exceeded with Retry-After, for the given number of times', async () => {
		sim().control.addFault({ kind: 'rate_limit', times: 2, retryAfterSeconds: 7, match: { operationId: 'managementListDomains' } });
		const first = await listDomains();
		expect(first.status).toBe(429);
		expect(first.headers['retry-after']).toBe('7');
		expect(first.body.error).toMatchObject({ code: 'rate_limit_exceeded', retryable: true });
		expect((await listDomains()).status).toBe(429);
		expect((await listDomains()).status).toBe(200);
		expect(sim().control.requests().map((r) => r.fault)).toEqual(['rate_limit', 'rate_limit', undefined]);
	});

	it('injects 500 internal_error and 503 service_unavailable (with Retry-After), both retryable', async () => {
		sim().control.setFaults([
			{ kind: 'server_error', times: 1 },
			{ kind: 'unavailable', times: 1, retryAfterSeconds: 2 },
		]);
		const failed = await listDomains();
		expect(failed.status).toBe(500);
		expect(failed.body.error).toMatchObject({ code: 'internal_error', retryable: true });
		const unavailable = await listDomains();
		expect(unavailable.status).toBe(503);
		expect(unavailable.headers['retry-after']).toBe('2');
		expect(unavailable.body.error).toMatchObject({ code: 'service_unavailable', retryable: true });
	});

	it('only faults the requests a rule matches', async () => {
		sim().control.addFault({ kind: 'server_error', match: { surface: 'sending' } });
		expect((await listDomains()).status).toBe(200);
		const sent = await call(sim(), 'sending', { method: 'POST', path: '/emails/send', body: { from: { email: 'a@example.com' }, to: { email: 'b@example.net' }, subject: 'x', html_body: 'x' } });
		expect(sent.status).toBe(500);
		expect(sim().control.acceptedMessages()).toEqual([]);
	});

	it('drops the connection without an answer', async () => {
		sim().control.addFault({ kind: 'drop', times: 1 });
		await expect(fetch(`${sim().appBaseUrl}/domains`, { headers: { Authorization: `Bearer ${sim().keys.root}` } })).rejects.toThrow(/fetch failed/);
		expect(sim().control.requests()[0]).toMatchObject({ status: null, fault: 'drop' });
		expect((await listDomains()).status).toBe(200);
	});

	it('leaves a request hanging until the client times out', async () => {
		sim().control.addFault({ kind: 'timeout', times: 1 });
		const started = Date.now();
		await expect(
			fetch(`${sim().appBaseUrl}/domains`, { headers: { Authorization: `Bearer ${sim().keys.root}` }, signal: AbortSignal.timeout(300) }),
		).rejects.toThrow();
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect((await listDomains()).status).toBe(200);
	});

	it('adds latency', async () => {
		sim().control.addFault({ kind: 'latency', ms: 250, times: 1 });
		const started = Date.now();
		expect((await listDomains()).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(245);
	});

	it('faults a share of requests, the same ones again after a reset (seeded)', async () => {
		const run = async () => {
			sim().control.addFault({ kind: 'unavailable', share: 0.3, match: { operationId: 'managementListBalance' } });
			sim().control.setRateLimits({ app: { limit: 10_000 } });
			const statuses: number[] = [];
			for (let i = 0; i < 200; i++) statuses.push((await call(sim(), 'app', { path: '/billing/balance' })).status);
			return statuses;
		};
		const first = await run();
		const failed = first.filter((s) => s === 503).length;
		expect(failed).toBeGreaterThan(30);
		expect(failed).toBeLessThan(90);
		sim().control.reset();
		expect(await run()).toEqual(first);
	});

	it('takes fault rules at runtime over the control API', async () => {
		const put = await fetch(`${sim().url}/__control/faults`, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ rules: [{ kind: 'rate_limit', times: 1, retryAfterSeconds: 3 }] }),
		});
		expect(put.status).toBe(200);
		expect(((await put.json()) as { data: unknown[] }).data).toEqual([{ kind: 'rate_limit', times: 1, retryAfterSeconds: 3 }]);
		expect((await listDomains()).status).toBe(429);
		expect((await listDomains()).status).toBe(200);
		const bad = await fetch(`${sim().url}/__control/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'meteor' }) });
		expect(bad.status).toBe(400);
	});
});
