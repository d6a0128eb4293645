import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';

import { allLogText } from '../harness/logs';
import { okEnvelope, SendmuxApi } from '../harness/sendmuxApi';
import { TriggerUnderTest, type Delivery } from '../harness/trigger';
import { fixtureBytes, fixtureJson, SECRET, subscription, SUBSCRIPTION_ID, VECTORS, WRONG_SECRET } from './support';

const FILE = 'message.bounced.json';
const EVENT = fixtureJson<{ id: string; type: string }>(FILE);

/** A genuine delivery signed with a secret the trigger does not hold (rotated elsewhere). */
function rotatedDelivery(attempt: number): Delivery {
	return {
		rawBody: fixtureBytes(FILE),
		headers: {
			'X-Sendmux-Signature': VECTORS[`${FILE} with wrong-secret.txt`],
			'X-Sendmux-Event-Id': EVENT.id,
			'X-Sendmux-Event-Type': EVENT.type,
			'X-Sendmux-Delivery-Attempt': String(attempt),
		},
	};
}

/** A WebhookDeliveryAttempt as Sendmux's delivery log lists it. */
function loggedAttempt(eventId: string, body: Buffer, attempt = 1) {
	return {
		id: `wdl_attempt${attempt}`,
		event_id: eventId,
		event_type: 'message.bounced',
		delivery_attempt: attempt,
		max_attempts: 8,
		result: 'retrying',
		response_status: 401,
		response_body: '{"error":"invalid_signature"}',
		response_ms: 12,
		error_message: 'Receiver answered HTTP 401',
		next_retry_at: '2026-11-20T09:12:05Z',
		payload_available: true,
		payload_expires_at: '2026-11-27T09:12:00Z',
		request_payload_bytes: body.length,
		request_payload_sha256: createHash('sha256').update(body).digest('hex'),
		created_at: '2026-11-20T09:12:00Z',
	};
}

let t: TriggerUnderTest;

beforeEach(() => {
	t = new TriggerUnderTest({ parameters: { events: ['message.bounced'], options: {} } });
	t.setStaticData({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET, url: t.webhookUrl() });
});

function sendmuxWithLog(entries: unknown[]) {
	const api = new SendmuxApi();
	api.app('GET', '/webhooks').ok([subscription({ url: t.webhookUrl(), event_types: ['message.bounced'] })], { pagination: { has_more: false } });
	api.app('GET', `/webhooks/${SUBSCRIPTION_ID}/deliveries`).ok(entries, { pagination: { has_more: false } });
	return api;
}

describe('Sendmux Trigger: a secret rotated outside the trigger', () => {
	it('refuses the first attempt without asking Sendmux: a first attempt is not in the delivery log yet', async () => {
		const api = new SendmuxApi();
		const outcome = await t.deliver(rotatedDelivery(1));
		expect(outcome.status).toBe(401);
		expect(api.requests).toEqual([]);
		expect(t.executions).toHaveLength(0);
	});

	it('accepts a retry the delivery log confirms byte for byte, rotates the secret again and keeps the new one', async () => {
		const api = sendmuxWithLog([loggedAttempt(EVENT.id, fixtureBytes(FILE))]);
		api.app('POST', `/webhooks/${SUBSCRIPTION_ID}/rotate-secret`).replyWith(() => [
			200,
			okEnvelope({ ...subscription({ url: t.webhookUrl(), event_types: ['message.bounced'] }), secret: 'whsec_rotated_by_trigger' }),
		]);
		const outcome = await t.deliver(rotatedDelivery(2));
		expect(outcome).toMatchObject({ status: 200, answeredBy: 'node' });
		expect(t.executions.map((items) => items[0].json.id)).toEqual([EVENT.id]);
		const [rotation] = api.requestsTo('POST', `/webhooks/${SUBSCRIPTION_ID}/rotate-secret`);
		expect(rotation.idempotencyKey).toMatch(/^n8n-webhook-rotate-[0-9a-f-]{36}$/);
		expect(api.requestsTo('GET', `/webhooks/${SUBSCRIPTION_ID}/deliveries`)[0].query).toEqual({ limit: '100', event_type: 'message.bounced' });
		// Saved by n8n (noWebhookResponse): the next delivery verifies with the new secret.
		expect(t.staticData()).toMatchObject({ subscriptionId: SUBSCRIPTION_ID, secret: 'whsec_rotated_by_trigger', seenEventIds: [EVENT.id] });
		expect(allLogText()).not.toContain('whsec_rotated_by_trigger');
		expect(allLogText()).not.toContain(WRONG_SECRET);
	});

	it('refuses a retry whose bytes Sendmux never sent, and then asks Sendmux at most once per 10 seconds', async () => {
		const other = Buffer.from('{"id":"evt_other"}');
		const api = sendmuxWithLog([loggedAttempt(EVENT.id, other)]);
		expect((await t.deliver(rotatedDelivery(2))).status).toBe(401);
		expect((await t.deliver(rotatedDelivery(3))).status).toBe(401);
		expect(api.requestsTo('GET', '/webhooks')).toHaveLength(1);
		expect(api.requestsTo('POST', `/webhooks/${SUBSCRIPTION_ID}/rotate-secret`)).toEqual([]);
		expect(t.staticData().secret).toBe(SECRET);
		expect(t.executions).toHaveLength(0);
	});

	it('refuses, and keeps the secret, when Sendmux cannot be asked', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/webhooks').times(5).error(500, 'internal_error', 'Something broke', { retryable: true });
		expect((await t.deliver(rotatedDelivery(2))).status).toBe(401);
		expect(api.requestsTo('GET', '/webhooks').length).toBeGreaterThan(0);
		expect(t.staticData().secret).toBe(SECRET);
	});
});
