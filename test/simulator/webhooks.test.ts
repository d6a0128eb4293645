import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';

import type { WebhookEventPayload } from './types';
import { call, startReceiver, useSimulator, type Receiver } from './testing.mjs';

interface Created {
	data: { id: string; secret: string; url: string };
	error?: { code: string };
}

/** Sendmux's scheme, recomputed independently of the simulator's code. */
function verify(secret: string, rawBody: Buffer, header: string | undefined): boolean {
	const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
	const given = Buffer.from(header ?? '');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('simulator: webhooks', () => {
	const sim = useSimulator({ allowLoopbackHttpWebhooks: true });
	const receivers: Receiver[] = [];
	const receiver = async (statuses?: number[]) => {
		const started = await startReceiver(statuses);
		receivers.push(started);
		return started;
	};
	const subscribe = (url: string, eventTypes: string[] = ['message.delivered', 'message.bounced', 'sendmux.test'], extra: Record<string, unknown> = {}) =>
		call<Created>(sim(), 'app', { method: 'POST', path: '/webhooks', body: { url, event_types: eventTypes, ...extra } });

	afterEach(async () => {
		await sim().control.settle();
		await Promise.all(receivers.splice(0).map((r) => r.close()));
	});

	it('accepts only https:// URLs unless the loopback switch is on, and then only loopback http', async () => {
		sim().control.configure({ allowLoopbackHttpWebhooks: false });
		const refused = await subscribe('http://127.0.0.1:9/hook');
		expect(refused.status).toBe(422);
		expect(refused.body).toMatchObject({ error: { code: 'validation_error', param: 'url' } });
		sim().control.configure({ allowLoopbackHttpWebhooks: true });
		expect((await subscribe('http://hooks.example.net/hook')).status).toBe(422);
		expect((await subscribe('http://127.0.0.1:9/hook')).status).toBe(201);
	});

	it('returns the secret once on create, never on read, with a Location header', async () => {
		const created = await subscribe('https://hooks.example.net/a');
		expect(created.status).toBe(201);
		expect(created.body.data.secret).toMatch(/^whsec_/);
		expect(created.headers.location).toBe(`${sim().appBaseUrl}/webhooks/${created.body.data.id}`);
		const read = await call(sim(), 'app', { path: `/webhooks/${created.body.data.id}` });
		expect(read.body.data).not.toHaveProperty('secret');
	});

	it('enforces the team webhook limit with 409 limit_exceeded (1 by default, configurable)', async () => {
		expect((await subscribe('https://hooks.example.net/a')).status).toBe(201);
		const second = await subscribe('https://hooks.example.net/b');
		expect(second.status).toBe(409);
		expect(second.body.error?.code).toBe('limit_exceeded');
		sim().control.configure({ limits: { webhooks: 2 } });
		expect((await subscribe('https://hooks.example.net/b')).status).toBe(201);
	});

	it('delivers a sent message as message.delivered, signed exactly as Sendmux signs', async () => {
		const endpoint = await receiver();
		const { secret, id } = (await subscribe(endpoint.url)).body.data;
		const sent = await call<{ data: { message_id: string } }>(sim(), 'sending', {
			method: 'POST',
			path: '/emails/send',
			body: { from: { email: 'hello@example.com' }, to: { email: 'someone@example.net' }, subject: 'Hi', html_body: '<p>Hi</p>' },
		});
		const [delivery] = await endpoint.waitFor(1);
		const payload = delivery.json as WebhookEventPayload;
		expect(verify(secret, delivery.rawBody, delivery.headers['x-sendmux-signature'])).toBe(true);
		expect(verify('whsec_wrong', delivery.rawBody, delivery.headers['x-sendmux-signature'])).toBe(false);
		expect(delivery.headers['x-sendmux-event-id']).toBe(payload.id);
		expect(delivery.headers['x-sendmux-event-type']).toBe('message.delivered');
		expect(delivery.headers['x-sendmux-delivery-attempt']).toBe('1');
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(payload).toMatchObject({
			type: 'message.delivered',
			team_public_id: sim().control.seeded.teamId,
			data: { sendmux_message_id: sent.body.data.message_id, recipients: ['someone@example.net'], sender: 'hello@example.com', message_id_kind: 'provider' },
		});
		const deliveries = await call<{ data: Array<{ id: string; result: string; event_id: string }> }>(sim(), 'app', { path: `/webhooks/${id}/deliveries` });
		expect(deliveries.body.data).toEqual([expect.objectContaining({ result: 'success', event_id: payload.id })]);
		const retained = await call<{ data: { payload: WebhookEventPayload } }>(sim(), 'app', { path: `/webhooks/${id}/deliveries/${deliveries.body.data[0].id}/payload` });
		expect(retained.body.data.payload).toEqual(payload);
	});

	it('sends bounce@ recipients a message.bounced event and fails their delivery log', async () => {
		const endpoint = await receiver();
		await subscribe(endpoint.url);
		await call(sim(), 'sending', {
			method: 'POST',
			path: '/emails/send',
			body: { from: { email: 'hello@example.com' }, to: { email: 'bounce@example.net' }, subject: 'Hi', html_body: '<p>Hi</p>' },
		});
		const [delivery] = await endpoint.waitFor(1);
		expect(delivery.json).toMatchObject({ type: 'message.bounced', data: { bounce_type: 'Permanent', recipients: ['bounce@example.net'] } });
		const logs = await call<{ data: Array<{ status: string; to_email: string }> }>(sim(), 'app', { path: '/emails/logs' });
		expect(logs.body.data[0]).toMatchObject({ status: 'failed', to_email: 'bounce@example.net' });
	});

	it('retries non-2xx answers with the same event, body and signature, counting attempts', async () => {
		const endpoint = await receiver([500, 503, 204]);
		const { id, secret } = (await subscribe(endpoint.url)).body.data;
		const test = await call<{ data: { event_id: string } }>(sim(), 'app', { method: 'POST', path: `/webhooks/${id}/test` });
		const deliveries = await endpoint.waitFor(3);
		expect(deliveries.map((d) => d.headers['x-sendmux-delivery-attempt'])).toEqual(['1', '2', '3']);
		expect(new Set(deliveries.map((d) => d.headers['x-sendmux-event-id']))).toEqual(new Set([test.body.data.event_id]));
		expect(new Set(deliveries.map((d) => d.rawBody.toString()))).toHaveProperty('size', 1);
		expect(deliveries.every((d) => verify(secret, d.rawBody, d.headers['x-sendmux-signature']))).toBe(true);
		expect(deliveries[0].json).toMatchObject({ type: 'sendmux.test', data: { webhook_id: id, recipients: [] } });
		await sim().control.settle();
		const attempts = await call<{ data: Array<{ delivery_attempt: number; result: string; response_status: number }> }>(sim(), 'app', { path: `/webhooks/${id}/deliveries` });
		expect(attempts.body.data.map((a) => [a.delivery_attempt, a.result, a.response_status])).toEqual([
			[3, 'success', 204],
			[2, 'retrying', 503],
			[1, 'retrying', 500],
		]);
	});

	it('marks the subscription failing once the retry schedule runs out', async () => {
		const endpoint = await receiver([500]);
		const { id } = (await subscribe(endpoint.url)).body.data;
		await call(sim(), 'app', { method: 'POST', path: `/webhooks/${id}/test` });
		await endpoint.waitFor(3);
		await sim().control.settle();
		const read = await call<{ data: { failing: boolean } }>(sim(), 'app', { path: `/webhooks/${id}` });
		expect(read.body.data.failing).toBe(true);
		expect(sim().control.webhookDeliveries().map((d) => d.result)).toEqual(['retrying', 'retrying', 'failed']);
	});

	it('sends a failing subscription nothing until it is updated with enabled: true', async () => {
		const endpoint = await receiver();
		const { id } = (await subscribe(endpoint.url)).body.data;
		sim().control.markFailing(id);
		await call(sim(), 'app', { method: 'POST', path: `/webhooks/${id}/test` });
		await sim().control.settle();
		expect(sim().control.webhookDeliveries()).toEqual([]);
		const patched = await call<{ data: { failing: boolean } }>(sim(), 'app', { method: 'PATCH', path: `/webhooks/${id}`, body: { enabled: true } });
		expect(patched.body.data.failing).toBe(false);
		await call(sim(), 'app', { method: 'POST', path: `/webhooks/${id}/test` });
		await endpoint.waitFor(1);
	});

	it('redelivers an event byte for byte as its next attempt', async () => {
		const endpoint = await receiver();
		const { id, secret } = (await subscribe(endpoint.url)).body.data;
		await call(sim(), 'app', { method: 'POST', path: `/webhooks/${id}/test` });
		const [first] = await endpoint.waitFor(1);
		await sim().control.settle();
		expect(sim().control.redeliver(first.headers['x-sendmux-event-id'] as string)).toEqual([{ webhookId: id, attempt: 2 }]);
		const [, again] = await endpoint.waitFor(2);
		expect(again.rawBody.equals(first.rawBody)).toBe(true);
		expect(again.headers['x-sendmux-delivery-attempt']).toBe('2');
		expect(verify(secret, again.rawBody, again.headers['x-sendmux-signature'])).toBe(true);
	});

	it('signs deliveries after a rotation with the new secret', async () => {
		const endpoint = await receiver();
		const { id, secret: old } = (await subscribe(endpoint.url)).body.data;
		const rotated = await call<Created>(sim(), 'app', { method: 'POST', path: `/webhooks/${id}/rotate-secret` });
		await call(sim(), 'app', { method: 'POST', path: `/webhooks/${id}/test` });
		const [delivery] = await endpoint.waitFor(1);
		expect(verify(rotated.body.data.secret, delivery.rawBody, delivery.headers['x-sendmux-signature'])).toBe(true);
		expect(verify(old, delivery.rawBody, delivery.headers['x-sendmux-signature'])).toBe(false);
	});

	it('refuses a test event for a subscription without sendmux.test (409 conflict)', async () => {
		const { id } = (await subscribe('https://hooks.example.net/a', ['message.delivered'])).body.data;
		const response = await call(sim(), 'app', { method: 'POST', path: `/webhooks/${id}/test` });
		expect(response.status).toBe(409);
		expect(response.body.error?.code).toBe('conflict');
	});

	it('delivers message.received for injected mail, honouring mailbox filters', async () => {
		sim().control.configure({ limits: { webhooks: 2 } });
		const matching = await receiver();
		const other = await receiver();
		await subscribe(matching.url, ['message.received'], { filters: { mailbox_ids: [sim().control.seeded.mailboxId] } });
		await subscribe(other.url, ['message.received'], { filters: { mailbox_ids: ['mbx_other'] } });
		const injected = sim().control.injectInbound({ mailbox: 'agent@example.com', from: { email: 'customer@example.net', name: 'Customer' }, subject: 'Question', text: 'Hello?' });
		const [delivery] = await matching.waitFor(1);
		expect(delivery.json).toMatchObject({
			type: 'message.received',
			data: { mailbox_id: sim().control.seeded.mailboxId, message_id: injected.messageId, message_id_kind: 'rfc5322', sender: 'customer@example.net', is_spam: false },
		});
		await sim().control.settle();
		expect(other.received).toEqual([]);
	});
});
