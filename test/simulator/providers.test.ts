import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

interface Provider {
	id: string;
	name: string;
	status: string;
	is_active: boolean;
	has_smtp_password: boolean;
	quotas: { per_hour: { min: number; max: number } | null };
	allowed_actions: { activate: boolean; deactivate: boolean };
}

describe('simulator: providers', () => {
	const sim = useSimulator();

	const create = (name: string, host: string) =>
		call<{ data: Provider }>(sim(), 'app', {
			method: 'POST',
			path: '/providers',
			body: { name, smtp_host: host, smtp_port: 587, smtp_protocol: 'starttls', smtp_username: 'user', smtp_password: 'secret', quotas: { per_hour: 100 } },
		});

	it('creates, lists, gets, updates, deactivates, activates and deletes a provider', async () => {
		const created = await create('Main SMTP', 'smtp.example.net');
		expect(created.status).toBe(201);
		expect(created.body.data).toMatchObject({ status: 'active', is_active: true, has_smtp_password: true, quotas: { per_hour: { min: 100, max: 100 } } });
		expect(JSON.stringify(created.body)).not.toContain('secret');
		const id = created.body.data.id;
		expect((await create('Main SMTP', 'smtp.example.net')).status).toBe(409);
		const got = await call<{ data: Provider }>(sim(), 'app', { path: `/providers/${id}` });
		const stale = got.headers.etag;
		const updated = await call<{ data: Provider }>(sim(), 'app', { method: 'PATCH', path: `/providers/${id}`, headers: { 'If-Match': stale }, body: { name: 'Renamed' } });
		expect(updated.body.data.name).toBe('Renamed');
		expect((await call(sim(), 'app', { method: 'PATCH', path: `/providers/${id}`, headers: { 'If-Match': stale }, body: { name: 'Again' } })).status).toBe(409);
		const inactive = await call<{ data: Provider }>(sim(), 'app', { method: 'POST', path: `/providers/${id}/deactivate` });
		expect(inactive.body.data).toMatchObject({ status: 'inactive', allowed_actions: { activate: true, deactivate: false } });
		expect((await call<{ data: Provider[] }>(sim(), 'app', { path: '/providers', query: { status: 'inactive' } })).body.data.map((p) => p.id)).toEqual([id]);
		expect((await call<{ data: Provider }>(sim(), 'app', { method: 'POST', path: `/providers/${id}/activate` })).body.data.is_active).toBe(true);
		expect((await call<{ data: { deleted: boolean } }>(sim(), 'app', { method: 'DELETE', path: `/providers/${id}` })).body.data.deleted).toBe(true);
		expect((await call(sim(), 'app', { path: `/providers/${id}` })).status).toBe(404);
	});

	it('fails the connection test of a fail.* host and refuses to activate it until it passes', async () => {
		const created = await create('Broken', 'fail.example.net');
		const id = created.body.data.id;
		const test = await call<{ data: { success: boolean } }>(sim(), 'app', { method: 'POST', path: `/providers/${id}/test` });
		expect(test.body.data.success).toBe(false);
		expect((await call<{ data: Provider }>(sim(), 'app', { path: `/providers/${id}` })).body.data.status).toBe('error');
		expect((await call(sim(), 'app', { method: 'POST', path: `/providers/${id}/activate` })).status).toBe(409);
		await call(sim(), 'app', { method: 'PATCH', path: `/providers/${id}`, body: { smtp_host: 'smtp.example.net' } });
		expect((await call<{ data: { success: boolean } }>(sim(), 'app', { method: 'POST', path: `/providers/${id}/test` })).body.data.success).toBe(true);
		expect((await call<{ data: Provider }>(sim(), 'app', { method: 'POST', path: `/providers/${id}/activate` })).body.data.status).toBe('active');
	});
});
