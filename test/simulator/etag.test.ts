import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

describe('simulator: weak ETags', () => {
	const sim = useSimulator();

	it('answers If-None-Match with the current ETag by 304 and no body', async () => {
		const path = `/domains/${sim().control.seeded.domainId}`;
		const first = await call(sim(), 'app', { path });
		const etag = first.headers.etag;
		expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
		const again = await call(sim(), 'app', { path, headers: { 'If-None-Match': etag } });
		expect(again.status).toBe(304);
		expect(again.text).toBe('');
		expect(again.headers.etag).toBe(etag);
		expect(again.headers['x-request-id']).toMatch(/^req_/);
	});

	it('answers If-Match with a stale ETag by 409 conflict, echoing the current ETag, and applies a fresh one', async () => {
		const created = await call<{ data: { id: string } }>(sim(), 'app', { method: 'POST', path: '/webhooks', body: { url: 'https://hooks.example.net/a', event_types: ['message.delivered'] } });
		const path = `/webhooks/${created.body.data.id}`;
		const stale = (await call(sim(), 'app', { path })).headers.etag;
		const renamed = await call(sim(), 'app', { method: 'PATCH', path, body: { name: 'Renamed' }, headers: { 'If-Match': stale } });
		expect(renamed.status).toBe(200);
		const fresh = renamed.headers.etag;
		expect(fresh).not.toBe(stale);
		const conflict = await call(sim(), 'app', { method: 'PATCH', path, body: { name: 'Lost update' }, headers: { 'If-Match': stale } });
		expect(conflict.status).toBe(409);
		expect(conflict.body.error?.code).toBe('conflict');
		expect(conflict.headers.etag).toBe(fresh);
		const notModified = await call(sim(), 'app', { path, headers: { 'If-None-Match': stale } });
		expect(notModified.status).toBe(200);
		expect((notModified.body.data as { name: string }).name).toBe('Renamed');
	});

	it('guards sender-filter replacement with If-Match too', async () => {
		const path = `/mailboxes/${sim().control.seeded.mailboxId}/filters`;
		const etag = (await call(sim(), 'app', { path })).headers.etag;
		const body = { mode: 'denylist', rules: [{ type: 'deny', pattern: '*@spam.example' }] };
		expect((await call(sim(), 'app', { method: 'PUT', path, body, headers: { 'If-Match': etag } })).status).toBe(200);
		expect((await call(sim(), 'app', { method: 'PUT', path, body, headers: { 'If-Match': etag } })).status).toBe(409);
	});
});
