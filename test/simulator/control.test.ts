import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

interface ControlAnswer<T> {
	ok: boolean;
	data: T;
}

describe('simulator: control API over HTTP', () => {
	const sim = useSimulator();
	const control = async <T>(method: string, path: string, body?: unknown): Promise<ControlAnswer<T>> => {
		const response = await fetch(`${sim().url}/__control${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		expect(response.status).toBe(200);
		return (await response.json()) as ControlAnswer<T>;
	};

	it('lists recorded requests, filtered, with the key redacted', async () => {
		await call(sim(), 'app', { path: '/domains' });
		await call(sim(), 'app', { path: '/billing/balance' });
		const recorded = await control<Array<{ operationId: string; status: number; headers: Record<string, string> }>>('GET', '/requests?operationId=managementListBalance');
		expect(recorded.data).toEqual([expect.objectContaining({ operationId: 'managementListBalance', status: 200 })]);
		expect(JSON.stringify(recorded.data)).not.toContain(sim().keys.root);
	});

	it('injects inbound mail and seeds delivery logs', async () => {
		const injected = await control<{ id: string; threadId: string }>('POST', '/inbound', {
			mailbox: 'agent@example.com',
			from: { email: 'customer@example.net' },
			subject: 'Hello from the control API',
			text: 'Hi',
		});
		const message = await call<{ data: { subject: string } }>(sim(), 'app', { path: `/mailbox/messages/${injected.data.id}` });
		expect(message.body.data.subject).toBe('Hello from the control API');
		await control('POST', '/delivery-logs', { count: 250 });
		const page = await call<{ data: unknown[]; pagination: { has_more: boolean } }>(sim(), 'app', { path: '/emails/logs', query: { limit: 100 } });
		expect(page.body.data).toHaveLength(100);
		expect(page.body.pagination.has_more).toBe(true);
	});

	it('changes rate limits and settings at runtime, and resets to the seed', async () => {
		await control('PUT', '/rate-limits', { app: { limit: 1 } });
		expect((await call(sim(), 'app', { path: '/domains' })).status).toBe(200);
		expect((await call(sim(), 'app', { path: '/domains' })).status).toBe(429);
		const settings = await control<{ limits: { webhooks: number } }>('PATCH', '/settings', { limits: { webhooks: 3 } });
		expect(settings.data.limits.webhooks).toBe(3);
		await control('POST', '/reset');
		expect((await call(sim(), 'app', { path: '/domains' })).status).toBe(200);
		expect((await control<{ limits: { webhooks: number } }>('GET', '/settings')).data.limits.webhooks).toBe(1);
	});
});
