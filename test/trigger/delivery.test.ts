import type { INodeParameters } from 'n8n-workflow';
import { beforeEach, describe, expect, it } from 'vitest';

import { openApiContract } from '../contract/openapi';
import { allLogText, capturedLogs } from '../harness/logs';
import { TriggerUnderTest, type Delivery } from '../harness/trigger';
import { fixtureBytes, fixtureJson, SECRET, SUBSCRIPTION_ID, VECTORS } from './support';

const BOUNCED = fixtureBytes('message.bounced.json');
const RECEIVED = fixtureBytes('message.received.json');
const DELIVERED = fixtureBytes('message.delivered.json');

/** What Sendmux sends with a fixture: its openssl signature and the event headers. */
function fromSendmux(file: string, extra: Record<string, string> = {}): Delivery {
	const event = fixtureJson<{ id: string; type: string }>(file);
	return {
		rawBody: fixtureBytes(file),
		headers: {
			'X-Sendmux-Signature': VECTORS[file],
			'X-Sendmux-Event-Id': event.id,
			'X-Sendmux-Event-Type': event.type,
			'X-Sendmux-Delivery-Attempt': '1',
			...extra,
		},
	};
}

let t: TriggerUnderTest;

function listening(options: INodeParameters = {}) {
	const trigger = new TriggerUnderTest({
		parameters: { events: ['message.bounced', 'message.received'], options },
	});
	trigger.setStaticData({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET });
	return trigger;
}

function expectRefused(outcome: Awaited<ReturnType<TriggerUnderTest['deliver']>>, message: string) {
	expect(outcome.status).toBe(401);
	expect(outcome.answeredBy).toBe('node');
	expect(outcome.body).toEqual({ error: 'invalid_signature', message });
	expect(outcome.items).toBeUndefined();
	expect(t.executions).toHaveLength(0);
}

beforeEach(() => {
	t = listening();
});

describe('Sendmux Trigger delivery fixtures', () => {
	it.each(['message.bounced.json', 'message.received.json', 'message.delivered.json'])(
		'%s is a valid WebhookEventPayload',
		(file) => {
			expect(openApiContract().validateComponent('app', 'WebhookEventPayload', fixtureJson(file))).toEqual([]);
		},
	);
});

describe('Sendmux Trigger delivery: Simplified output', () => {
	it('leaves out the fields that do not apply to the event (null in what Sendmux sent)', async () => {
		const trigger = new TriggerUnderTest({ parameters: { events: ['message.delivered'], options: {} } });
		trigger.setStaticData({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET });
		const outcome = await trigger.deliver(fromSendmux('message.delivered.json'));
		expect(outcome.items?.[0].json.data).toEqual({
			message_id: '0102019a4b2d-1111-2222-3333-444455556666-000000@eu-west-1.amazonses.com',
			message_id_kind: 'provider',
			sendmux_message_id: 'msg_cm7q2b9x40006msg000000002',
			sender: 'billing@acme.example',
			recipients: ['ops@partner.example'],
		});
	});
});

describe('Sendmux Trigger delivery: signature', () => {
	it('starts one execution with the event for a correctly signed delivery', async () => {
		const outcome = await t.deliver(fromSendmux('message.bounced.json', { 'X-Sendmux-Delivery-Attempt': '3' }));
		expect(outcome.status).toBe(200);
		// The node answers and returns noWebhookResponse, so n8n saves the remembered ID before the run.
		expect(outcome.answeredBy).toBe('node');
		expect(outcome.body).toEqual({ received: true });
		expect(t.executions).toHaveLength(1);
		const event = fixtureJson<Record<string, unknown>>('message.bounced.json');
		expect(outcome.items).toEqual([
			{
				json: {
					id: 'evt_cm7q2b9x40001bounce0000001',
					type: 'message.bounced',
					occurred_at: '2026-11-20T09:12:00Z',
					team_public_id: 'team_cm7q2b9x40000team00000001',
					data: Object.fromEntries(
						Object.entries(event.data as Record<string, unknown>).filter(([, value]) => value !== null),
					),
					delivery_attempt: 3,
				},
			},
		]);
		// The raw bytes escape non-ASCII; the event carries the decoded address.
		expect((outcome.items?.[0].json.data as { recipients: string[] }).recipients).toEqual([
			'jürgen@empfänger.example',
		]);
	});

	it('refuses a tampered body', async () => {
		const tampered = Buffer.from(BOUNCED.toString('utf8').replace('"Permanent"', '"Transient"'), 'utf8');
		expect(tampered.equals(BOUNCED)).toBe(false);
		expectRefused(
			await t.deliver({ ...fromSendmux('message.bounced.json'), rawBody: tampered }),
			'The X-Sendmux-Signature header does not match the request body and this subscription’s secret.',
		);
	});

	it('refuses a body signed with another secret', async () => {
		expectRefused(
			await t.deliver(
				fromSendmux('message.bounced.json', {
					'X-Sendmux-Signature': VECTORS['message.bounced.json with wrong-secret.txt'],
				}),
			),
			'The X-Sendmux-Signature header does not match the request body and this subscription’s secret.',
		);
	});

	it('refuses a delivery without X-Sendmux-Signature', async () => {
		const delivery = fromSendmux('message.bounced.json');
		delete delivery.headers?.['X-Sendmux-Signature'];
		expectRefused(await t.deliver(delivery), 'The request has no X-Sendmux-Signature header.');
	});

	it.each([
		['one hex digit short', VECTORS['message.bounced.json'].slice(0, -1)],
		['one hex digit long', `${VECTORS['message.bounced.json']}0`],
		['only the prefix', 'sha256='],
		['no prefix', VECTORS['message.bounced.json'].slice('sha256='.length)],
		['another algorithm', VECTORS['message.bounced.json'].replace('sha256=', 'sha1=')],
	])('refuses a signature header with %s', async (_label, header) => {
		expectRefused(
			await t.deliver(fromSendmux('message.bounced.json', { 'X-Sendmux-Signature': header })),
			'The X-Sendmux-Signature header is not of the form sha256=<64 lowercase hex digits>.',
		);
	});

	it('refuses the right signature written in uppercase hex', async () => {
		const upper = `sha256=${VECTORS['message.bounced.json'].slice('sha256='.length).toUpperCase()}`;
		expect(upper).not.toBe(VECTORS['message.bounced.json']);
		expectRefused(
			await t.deliver(fromSendmux('message.bounced.json', { 'X-Sendmux-Signature': upper })),
			'The X-Sendmux-Signature header is not of the form sha256=<64 lowercase hex digits>.',
		);
	});

	it('refuses a signature computed over re-serialised JSON instead of the bytes received', async () => {
		expectRefused(
			await t.deliver(
				fromSendmux('message.bounced.json', {
					'X-Sendmux-Signature': VECTORS['message.bounced.reserialised.json'],
				}),
			),
			'The X-Sendmux-Signature header does not match the request body and this subscription’s secret.',
		);
		// The same vector is valid for the bytes it was made over: only the bytes decide.
		const outcome = await t.deliver(fromSendmux('message.bounced.reserialised.json'));
		expect(outcome.status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	it('refuses a delivery whose raw body n8n did not keep', async () => {
		expectRefused(
			await t.deliver({ ...fromSendmux('message.bounced.json'), withoutRawBody: true }),
			'The request body could not be read as raw bytes, so its signature cannot be checked.',
		);
	});

	it('refuses every delivery while no secret is stored', async () => {
		t.setStaticData({ subscriptionId: SUBSCRIPTION_ID });
		const outcome = await t.deliver(fromSendmux('message.bounced.json'));
		expect(outcome.status).toBe(401);
		expect((outcome.body as { message: string }).message).toContain('Deactivate and activate the workflow');
		expect(t.executions).toHaveLength(0);
	});

	it('logs a refusal without the secret or the signature', async () => {
		await t.deliver(fromSendmux('message.bounced.json', { 'X-Sendmux-Signature': VECTORS['message.received.json'] }));
		expect(capturedLogs.some((l) => l.level === 'warn' && l.message.includes('refused a delivery (mismatch)'))).toBe(
			true,
		);
		expect(allLogText()).not.toContain(SECRET);
		expect(allLogText()).not.toContain(VECTORS['message.received.json']);
	});

	it('accepts unsigned deliveries when Verify Signature is off', async () => {
		t = listening({ verifySignature: false });
		const delivery = fromSendmux('message.received.json');
		delete delivery.headers?.['X-Sendmux-Signature'];
		const outcome = await t.deliver(delivery);
		expect(outcome.status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});
});

describe('Sendmux Trigger delivery: what starts the workflow', () => {
	it('answers a repeated event ID with 200 and starts no second execution', async () => {
		const first = await t.deliver(fromSendmux('message.bounced.json'));
		const again = await t.deliver(fromSendmux('message.bounced.json', { 'X-Sendmux-Delivery-Attempt': '2' }));
		expect(first.status).toBe(200);
		expect(again).toMatchObject({
			status: 200,
			answeredBy: 'node',
			body: { received: true, ignored: 'event already delivered' },
		});
		expect(t.executions).toHaveLength(1);
		expect(t.staticData().seenEventIds).toEqual(['evt_cm7q2b9x40001bounce0000001']);
	});

	it('catches a replayed delivery even when its (unsigned) X-Sendmux-Event-Id header was changed', async () => {
		await t.deliver(fromSendmux('message.bounced.json'));
		const replay = await t.deliver(fromSendmux('message.bounced.json', { 'X-Sendmux-Event-Id': 'evt_forged' }));
		expect(replay).toMatchObject({ status: 200, body: { ignored: 'event already delivered' } });
		expect(t.executions).toHaveLength(1);
	});

	it('still runs for other events after one was repeated', async () => {
		await t.deliver(fromSendmux('message.bounced.json'));
		await t.deliver(fromSendmux('message.bounced.json'));
		await t.deliver(fromSendmux('message.received.json'));
		expect(t.executions.map((items) => items[0].json.id)).toEqual([
			'evt_cm7q2b9x40001bounce0000001',
			'evt_cm7q2b9x40003received00001',
		]);
	});

	it('runs every delivery when Ignore Redelivered Events is off', async () => {
		t = listening({ ignoreRedelivered: false });
		await t.deliver(fromSendmux('message.bounced.json'));
		await t.deliver(fromSendmux('message.bounced.json'));
		expect(t.executions).toHaveLength(2);
		expect(t.staticData().seenEventIds).toBeUndefined();
	});

	it('remembers a bounded number of event IDs, dropping the oldest', async () => {
		const earlier = Array.from({ length: 2000 }, (_, i) => `evt_old${i}`);
		t.setStaticData({ subscriptionId: SUBSCRIPTION_ID, secret: SECRET, seenEventIds: earlier });
		await t.deliver(fromSendmux('message.received.json'));
		const seen = t.staticData().seenEventIds as string[];
		expect(seen).toHaveLength(2000);
		expect(seen[0]).toBe('evt_old1');
		expect(seen.at(-1)).toBe('evt_cm7q2b9x40003received00001');
	});

	it('answers an event type the trigger does not listen for with 200 and starts nothing', async () => {
		const outcome = await t.deliver(fromSendmux('message.delivered.json'));
		expect(outcome).toMatchObject({
			status: 200,
			answeredBy: 'node',
			body: { received: true, ignored: 'event type not selected in this trigger' },
		});
		expect(t.executions).toHaveLength(0);
		expect(t.staticData().seenEventIds).toBeUndefined();
	});

	it('answers a signed body that is not a Sendmux event with 400 and starts nothing', async () => {
		t = listening({ verifySignature: false });
		const outcome = await t.deliver({ rawBody: '["not", "an", "event"]' });
		expect(outcome).toMatchObject({ status: 400, answeredBy: 'node' });
		expect(t.executions).toHaveLength(0);
	});

	it('outputs the raw body and every header when Output is Raw Body and Headers', async () => {
		t = listening({ output: 'raw' });
		const outcome = await t.deliver(fromSendmux('message.received.json'));
		expect(outcome.items).toEqual([
			{
				json: {
					body: fixtureJson('message.received.json'),
					headers: {
						'content-type': 'application/json',
						'x-sendmux-signature': VECTORS['message.received.json'],
						'x-sendmux-event-id': 'evt_cm7q2b9x40003received00001',
						'x-sendmux-event-type': 'message.received',
						'x-sendmux-delivery-attempt': '1',
					},
				},
			},
		]);
	});

	it('never puts the signing secret into the output', async () => {
		for (const output of ['simplified', 'raw']) {
			t = listening({ output });
			const outcome = await t.deliver(fromSendmux('message.received.json'));
			expect(JSON.stringify(outcome.items)).not.toContain(SECRET);
		}
	});

	it('answers every delivery: none is left waiting for a response', async () => {
		const outcomes = [
			await t.deliver(fromSendmux('message.bounced.json')),
			await t.deliver(fromSendmux('message.bounced.json')),
			await t.deliver(fromSendmux('message.delivered.json')),
			await t.deliver({ ...fromSendmux('message.received.json'), rawBody: DELIVERED }),
			await t.deliver({ rawBody: RECEIVED }),
		];
		expect(outcomes.map((o) => o.status)).toEqual([200, 200, 200, 401, 401]);
	});
});
