/**
 * Sendmux Trigger in queue mode: main registers the subscription, the webhook process checks
 * signatures and redeliveries, a worker runs the execution; restarts of the webhook process
 * and the workers keep one subscription.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { control, credentialRef, e2e, eventually, node, outputOf, pause, sendmux, SENDMUX_TRIGGER, subscriptions, useWorkflows, type Execution } from '../helpers.mjs';
import { postPublic, processesThatLogged, restartProcesses, workersThatRan } from './queueHelpers.mjs';

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
}

describe('queue mode: Sendmux Trigger (main + webhook process + 2 workers)', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	async function executionsOf(workflowId: string): Promise<Execution[]> {
		return (await client.listExecutions({ workflowId })).reverse();
	}

	async function answered(eventId: string, attempt: number): Promise<DeliveryAttempt> {
		return await eventually(
			async () => (await control<DeliveryAttempt[]>('GET', '/webhook-deliveries')).find((d) => d.eventId === eventId && d.attempt === attempt),
			{ what: `attempt ${attempt} of ${eventId}` },
		);
	}

	function publish(recipient: string): Promise<PublishedEvent> {
		return control<PublishedEvent>('POST', '/events', { type: 'message.delivered', data: { recipients: [recipient] } });
	}

	it('one subscription from activation to deactivation; signed events run once on a worker, forged and repeated ones run nothing', async () => {
		const { webhookBaseUrl } = e2e();
		const webhookId = randomUUID();
		const trigger = node('Sendmux Trigger', SENDMUX_TRIGGER, { events: ['message.delivered'], options: {} }, { webhookId, credentials: credentialRef('root') });
		const ourUrl = `${webhookBaseUrl}webhook/${webhookId}/webhook`;
		expect(await subscriptions()).toEqual([]);
		await control('DELETE', '/requests');

		const saved = await workflows.create({ name: 'queue trigger', nodes: [trigger], connections: {} });
		await client.activateWorkflow(saved.id);

		// 1. Activation (on main) registered exactly one subscription, for the webhook process's https URL.
		const [subscription, ...others] = await subscriptions();
		expect(others).toEqual([]);
		expect(subscription).toMatchObject({ url: ourUrl, event_types: ['message.delivered'], enabled: true, name: 'n8n: queue trigger (Sendmux Trigger)' });

		// 2. A signed event reaches the webhook process (main serves no production webhooks here)
		// and starts one execution, which one worker runs.
		const first = await publish('jane@example.net');
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, count: 1 });
		expect(execution.mode).toBe('webhook');
		expect(execution.status).toBe('success');
		expect(outputOf(execution, 'Sendmux Trigger').map((item) => item.json.id)).toEqual([first.id]);
		expect(workersThatRan(String(execution.id))).toHaveLength(1);
		expect(await answered(first.id, 1)).toMatchObject({ webhookId: subscription.id, result: 'success', responseStatus: 200 });

		// 3. A forged delivery gets 401 from the webhook process and runs nothing.
		const forgedBody = JSON.stringify({ ...first, id: 'evt_forged0000000000000000001' });
		// Forged through the public URL (the proxy in front of the webhook process), as an attacker would.
		const forgedPublic = await postPublic(ourUrl, forgedBody, {
			'x-sendmux-signature': `sha256=${createHmac('sha256', 'whsec_not_the_secret').update(forgedBody).digest('hex')}`,
			'x-sendmux-event-id': 'evt_forged0000000000000000001',
			'x-sendmux-event-type': 'message.delivered',
			'x-sendmux-delivery-attempt': '1',
		});
		expect(forgedPublic.status).toBe(401);
		expect(JSON.parse(forgedPublic.body)).toMatchObject({ error: 'invalid_signature' });
		// The signature check ran in the webhook process, and only there.
		await eventually(async () => processesThatLogged('refused a delivery (mismatch)').length > 0, { what: 'the refusal in a log' });
		expect(processesThatLogged('refused a delivery (mismatch)')).toEqual(['webhook']);

		// 4. The same event delivered again, after the first run finished: answered 200, runs nothing.
		await control('POST', '/redeliver', { eventId: first.id });
		expect(await answered(first.id, 2)).toMatchObject({ result: 'success', responseStatus: 200 });

		// 5. A second event, then both redelivered: the worker that ran the second did not
		// write back an older list of seen events.
		const second = await publish('joe@example.net');
		await client.waitForExecutions({ workflowId: saved.id, count: 2 });
		await control('POST', '/redeliver', { eventId: second.id });
		expect(await answered(second.id, 2)).toMatchObject({ responseStatus: 200 });
		await control('POST', '/redeliver', { eventId: first.id });
		expect(await answered(first.id, 3)).toMatchObject({ responseStatus: 200 });
		await pause(1500);
		expect((await executionsOf(saved.id)).map((e) => String(outputOf(e, 'Sendmux Trigger')[0]?.json.id))).toEqual([first.id, second.id]);

		// 6. Restarting the webhook process and both workers keeps one subscription; the
		// restarted webhook process still knows the secret and the seen events (from Postgres).
		await restartProcesses(['webhook', 'worker-1', 'worker-2']);
		expect((await subscriptions()).map((s) => [s.id, s.url])).toEqual([[subscription.id, ourUrl]]);
		await control('POST', '/redeliver', { eventId: second.id });
		expect(await answered(second.id, 3)).toMatchObject({ responseStatus: 200 });
		const third = await publish('ann@example.net');
		const all = await client.waitForExecutions({ workflowId: saved.id, count: 3 });
		await pause(1500);
		const executions = await executionsOf(saved.id);
		expect(executions.map((e) => String(outputOf(e, 'Sendmux Trigger')[0]?.json.id))).toEqual([first.id, second.id, third.id]);
		for (const run of all) expect(workersThatRan(String(run.id)), `execution ${run.id}`).toHaveLength(1);
		expect(await answered(third.id, 1)).toMatchObject({ webhookId: subscription.id, responseStatus: 200 });

		// 7. Deactivation (on main) deletes it. One registration in all.
		await client.deactivateWorkflow(saved.id);
		expect(await subscriptions()).toEqual([]);
		const requests = (await control<Array<{ method: string; path: string; status: number }>>('GET', '/requests')).filter((r) => r.path.startsWith('/webhooks'));
		expect(requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.status])).toEqual([['/webhooks', 201]]);
		expect(requests.filter((r) => r.method === 'DELETE').map((r) => [r.path, r.status])).toEqual([[`/webhooks/${subscription.id}`, 200]]);
	});

	it('the subscription check runs on main only: a deleted subscription is replaced once, and its first event (secret re-synchronised in the webhook process) runs on a worker', async () => {
		const webhookId = randomUUID();
		// Hidden parameter: a check every 3 seconds instead of the users' 5 minutes.
		const trigger = node('Sendmux Trigger', SENDMUX_TRIGGER, { events: ['message.delivered'], options: {}, subscriptionCheckSeconds: 3 }, { webhookId, credentials: credentialRef('root') });
		const ourUrl = `${e2e().webhookBaseUrl}webhook/${webhookId}/webhook`;
		const saved = await workflows.create({ name: 'queue trigger check', nodes: [trigger], connections: {} });
		await client.activateWorkflow(saved.id);
		const [subscription] = (await subscriptions()).filter((s) => s.url === ourUrl);
		expect(subscription).toBeDefined();
		await control('DELETE', '/requests');
		expect((await sendmux('app', 'DELETE', `/webhooks/${subscription.id}`)).status).toBe(200);

		const replacement = await eventually(async () => (await subscriptions()).find((s) => s.url === ourUrl), { what: 'a replacement subscription', timeoutMs: 30_000 });
		expect(replacement.id).not.toBe(subscription.id);
		// Several more checks: had a worker or the webhook process run trigger() too, each
		// would have registered its own replacement.
		// (n8n's reads only: this test's own reads come from Node's fetch, user agent "node".)
		const checks = async () =>
			(await control<Array<{ method: string; path: string; headers: Record<string, string | undefined> }>>('GET', '/requests')).filter(
				(r) => r.method === 'GET' && r.path === '/webhooks' && r.headers['user-agent'] !== 'node',
			).length;
		await eventually(async () => (await checks()) >= 4, {
			what: 'four more subscription checks',
			timeoutMs: 60_000,
		});
		expect((await subscriptions()).filter((s) => s.url === ourUrl).map((s) => s.id)).toEqual([replacement.id]);
		const posts = (await control<Array<{ method: string; path: string; status: number }>>('GET', '/requests')).filter((r) => r.method === 'POST' && r.path === '/webhooks');
		expect(posts.map((r) => r.status)).toEqual([201]);

		// The replacement's secret is not in the workflow: the first attempt is refused, the retry
		// is confirmed through Sendmux's delivery log by the webhook process, which keeps the new secret.
		const first = await publish('eve@example.net');
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, count: 1 });
		expect(outputOf(execution, 'Sendmux Trigger').map((item) => item.json.id)).toEqual([first.id]);
		expect(workersThatRan(String(execution.id))).toHaveLength(1);
		// The next event verifies at once, also after the webhook process restarts (secret in Postgres).
		await restartProcesses(['webhook']);
		const second = await publish('eve@example.net');
		await client.waitForExecutions({ workflowId: saved.id, count: 2 });
		expect(await answered(second.id, 1)).toMatchObject({ webhookId: replacement.id, responseStatus: 200 });

		await client.deactivateWorkflow(saved.id);
		expect((await subscriptions()).filter((s) => s.url === ourUrl)).toEqual([]);
	});
});
