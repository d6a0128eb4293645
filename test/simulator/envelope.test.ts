import { describe, expect, it } from 'vitest';

import { unsimulatedOperations } from './routes';
import { startSimulator } from './simulator.mjs';
import { call, useSimulator } from './testing.mjs';

describe('simulator: envelope and headers', () => {
	const sim = useSimulator();

	it('wraps data in { ok, data, meta } with X-Request-Id equal to meta.request_id and rate-limit headers', async () => {
		const response = await call(sim(), 'app', { path: '/billing/balance' });
		expect(response.status).toBe(200);
		expect(response.body.ok).toBe(true);
		expect(response.body.meta.request_id).toMatch(/^req_[0-9a-f]{24}$/);
		expect(response.headers['x-request-id']).toBe(response.body.meta.request_id);
		expect(response.headers['x-ratelimit-limit']).toBe('600');
		expect(response.headers['x-ratelimit-remaining']).toBe('599');
		expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
	});

	it('gives every request its own request id, recorded by the control API', async () => {
		const first = await call(sim(), 'app', { path: '/domains' });
		const second = await call(sim(), 'app', { path: '/domains' });
		expect(first.body.meta.request_id).not.toBe(second.body.meta.request_id);
		const recorded = sim().control.requests({ operationId: 'managementListDomains' });
		expect(recorded.map((r) => r.requestId)).toEqual([first.body.meta.request_id, second.body.meta.request_id]);
		expect(recorded[0].headers.authorization).toBe('Bearer smx_root_…0001');
	});

	it('answers errors with the error envelope, X-Request-Id and rate-limit headers too', async () => {
		const response = await call(sim(), 'app', { path: '/domains/mdom_missing' });
		expect(response.status).toBe(404);
		expect(response.body).toMatchObject({ ok: false, error: { code: 'not_found', retryable: false } });
		expect(response.headers['x-request-id']).toBe(response.body.meta.request_id);
		expect(response.headers['x-ratelimit-remaining']).toBeDefined();
	});

	it('refuses a query parameter outside the spec with 400 and errors[]', async () => {
		const response = await call(sim(), 'app', { path: '/domains', query: { limit: 500 } });
		expect(response.status).toBe(400);
		expect(response.body.error).toMatchObject({ code: 'invalid_parameter', param: 'limit' });
		expect(response.body.error?.errors).toEqual([expect.objectContaining({ field: 'limit', code: 'too_big' })]);
	});

	it('refuses an invalid body with 422 validation_error listing every field issue', async () => {
		const response = await call(sim(), 'sending', {
			method: 'POST',
			path: '/emails/send',
			body: { from: { email: 'not-an-address' }, to: { email: 'x@example.net' }, subject: 'Hi', surprise: true },
		});
		expect(response.status).toBe(422);
		expect(response.body.error?.code).toBe('validation_error');
		expect(response.body.error?.errors).toEqual(
			expect.arrayContaining([
				{ field: 'html_body', code: 'invalid_type', message: 'html_body is required' },
				expect.objectContaining({ field: 'from.email', code: 'invalid_string' }),
				expect.objectContaining({ field: 'surprise', code: 'unrecognized_keys' }),
			]),
		);
	});

	it('answers malformed JSON with 400 invalid_parameter', async () => {
		const response = await call(sim(), 'sending', { method: 'POST', path: '/emails/send', rawBody: '{"from":', contentType: 'application/json' });
		expect(response.status).toBe(400);
		expect(response.body.error?.code).toBe('invalid_parameter');
	});

	it('answers a body over the size limit with 413 payload_too_large', async () => {
		const small = await startSimulator({ maxBodyBytes: 2048 });
		try {
			const response = await call(small, 'sending', {
				method: 'POST',
				path: '/emails/send',
				body: { from: { email: 'a@example.com' }, to: { email: 'b@example.net' }, subject: 'Big', html_body: 'x'.repeat(4096) },
			});
			expect(response.status).toBe(413);
			expect(response.body.error).toMatchObject({ code: 'payload_too_large', retryable: false });
			expect(small.control.contractViolations()).toEqual([]);
		} finally {
			await small.close();
		}
	});

	it('answers unknown paths with a 404 envelope naming the served bases', async () => {
		const response = await fetch(`${sim().url}/api/v1/domains`);
		const body = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
		expect(response.status).toBe(404);
		expect(body.error.code).toBe('not_found');
		expect(body.error.message).toContain('/sending/api/v1');
	});

	it('simulates every operation of both specs (none answers 501)', () => {
		expect(unsimulatedOperations()).toEqual([]);
	});
});
