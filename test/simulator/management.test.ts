import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

describe('simulator: Management API', () => {
	const sim = useSimulator();

	it('creates a domain pending, verifies it, and blocks deleting it while it has mailboxes', async () => {
		const created = await call<{ data: { id: string; verification_status: string; dns_records: { mx: unknown[] } } }>(sim(), 'app', {
			method: 'POST',
			path: '/domains',
			body: { domain: 'mail.acme.test', mode: 'send_receive' },
		});
		expect(created.status).toBe(201);
		expect(created.body.data.verification_status).toBe('pending');
		expect(created.body.data.dns_records.mx).toHaveLength(1);
		const early = await call(sim(), 'app', { method: 'POST', path: '/mailboxes', body: { email: 'bot@mail.acme.test' } });
		expect(early.status).toBe(422);
		const verified = await call<{ data: { status: string } }>(sim(), 'app', { method: 'POST', path: `/domains/${created.body.data.id}/verify` });
		expect(verified.body.data.status).toBe('verified');
		const mailbox = await call<{ data: { mailbox: { id: string }; credential: { secret: string } } }>(sim(), 'app', {
			method: 'POST',
			path: '/mailboxes',
			body: { email: 'bot@mail.acme.test', display_name: 'Bot' },
		});
		expect(mailbox.status).toBe(201);
		expect((await call(sim(), 'app', { path: '/mailbox/me', key: mailbox.body.data.credential.secret })).status).toBe(200);
		expect((await call(sim(), 'app', { method: 'POST', path: '/mailboxes', body: { email: 'bot@mail.acme.test' } })).status).toBe(409);
		const blocked = await call(sim(), 'app', { method: 'DELETE', path: `/domains/${created.body.data.id}` });
		expect(blocked.status).toBe(409);
		await call(sim(), 'app', { method: 'DELETE', path: `/mailboxes/${mailbox.body.data.mailbox.id}` });
		expect((await call(sim(), 'app', { method: 'DELETE', path: `/domains/${created.body.data.id}` })).status).toBe(200);
		expect((await call(sim(), 'app', { path: '/mailbox/me', key: mailbox.body.data.credential.secret })).status).toBe(401);
	});

	it('keeps failing domains failed, and serves the zone file as text', async () => {
		const created = await call<{ data: { id: string } }>(sim(), 'app', { method: 'POST', path: '/domains', body: { domain: 'fail.acme.test', mode: 'send_only' } });
		const verified = await call<{ data: { status: string } }>(sim(), 'app', { method: 'POST', path: `/domains/${created.body.data.id}/verify` });
		expect(verified.body.data.status).toBe('failed');
		const zone = await call(sim(), 'app', { path: `/domains/${created.body.data.id}/zone-file` });
		expect(zone.headers['content-type']).toMatch(/^text\/plain/);
		expect(zone.text).toContain('_dmarc.fail.acme.test.');
		expect((await call(sim(), 'app', { path: `/domains/${created.body.data.id}/filters` })).status).toBe(409);
		expect((await call(sim(), 'app', { method: 'POST', path: '/domains', body: { domain: 'https://acme.test' } })).status).toBe(400);
	});

	it('suspends and resumes mailboxes, checks availability and enforces the key limit', async () => {
		const id = sim().control.seeded.mailboxId;
		expect((await call<{ data: { status: string } }>(sim(), 'app', { method: 'POST', path: `/mailboxes/${id}/suspend` })).body.data.status).toBe('suspended');
		expect((await call(sim(), 'app', { path: '/mailbox/me' })).status).toBe(403);
		expect((await call<{ data: { status: string } }>(sim(), 'app', { method: 'POST', path: `/mailboxes/${id}/resume` })).body.data.status).toBe('active');
		const taken = await call<{ data: { available: boolean; reason: string } }>(sim(), 'app', { path: '/mailboxes/availability', query: { email: 'agent@example.com' } });
		expect(taken.body.data).toEqual({ email: 'agent@example.com', available: false, reason: 'taken' });
		sim().control.configure({ limits: { mailboxKeys: 2 } });
		expect((await call(sim(), 'app', { method: 'POST', path: `/mailboxes/${id}/keys`, body: { app_name: 'second' } })).status).toBe(201);
		const third = await call(sim(), 'app', { method: 'POST', path: `/mailboxes/${id}/keys`, body: { app_name: 'third' } });
		expect(third.status).toBe(409);
		expect(third.body.error?.code).toBe('limit_exceeded');
	});

	it('reports billing balance, summary and transactions', async () => {
		const summary = await call<{ data: { total_purchased: string; transaction_count: number } }>(sim(), 'app', { path: '/billing/summary', query: { days: '7' } });
		expect(summary.body.data).toMatchObject({ total_purchased: '100.000000', transaction_count: 1 });
		const transactions = await call<{ data: Array<{ type: string }> }>(sim(), 'app', { path: '/billing/transactions' });
		expect(transactions.body.data.map((t) => t.type)).toEqual(['PURCHASE']);
	});

	it('logs inbound mail for the incoming-log endpoints', async () => {
		sim().control.injectInbound({ mailbox: 'agent@example.com', from: { email: 'x@example.net' }, subject: 'Spam?', text: 'Buy', spam: true });
		const logs = await call<{ data: Array<{ id: string; event_type: string; is_spam: boolean }> }>(sim(), 'app', { path: '/inboxes/logs' });
		expect(logs.body.data).toEqual([expect.objectContaining({ event_type: 'message.received.spam', is_spam: true })]);
		expect((await call(sim(), 'app', { path: `/inboxes/logs/${logs.body.data[0].id}` })).status).toBe(200);
	});
});
