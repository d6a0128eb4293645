import { describe, expect, it } from 'vitest';

import { recordedWaits } from '../harness/clock';
import { allLogText, capturedLogs } from '../harness/logs';
import { okEnvelope, SendmuxApi } from '../harness/sendmuxApi';
import { TriggerUnderTest } from '../harness/trigger';
import { ROOT_KEY } from '../harness/workflow';
import { createdReply, SECRET, subscription, SUBSCRIPTION_ID } from './support';

const EVENTS = ['message.received', 'message.bounced'];

function trigger(parameters: Record<string, unknown> = {}, setup: Partial<ConstructorParameters<typeof TriggerUnderTest>[0]> = {}) {
	return new TriggerUnderTest({ parameters: { events: EVENTS, ...parameters }, ...setup });
}

/** A trigger whose production subscription is already registered and stored. */
function registered(parameters: Record<string, unknown> = {}) {
	const t = trigger(parameters);
	t.setStaticData({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET });
	return t;
}

function noOrphans(api: SendmuxApi) {
	return api.app('GET', '/webhooks').ok([], { pagination: { has_more: false } });
}

async function errorOf(promise: Promise<unknown>): Promise<Error & { description?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('expected the call to fail');
}

describe('Sendmux Trigger lifecycle: create', () => {
	it('registers the webhook URL with the selected events and stores the subscription ID and secret', async () => {
		const t = trigger();
		const api = noOrphans(new SendmuxApi());
		api.app('POST', '/webhooks').replyWith(createdReply());

		expect(await t.activate()).toEqual({ created: true });

		const [create] = api.requestsTo('POST', '/webhooks');
		expect(create.body).toEqual({
			url: t.webhookUrl(),
			event_types: ['message.bounced', 'message.received'],
			name: 'n8n: Bounce handling (Sendmux Trigger)',
			enabled: true,
			filters: { mailbox_ids: [] },
		});
		expect(create.headers.authorization).toBe(`Bearer ${ROOT_KEY}`);
		expect(create.idempotencyKey).toMatch(/^n8n-webhook-[0-9a-f-]{36}$/);
		expect(t.staticData()).toEqual({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET, url: t.webhookUrl() });
		expect(allLogText()).not.toContain(SECRET);
	});

	it('uses the subscription name the user gave', async () => {
		const t = trigger({ subscriptionName: '  Bounces to CRM  ' });
		const api = noOrphans(new SendmuxApi());
		api.app('POST', '/webhooks').replyWith(createdReply());
		await t.create();
		expect((api.requestsTo('POST', '/webhooks')[0].body as { name: string }).name).toBe('Bounces to CRM');
	});

	it('scopes the subscription to mailboxes given by ID, from the list, or by email address', async () => {
		const t = trigger({
			mailboxScope: {
				mailboxes: [
					{ mailbox: { __rl: true, mode: 'id', value: 'mbx_zz9' } },
					{ mailbox: { __rl: true, mode: 'email', value: 'Support@Acme.example' } },
					{ mailbox: { __rl: true, mode: 'list', value: 'mbx_aa1' } },
					{ mailbox: { __rl: true, mode: 'id', value: 'mbx_zz9' } },
				],
			},
		});
		const api = new SendmuxApi();
		api.app('GET', '/mailboxes').ok(
			[
				{
					id: 'mbx_mm5',
					email: 'support@acme.example',
					display_name: null,
					quota_bytes: null,
					send_scope: null,
					status: 'active',
					created_at: '2026-11-01T00:00:00Z',
				},
			],
			{ pagination: { has_more: false } },
		);
		noOrphans(api);
		api.app('POST', '/webhooks').replyWith(createdReply());
		await t.create();
		expect(api.requestsTo('POST', '/webhooks')[0].body).toMatchObject({
			filters: { mailbox_ids: ['mbx_aa1', 'mbx_mm5', 'mbx_zz9'] },
		});
	});

	it('refuses a mailbox row that holds no mailbox ID, before any request', async () => {
		const t = trigger({ mailboxScope: { mailboxes: [{ mailbox: { __rl: true, mode: 'id', value: 'support@acme.example' } }] } });
		const api = new SendmuxApi();
		const error = await errorOf(t.create());
		expect(error.message).toBe('Mailbox 1 in "Only These Mailboxes" is not a mailbox ID: "support@acme.example"');
		expect(api.requests).toEqual([]);
	});

	it('refuses an empty Events selection before any request', async () => {
		const t = trigger({ events: [] });
		const api = new SendmuxApi();
		const error = await errorOf(t.create());
		expect(error.message).toBe('Events is empty: select at least one event to listen for');
		expect(api.requests).toEqual([]);
		expect(t.staticData()).toEqual({});
	});

	it.each([
		['http://n8n.example.test/webhook', 'it uses http://'],
		['https://localhost:5678/webhook', 'its host "localhost"'],
		['https://127.0.0.1:5678/webhook', 'its host "127.0.0.1"'],
		['https://192.168.1.20/webhook', 'its host "192.168.1.20"'],
	])('refuses n8n webhook URL %s without calling Sendmux', async (base, reason) => {
		const t = trigger({}, { webhookBaseUrl: base });
		const api = new SendmuxApi();
		const error = await errorOf(t.activate());
		expect(error.message).toContain(`its webhook URL ${t.webhookUrl()} is not a public https:// address (${reason}`);
		expect(error.description).toContain('Set the N8N_WEBHOOK_URL environment variable');
		expect(error.description).toContain('tunnel');
		expect(api.requests).toEqual([]);
		expect(t.staticData()).toEqual({});
	});

	it("maps 409 limit_exceeded to the team's webhook limit, naming test and production URLs", async () => {
		const t = trigger();
		const api = noOrphans(new SendmuxApi());
		api.app('POST', '/webhooks').error(409, 'limit_exceeded', 'Webhook limit reached for this plan (1).');
		const error = await errorOf(t.activate());
		expect(error.message).toBe(
			"Sendmux's webhook limit for this team is reached, so n8n cannot register this workflow's production URL",
		);
		expect(error.description).toContain('one for the production URL while the workflow is active, and another for the test URL');
		expect(error.description).toContain('Free teams can have only one webhook');
		expect(error.description).toContain('Request ID: req_');
		expect(api.requestsTo('POST', '/webhooks')).toHaveLength(1);
		expect(t.staticData()).toEqual({});
	});

	it('says how to free the limit when listening for a test event', async () => {
		const t = trigger();
		const api = noOrphans(new SendmuxApi());
		api.app('POST', '/webhooks').error(409, 'limit_exceeded', 'Webhook limit reached for this plan (1).');
		const error = await errorOf(t.activate('test'));
		expect(error.message).toBe("Sendmux's webhook limit for this team is reached, so n8n cannot register its test URL");
		expect(error.description).toContain('To test, deactivate this workflow');
	});

	it('deletes an earlier subscription to this node’s URL whose secret it lost, then creates with a fresh key', async () => {
		const t = trigger();
		const first = noOrphans(new SendmuxApi());
		first.app('POST', '/webhooks').replyWith(createdReply());
		await t.create();
		const firstKey = first.requestsTo('POST', '/webhooks')[0].idempotencyKey;

		t.setStaticData({}); // static data lost, the subscription still on Sendmux
		const api = new SendmuxApi();
		api.app('GET', '/webhooks').ok(
			[
				subscription({ id: 'whk_other', url: 'https://elsewhere.example/hook', event_types: ['message.delivered'] }),
				subscription({ id: SUBSCRIPTION_ID, url: t.webhookUrl(), event_types: ['message.bounced', 'message.received'] }),
			],
			{ pagination: { has_more: false } },
		);
		api.app('DELETE', `/webhooks/${SUBSCRIPTION_ID}`).ok({ deleted: true, id: SUBSCRIPTION_ID });
		api.app('POST', '/webhooks').replyWith(createdReply('whk_new', 'whsec_new'));
		expect(await t.activate()).toEqual({ created: true });

		expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /webhooks',
			`DELETE /webhooks/${SUBSCRIPTION_ID}`,
			'POST /webhooks',
		]);
		expect(api.requestsTo('POST', '/webhooks')[0].idempotencyKey).not.toBe(firstKey);
		expect(t.staticData()).toMatchObject({ subscriptionId: 'whk_new', secret: 'whsec_new' });
	});
});

describe('Sendmux Trigger lifecycle: checkExists', () => {
	it('is false without a stored subscription, and asks Sendmux nothing', async () => {
		const t = trigger();
		const api = new SendmuxApi();
		expect(await t.checkExists()).toBe(false);
		expect(api.requests).toEqual([]);
	});

	it('is true when the stored subscription exists with the same URL, events and mailboxes', async () => {
		const t = registered();
		const api = new SendmuxApi();
		api.app('GET', `/webhooks/${SUBSCRIPTION_ID}`).ok(
			subscription({ url: t.webhookUrl(), event_types: ['message.received', 'message.bounced'] }),
		);
		expect(await t.checkExists()).toBe(true);
		expect(api.requests).toHaveLength(1);
		// The URL is kept for the periodic check (supervision.ts).
		expect(t.staticData()).toEqual({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET, url: t.webhookUrl() });
	});

	it.each([
		['other events', { event_types: ['message.bounced'] }],
		['another URL', { url: 'https://old-host.example/webhook/abc/webhook' }],
		['other mailboxes', { mailbox_ids: ['mbx_aa1'] }],
		['a failing state', { failing: true }],
	])('is false, and deletes the stale subscription, when it has %s', async (_label, change) => {
		const t = registered();
		const api = new SendmuxApi();
		api.app('GET', `/webhooks/${SUBSCRIPTION_ID}`).ok(
			subscription({ url: t.webhookUrl(), event_types: EVENTS, ...change }),
		);
		api.app('DELETE', `/webhooks/${SUBSCRIPTION_ID}`).ok({ deleted: true, id: SUBSCRIPTION_ID });
		expect(await t.checkExists()).toBe(false);
		expect(api.requestsTo('DELETE', `/webhooks/${SUBSCRIPTION_ID}`)).toHaveLength(1);
		expect(t.staticData()).toEqual({});
	});

	it('is false, and replaces the subscription, when no secret is stored for it', async () => {
		const t = trigger();
		t.setStaticData({ subscriptionId: SUBSCRIPTION_ID });
		const api = new SendmuxApi();
		api.app('GET', `/webhooks/${SUBSCRIPTION_ID}`).ok(subscription({ url: t.webhookUrl(), event_types: EVENTS }));
		api.app('DELETE', `/webhooks/${SUBSCRIPTION_ID}`).ok({ deleted: true, id: SUBSCRIPTION_ID });
		expect(await t.checkExists()).toBe(false);
		expect(t.staticData()).toEqual({});
	});

	it('is false and clears the stored state when Sendmux answers 404', async () => {
		const t = registered();
		t.setStaticData({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET, seenEventIds: ['evt_1'] });
		const api = new SendmuxApi();
		api.app('GET', `/webhooks/${SUBSCRIPTION_ID}`).error(404, 'not_found', 'Webhook not found');
		expect(await t.checkExists()).toBe(false);
		expect(api.requests).toHaveLength(1);
		expect(t.staticData()).toEqual({});
	});

	it('throws on any other error and keeps the stored state, so no second subscription is made', async () => {
		const t = registered();
		const api = new SendmuxApi();
		api.app('GET', `/webhooks/${SUBSCRIPTION_ID}`)
			.times(5)
			.error(500, 'internal_error', 'Something broke', { retryable: true });
		const error = await errorOf(t.activate());
		expect(error.message).toBe('Something broke');
		expect(error.description).toContain('internal_error (HTTP 500) on GET /webhooks/');
		expect(api.requestsTo('GET', `/webhooks/${SUBSCRIPTION_ID}`)).toHaveLength(5);
		expect(recordedWaits).toHaveLength(4);
		expect(api.requestsTo('POST', '/webhooks')).toEqual([]);
		expect(t.staticData()).toEqual({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET });
	});

	it('throws on 401 (revoked key) rather than registering anew', async () => {
		const t = registered();
		const api = new SendmuxApi();
		api.app('GET', `/webhooks/${SUBSCRIPTION_ID}`).error(401, 'authentication_required', 'Invalid API key');
		const error = await errorOf(t.checkExists());
		expect(error.message).toBe('Invalid API key');
		expect(t.staticData()).toMatchObject({ subscriptionId: SUBSCRIPTION_ID });
	});

	it('keeps a subscription disabled in the Sendmux app, and logs that no events arrive', async () => {
		const t = registered();
		const api = new SendmuxApi();
		api.app('GET', `/webhooks/${SUBSCRIPTION_ID}`).ok(
			subscription({ url: t.webhookUrl(), event_types: EVENTS, enabled: false }),
		);
		expect(await t.checkExists()).toBe(true);
		expect(capturedLogs.some((l) => l.level === 'warn' && l.message.includes('is disabled in Sendmux'))).toBe(true);
	});
});

describe('Sendmux Trigger lifecycle: restarts', () => {
	it('creates once, then at every n8n start finds the subscription and creates nothing', async () => {
		const t = trigger();
		const api = noOrphans(new SendmuxApi());
		api.app('POST', '/webhooks').replyWith(createdReply());
		api.app('GET', `/webhooks/${SUBSCRIPTION_ID}`)
			.times(3)
			.replyWith(() => [200, okEnvelope(subscription({ url: t.webhookUrl(), event_types: EVENTS }))]);

		expect(await t.activate('production', 'activate')).toEqual({ created: true });
		for (let start = 0; start < 3; start++) {
			expect(await t.activate('production', 'init')).toEqual({ created: false });
		}
		expect(api.requestsTo('POST', '/webhooks')).toHaveLength(1);
		expect(api.requestsTo('GET', `/webhooks/${SUBSCRIPTION_ID}`)).toHaveLength(3);
	});

	it('keeps one Idempotency-Key across the transport retries of one create, so a lost answer is replayed, not duplicated', async () => {
		const t = trigger();
		const api = noOrphans(new SendmuxApi());
		api.app('POST', '/webhooks').error(503, 'service_unavailable', 'Try again', { retryable: true });
		api.app('POST', '/webhooks').replyWith(createdReply());
		await t.create();
		const [first, second] = api.requestsTo('POST', '/webhooks');
		expect(second.idempotencyKey).toBe(first.idempotencyKey);
		expect(t.staticData()).toMatchObject({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET });
	});

	it('uses a new Idempotency-Key after the subscription was deleted, so Sendmux does not replay it', async () => {
		const t = trigger();
		const api = noOrphans(noOrphans(new SendmuxApi()));
		api.app('POST', '/webhooks').replyWith(createdReply());
		api.app('DELETE', `/webhooks/${SUBSCRIPTION_ID}`).ok({ deleted: true, id: SUBSCRIPTION_ID });
		api.app('POST', '/webhooks').replyWith(createdReply('whk_second', 'whsec_second'));
		await t.activate();
		await t.delete();
		await t.activate();
		const [first, second] = api.requestsTo('POST', '/webhooks');
		expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
		expect(t.staticData()).toMatchObject({ subscriptionId: 'whk_second', secret: 'whsec_second' });
	});
});

describe('Sendmux Trigger lifecycle: delete', () => {
	it('deletes the stored subscription and forgets its ID and secret', async () => {
		const t = registered();
		const api = new SendmuxApi();
		api.app('DELETE', `/webhooks/${SUBSCRIPTION_ID}`).ok({ deleted: true, id: SUBSCRIPTION_ID });
		expect(await t.delete()).toBe(true);
		expect(api.requests).toHaveLength(1);
		expect(t.staticData()).toEqual({});
	});

	it('counts a 404 as deleted', async () => {
		const t = registered();
		const api = new SendmuxApi();
		api.app('DELETE', `/webhooks/${SUBSCRIPTION_ID}`).error(404, 'not_found', 'Webhook not found');
		expect(await t.delete()).toBe(true);
		expect(t.staticData()).toEqual({});
	});

	it('does nothing when no subscription is stored', async () => {
		const t = trigger();
		const api = new SendmuxApi();
		expect(await t.delete()).toBe(true);
		expect(api.requests).toEqual([]);
	});

	it('keeps the ID and secret when the delete fails, and logs it without the secret', async () => {
		const t = registered();
		const api = new SendmuxApi();
		api.app('DELETE', `/webhooks/${SUBSCRIPTION_ID}`).error(403, 'insufficient_permissions', 'Key may not manage webhooks');
		expect(await t.delete()).toBe(false);
		expect(t.staticData()).toEqual({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET });
		const warning = capturedLogs.find((l) => l.level === 'warn');
		expect(warning?.message).toContain(`could not delete subscription ${SUBSCRIPTION_ID} (Key may not manage webhooks)`);
		expect(allLogText()).not.toContain(SECRET);
	});
});

describe('Sendmux Trigger lifecycle: listening for a test event', () => {
	it('registers the test URL, marked as a test, and removes it afterwards', async () => {
		const t = trigger();
		const api = noOrphans(new SendmuxApi());
		api.app('POST', '/webhooks').replyWith(createdReply('whk_test', 'whsec_test'));
		api.app('DELETE', '/webhooks/whk_test').ok({ deleted: true, id: 'whk_test' });

		await t.activate('test');
		const [create] = api.requestsTo('POST', '/webhooks');
		expect(create.body).toMatchObject({
			url: t.webhookUrl('test'),
			name: 'n8n: Bounce handling (Sendmux Trigger) [test]',
		});
		expect(t.webhookUrl('test')).toContain('/webhook-test/');
		expect(t.staticData('test')).toMatchObject({ subscriptionId: 'whk_test' });
		expect(t.staticData('production')).toEqual({});

		expect(await t.delete('test')).toBe(true);
		expect(api.requestsTo('DELETE', '/webhooks/whk_test')).toHaveLength(1);
		expect(t.staticData('test')).toEqual({ url: t.webhookUrl('test') });
	});

	it('uses a new Idempotency-Key for every listen, although n8n starts each listen from empty static data', async () => {
		const t = trigger();
		const api = new SendmuxApi();
		for (let listen = 1; listen <= 3; listen++) {
			noOrphans(api);
			api.app('POST', '/webhooks').replyWith(createdReply(`whk_test${listen}`, `whsec_test${listen}`));
			api.app('DELETE', `/webhooks/whk_test${listen}`).ok({ deleted: true, id: `whk_test${listen}` });
			t.setStaticData({}, 'test'); // n8n 2.41: test-webhooks.js builds each listen with staticData: {}
			await t.activate('test');
			expect(t.staticData('test')).toMatchObject({ subscriptionId: `whk_test${listen}` });
			await t.delete('test');
		}
		const keys = api.requestsTo('POST', '/webhooks').map((request) => request.idempotencyKey);
		expect(new Set(keys).size).toBe(3);
	});
});
