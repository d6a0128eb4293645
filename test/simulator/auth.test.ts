import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

/** A made-up extra root key the simulator is told to accept. */
const EXTRA_ROOT_KEY = 'smx_root_dummy_extra_key_for_simulator_01';

const SEND = { from: { email: 'hello@example.com' }, to: { email: 'someone@example.net' }, subject: 'Hi', html_body: '<p>Hi</p>' };

describe('simulator: keys and permissions', () => {
	const sim = useSimulator({ keys: { root: [EXTRA_ROOT_KEY] } });

	it('answers 401 authentication_required without a key or with an unknown one', async () => {
		const none = await call(sim(), 'app', { path: '/domains', key: null });
		expect(none.status).toBe(401);
		expect(none.body.error?.code).toBe('authentication_required');
		const unknown = await call(sim(), 'app', { path: '/domains', key: 'smx_root_unknown' });
		expect(unknown.status).toBe(401);
	});

	it('accepts configured extra keys', async () => {
		const response = await call(sim(), 'app', { path: '/domains', key: EXTRA_ROOT_KEY });
		expect(response.status).toBe(200);
	});

	it('refuses a mailbox key on the Management API and a root key on the Sending and Mailbox APIs (403)', async () => {
		const management = await call(sim(), 'app', { path: '/domains', key: sim().keys.mailbox });
		expect(management.status).toBe(403);
		expect(management.body.error?.code).toBe('insufficient_permissions');
		const sending = await call(sim(), 'sending', { method: 'POST', path: '/emails/send', key: sim().keys.root, body: SEND });
		expect(sending.status).toBe(403);
		const mailbox = await call(sim(), 'app', { path: '/mailbox/me', key: sim().keys.root });
		expect(mailbox.status).toBe(403);
		expect(sim().control.acceptedMessages()).toEqual([]);
	});

	it('lets a send-only key send but refuses it on /mailbox/* with 403', async () => {
		const sent = await call(sim(), 'sending', { method: 'POST', path: '/emails/send', key: sim().keys.sendOnly, body: SEND });
		expect(sent.status).toBe(200);
		const me = await call(sim(), 'app', { path: '/mailbox/me', key: sim().keys.sendOnly });
		expect(me.status).toBe(403);
		expect(me.body.error?.message).toContain('send');
	});

	it('lets a mailbox key read its own mailbox, and not another one', async () => {
		const me = await call<{ data: { id: string; email: string } }>(sim(), 'app', { path: '/mailbox/me' });
		expect(me.status).toBe(200);
		expect(me.body.data).toMatchObject({ id: sim().control.seeded.mailboxId, email: 'agent@example.com' });
		const other = await call(sim(), 'app', { path: '/mailbox/me', query: { mailbox_id: 'mbx_someoneelse' } });
		expect(other.status).toBe(403);
	});

	it('revokes a mailbox key when it is deleted: it then answers 401', async () => {
		const created = await call<{ data: { credential: { public_id: string; secret: string } } }>(sim(), 'app', {
			method: 'POST',
			path: `/mailboxes/${sim().control.seeded.mailboxId}/keys`,
			body: { app_name: 'n8n' },
		});
		expect(created.status).toBe(201);
		const { public_id: keyId, secret } = created.body.data.credential;
		expect(secret).toMatch(/^smx_mbx_/);
		expect((await call(sim(), 'app', { path: '/mailbox/me', key: secret })).status).toBe(200);
		await call(sim(), 'app', { method: 'DELETE', path: `/mailboxes/${sim().control.seeded.mailboxId}/keys/${keyId}` });
		expect((await call(sim(), 'app', { path: '/mailbox/me', key: secret })).status).toBe(401);
	});
});
