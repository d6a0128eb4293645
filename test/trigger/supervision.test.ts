import { describe, expect, it } from 'vitest';

import { capturedLogs } from '../harness/logs';
import { SendmuxApi } from '../harness/sendmuxApi';
import { TriggerUnderTest } from '../harness/trigger';
import { createdReply, SECRET, subscription, SUBSCRIPTION_ID } from './support';

const EVENTS = ['message.bounced'];

function active(parameters: Record<string, unknown> = {}) {
	const t = new TriggerUnderTest({ parameters: { events: EVENTS, ...parameters } });
	t.setStaticData({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET, url: t.webhookUrl() });
	return t;
}

function listing(api: SendmuxApi, subscriptions: unknown[]) {
	return api.app('GET', '/webhooks').ok(subscriptions, { pagination: { has_more: false } });
}

describe('Sendmux Trigger: the periodic subscription check', () => {
	it('runs every 5 minutes; the end-to-end suite alone shortens it (hidden parameter)', async () => {
		expect((await active().startTrigger()).expression).toBe('0 */5 * * * *');
		expect((await active({ subscriptionCheckSeconds: 3 }).startTrigger()).expression).toBe('*/3 * * * * *');
	});

	it('is scheduled on n8n 1.x too, whose registerCron takes the bare cron expression (1.85)', async () => {
		expect((await active().startTrigger({ registerCron: 'string' })).expression).toBe('0 */5 * * * *');
		expect((await active({ subscriptionCheckSeconds: 3 }).startTrigger({ registerCron: 'string' })).expression).toBe('*/3 * * * * *');
	});

	it('does nothing more than list when the subscription is there and working', async () => {
		const t = active();
		const api = listing(new SendmuxApi(), [subscription({ url: t.webhookUrl(), event_types: EVENTS })]);
		await (await t.startTrigger()).check();
		expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /webhooks']);
	});

	it('updates and enables a subscription Sendmux marked failing, keeping its ID and secret', async () => {
		const t = active();
		const api = listing(new SendmuxApi(), [subscription({ url: t.webhookUrl(), event_types: EVENTS, failing: true })]);
		api.app('PATCH', `/webhooks/${SUBSCRIPTION_ID}`).ok(subscription({ url: t.webhookUrl(), event_types: EVENTS }));
		await (await t.startTrigger()).check();
		expect(api.requestsTo('PATCH', `/webhooks/${SUBSCRIPTION_ID}`)[0].body).toEqual({ url: t.webhookUrl(), enabled: true });
		expect(api.requestsTo('POST', '/webhooks')).toEqual([]);
		expect(t.staticData()).toMatchObject({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET });
	});

	it('registers the subscription again when it was deleted, with a fresh Idempotency-Key', async () => {
		const t = active();
		const api = listing(new SendmuxApi(), [subscription({ id: 'whk_someone_else', url: 'https://other.example/hook', event_types: EVENTS })]);
		api.app('POST', '/webhooks').replyWith(createdReply('whk_replacement', 'whsec_replacement'));
		await (await t.startTrigger()).check();
		const [create] = api.requestsTo('POST', '/webhooks');
		expect(create.body).toMatchObject({ url: t.webhookUrl(), event_types: EVENTS, enabled: true });
		expect(create.idempotencyKey).toMatch(/^n8n-webhook-[0-9a-f-]{36}$/);
		expect(capturedLogs.some((l) => l.level === 'info' && l.message.includes('registered whk_replacement in its place'))).toBe(true);
		// n8n saves nothing after a tick: the replacement's secret is adopted at its first retried delivery (resync.ts).
		expect(t.staticData()).toMatchObject({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET });
	});

	it('leaves a subscription the user disabled alone, and says so', async () => {
		const t = active();
		const api = listing(new SendmuxApi(), [subscription({ url: t.webhookUrl(), event_types: EVENTS, enabled: false })]);
		await (await t.startTrigger()).check();
		expect(api.requests).toHaveLength(1);
		expect(capturedLogs.some((l) => l.level === 'warn' && l.message.includes('is disabled in Sendmux'))).toBe(true);
	});

	it('logs a failed check instead of throwing, so the next check runs', async () => {
		const t = active();
		const api = new SendmuxApi();
		api.app('GET', '/webhooks').error(401, 'authentication_required', 'Invalid API key');
		await expect((await t.startTrigger()).check()).resolves.toBeUndefined();
		expect(capturedLogs.some((l) => l.level === 'warn' && l.message.includes('could not check its Sendmux subscription (Invalid API key)'))).toBe(true);
		expect(api.requestsTo('POST', '/webhooks')).toEqual([]);
	});
});
