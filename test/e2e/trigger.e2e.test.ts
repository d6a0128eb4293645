import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import {
	control,
	credentialRef,
	e2e,
	eventually,
	node,
	outputOf,
	pause,
	restartN8n,
	SENDMUX_TRIGGER,
	subscriptions,
	useWorkflows,
	type Execution,
} from './helpers.mjs';

interface PublishedEvent {
	id: string;
	type: string;
	occurred_at: string;
	team_public_id: string;
	data: Record<string, unknown>;
}

interface DeliveryAttempt {
	webhookId: string;
	eventId: string;
	attempt: number;
	result: string;
	responseStatus: number | null;
	errorMessage: string | null;
}

describe('e2e: Sendmux Trigger in n8n behind https', () => {
	const workflows = useWorkflows();

	it('activation registers one subscription; signed events run it, forged ones do not; restarts do not duplicate it; deactivation deletes it', async () => {
		const { webhookBaseUrl } = e2e();
		const webhookId = randomUUID();
		const trigger = node(
			'Sendmux Trigger',
			SENDMUX_TRIGGER,
			{ events: ['message.delivered'], options: {} },
			{ webhookId, credentials: credentialRef('root') },
		);
		const ourUrl = `${webhookBaseUrl}webhook/${webhookId}/webhook`;
		expect(await subscriptions()).toEqual([]);
		// Other files' workflows (the examples) register subscriptions of their own: count ours only.
		await control('DELETE', '/requests');

		const saved = await workflows.create({ name: 'e2e trigger', nodes: [trigger], connections: {} });
		await workflows.client.activateWorkflow(saved.id);

		// 1. Activation registered exactly one subscription, for n8n's https production URL.
		const [subscription, ...others] = await subscriptions();
		expect(others).toEqual([]);
		expect(subscription).toMatchObject({
			url: ourUrl,
			event_types: ['message.delivered'],
			enabled: true,
			name: 'n8n: e2e trigger (Sendmux Trigger)',
		});

		// 2. A signed event from Sendmux starts one execution whose output is that event.
		const first = await control<PublishedEvent>('POST', '/events', { type: 'message.delivered', data: { recipients: ['jane@example.net'], sender: 'orders@example.com' } });
		const [execution] = await workflows.client.waitForExecutions({ workflowId: saved.id, count: 1 });
		expect(execution.mode).toBe('webhook');
		expect(execution.status).toBe('success');
		expectEventOutput(execution, first);
		const delivered = await deliveriesOf(first.id);
		expect(delivered).toEqual([expect.objectContaining({ webhookId: subscription.id, attempt: 1, result: 'success', responseStatus: 200 })]);

		// 3. A forged delivery (signed with another secret) is refused with 401 and runs nothing.
		const forgedBody = JSON.stringify({ ...first, id: 'evt_forged0000000000000000001' });
		const forged = await workflows.client.callWebhook(`${webhookId}/webhook`, undefined, {
			raw: forgedBody,
			headers: {
				'content-type': 'application/json',
				'x-sendmux-signature': `sha256=${createHmac('sha256', 'whsec_not_the_secret').update(forgedBody).digest('hex')}`,
				'x-sendmux-event-id': 'evt_forged0000000000000000001',
				'x-sendmux-event-type': 'message.delivered',
				'x-sendmux-delivery-attempt': '1',
			},
		});
		expect(forged.status).toBe(401);
		expect(forged.body).toMatchObject({ error: 'invalid_signature' });
		const unsigned = await workflows.client.callWebhook(`${webhookId}/webhook`, first);
		expect(unsigned.status).toBe(401);
		await pause(1500);
		expect(await workflows.client.listExecutions({ workflowId: saved.id })).toHaveLength(1);

		// 4. Restarting n8n keeps the subscription: still one, same ID, and the
		// secret kept in the workflow still verifies Sendmux's deliveries.
		await restartN8n();
		await eventually(async () => (await workflows.client.publicationStatus(saved.id)).status === 'published', { what: 'the workflow to be live again' });
		// (n8n 2.41 keeps the webhook registered in its database across the restart; observed:
		// it then does not call the trigger's checkExists at start-up. Either way: no second one.)
		const afterRestart = await subscriptions();
		expect(afterRestart.map((s) => [s.id, s.url])).toEqual([[subscription.id, ourUrl]]);
		const second = await control<PublishedEvent>('POST', '/events', { type: 'message.delivered', data: { recipients: ['joe@example.net'] } });
		const executions = await workflows.client.waitForExecutions({ workflowId: saved.id, count: 2 });
		expectEventOutput(executions[1], second);
		expect(await subscriptions()).toHaveLength(1);

		// 5. Deactivating deletes the subscription at Sendmux.
		await workflows.client.deactivateWorkflow(saved.id);
		expect(await subscriptions()).toEqual([]);
		const requests = await control<Array<{ method: string; path: string; status: number }>>('GET', '/requests?path=/webhooks');
		expect(requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201]);
	});
});

function expectEventOutput(execution: Execution, event: PublishedEvent): void {
	const items = outputOf(execution, 'Sendmux Trigger');
	expect(items).toHaveLength(1);
	expect(items[0].json).toEqual({
		id: event.id,
		type: event.type,
		occurred_at: event.occurred_at,
		team_public_id: event.team_public_id,
		// Simplified leaves out the fields that do not apply to the event (null in the payload).
		data: Object.fromEntries(Object.entries(event.data).filter(([, value]) => value !== null)),
		delivery_attempt: 1,
	});
}

async function deliveriesOf(eventId: string): Promise<DeliveryAttempt[]> {
	return await eventually(
		async () => {
			const all = (await control<DeliveryAttempt[]>('GET', '/webhook-deliveries')).filter((d) => d.eventId === eventId);
			return all.length ? all : undefined;
		},
		{ what: `a delivery of ${eventId}` },
	);
}
