import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

interface Limits {
	sending_accounts: { usage: number; pending_request_id: string | null; can_request_increase: boolean };
	shared_amazon_ses: { sent_today: number; pending_request_id: string | null };
}

describe('simulator: provider limits, stats, usage and email metrics', () => {
	const sim = useSimulator();

	const createProvider = (name: string) =>
		call<{ data: { id: string } }>(sim(), 'app', {
			method: 'POST',
			path: '/providers',
			body: { name, smtp_host: 'smtp.example.net', smtp_port: 587, smtp_protocol: 'starttls', smtp_username: 'user', smtp_password: 'secret' },
		});

	it('counts sending accounts and takes one increase request at a time', async () => {
		await createProvider('One');
		const limits = await call<{ data: Limits }>(sim(), 'app', { path: '/providers/limits' });
		expect(limits.body.data.sending_accounts).toMatchObject({ usage: 1, pending_request_id: null, can_request_increase: true });
		const asked = await call<{ data: { request_id: string; limit: Limits['sending_accounts'] } }>(sim(), 'app', { method: 'POST', path: '/providers/limits/sending-accounts/request-increase' });
		expect(asked.body.data.limit.pending_request_id).toBe(asked.body.data.request_id);
		expect((await call(sim(), 'app', { method: 'POST', path: '/providers/limits/sending-accounts/request-increase' })).status).toBe(409);
	});

	it('creates and cancels a shared Amazon SES limit request', async () => {
		const created = await call<{ data: { request: { id: string; status: string } } }>(sim(), 'app', { method: 'POST', path: '/providers/shared-amazon-ses-limit-request' });
		expect(created.body.data.request.status).toBe('pending');
		const id = created.body.data.request.id;
		expect((await call(sim(), 'app', { method: 'POST', path: '/providers/shared-amazon-ses-limit-request' })).status).toBe(409);
		const limits = await call<{ data: Limits }>(sim(), 'app', { path: '/providers/limits' });
		expect(limits.body.data.shared_amazon_ses.pending_request_id).toBe(id);
		const cancelled = await call<{ data: { request: { status: string } } }>(sim(), 'app', { method: 'DELETE', path: `/providers/shared-amazon-ses-limit-request/${id}` });
		expect(cancelled.body.data.request.status).toBe('cancelled');
		expect((await call(sim(), 'app', { method: 'DELETE', path: `/providers/shared-amazon-ses-limit-request/${id}` })).status).toBe(409);
		const after = await call<{ data: Limits }>(sim(), 'app', { path: '/providers/limits' });
		expect(after.body.data.shared_amazon_ses.pending_request_id).toBeNull();
		expect((await call(sim(), 'app', { method: 'DELETE', path: '/providers/shared-amazon-ses-limit-request/slir_missing' })).status).toBe(404);
	});

	it('answers the shared Amazon SES limit state with the pending request, and 404 while none is pending', async () => {
		// The spec's pending_request cannot be null (an allOf with a closed object), so with
		// nothing pending there is no spec-valid 200: the simulator says so with a 404.
		const none = await call<{ error: { code: string; message: string; retryable: boolean } }>(sim(), 'app', { path: '/providers/shared-amazon-ses-limit-request' });
		expect(none.status).toBe(404);
		expect(none.body.error).toMatchObject({ code: 'not_found', retryable: false });
		expect(none.body.error.message).toMatch(/no shared Amazon SES limit request is pending/i);

		const created = await call<{ data: { request: { id: string } } }>(sim(), 'app', { method: 'POST', path: '/providers/shared-amazon-ses-limit-request' });
		const state = await call<{ data: { limit: { pending_request_id: string | null; can_request_increase: boolean; daily_limit: number }; pending_request: { id: string; status: string } } }>(sim(), 'app', {
			path: '/providers/shared-amazon-ses-limit-request',
		});
		expect(state.status).toBe(200);
		expect(state.body.data.pending_request).toEqual(created.body.data.request);
		expect(state.body.data.limit).toMatchObject({ pending_request_id: created.body.data.request.id, can_request_increase: false, daily_limit: 200 });

		await call(sim(), 'app', { method: 'DELETE', path: `/providers/shared-amazon-ses-limit-request/${created.body.data.request.id}` });
		expect((await call(sim(), 'app', { path: '/providers/shared-amazon-ses-limit-request' })).status).toBe(404);
	});

	it('reports provider stats by status and per-provider usage', async () => {
		const one = await createProvider('One');
		await createProvider('Two');
		await call(sim(), 'app', { method: 'POST', path: `/providers/${one.body.data.id}/deactivate` });
		const stats = await call<{ data: { total: number; active: number; inactive: number; by_type: { smtp: number } } }>(sim(), 'app', { path: '/providers/stats' });
		expect(stats.body.data).toMatchObject({ total: 2, active: 1, inactive: 1, by_type: { smtp: 2 } });
		const usage = await call<{ data: { providers: Array<{ provider_id: string; total_7d: number }> } }>(sim(), 'app', { path: '/providers/usage' });
		expect(usage.body.data.providers.map((p) => p.provider_id)).toContain(one.body.data.id);
	});

	it('sums delivery logs into email metrics with a comparison and a time series', async () => {
		sim().control.seedDeliveryLogs(30, { spacingMs: 3_600_000, statuses: ['sent', 'failed'] });
		const metrics = await call<{ data: { summary: { total: number; sent: number; failed: number }; timeseries: Array<{ total: number }> } }>(sim(), 'app', {
			path: '/emails/metrics',
			query: { window: '24h' },
		});
		expect(metrics.status).toBe(200);
		expect(metrics.body.data.summary.total).toBeGreaterThan(20);
		expect(metrics.body.data.summary.sent + metrics.body.data.summary.failed).toBe(metrics.body.data.summary.total);
		expect(metrics.body.data.timeseries.reduce((sum, point) => sum + point.total, 0)).toBe(metrics.body.data.summary.total);
		const daily = await call<{ data: { timeseries: unknown[] } }>(sim(), 'app', { path: '/emails/metrics', query: { window: '7d', granularity: 'daily' } });
		expect(daily.body.data.timeseries.length).toBeGreaterThanOrEqual(7);
	});
});
