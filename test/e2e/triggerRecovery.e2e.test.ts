/**
 * The Sendmux Trigger's promises that depend on what n8n 2.41.1 saves, calls and routes, with
 * n8n's default settings (workflow publication service on): redeliveries, test listens,
 * subscriptions deleted or marked failing while the workflow stays active, rotated secrets.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';

import {
	chain,
	control,
	credentialRef,
	e2e,
	eventually,
	node,
	outputOf,
	pause,
	restartN8n,
	SENDMUX_TRIGGER,
	sendmux,
	sendmuxNode,
	subscriptions,
	useWorkflows,
	webhookTrigger,
	type Execution,
	type RemoteWebhook,
} from './helpers.mjs';

interface PublishedEvent {
	id: string;
	type: string;
}

interface DeliveryAttempt {
	webhookId: string;
	eventId: string;
	attempt: number;
	result: string;
	responseStatus: number | null;
	rawBody: string;
}

/** Seconds between subscription checks in these scenarios (hidden parameter; users get 300). */
const CHECK_SECONDS = 3;

describe('e2e: Sendmux Trigger keeps working in a real n8n 2.41 with default settings', () => {
	const workflows = useWorkflows();
	const webhookIds: string[] = [];

	afterEach(async () => {
		await control('POST', '/settle');
		// Whatever these scenarios left registered (a replacement, a test URL) goes, so other files
		// start from an empty webhook list.
		for (const subscription of await subscriptions()) {
			if (webhookIds.some((id) => subscription.url.includes(id))) {
				await sendmux('app', 'DELETE', `/webhooks/${subscription.id}`);
			}
		}
	});

	function triggerNode(parameters: Record<string, unknown> = {}) {
		const webhookId = randomUUID();
		webhookIds.push(webhookId);
		const trigger = node(
			'Sendmux Trigger',
			SENDMUX_TRIGGER,
			{ events: ['message.delivered'], options: {}, ...parameters },
			{ webhookId, credentials: credentialRef('root') },
		);
		return {
			trigger,
			productionUrl: `${e2e().webhookBaseUrl}webhook/${webhookId}/webhook`,
			testUrl: `${e2e().webhookBaseUrl}webhook-test/${webhookId}/webhook`,
		};
	}

	async function activeWorkflow(name: string, parameters: Record<string, unknown> = {}) {
		const { trigger, productionUrl } = triggerNode(parameters);
		const saved = await workflows.create({ name, nodes: [trigger], connections: {} });
		await workflows.client.activateWorkflow(saved.id);
		const subscription = await ourSubscription(productionUrl);
		return { workflowId: saved.id, productionUrl, subscription };
	}

	async function executionsOf(workflowId: string): Promise<Execution[]> {
		return (await workflows.client.listExecutions({ workflowId })).reverse();
	}

	function eventIdsOf(executions: Execution[]): string[] {
		return executions.map((execution) => String(outputOf(execution, 'Sendmux Trigger')[0]?.json.id));
	}

	async function publish(): Promise<PublishedEvent> {
		return await control<PublishedEvent>('POST', '/events', { type: 'message.delivered', data: { recipients: ['jane@example.net'] } });
	}

	it('runs an event once however often Sendmux redelivers it, also after n8n restarts', async () => {
		const { workflowId } = await activeWorkflow('e2e trigger redeliveries');
		const event = await publish();
		await workflows.client.waitForExecutions({ workflowId, count: 1 });

		// Sendmux redelivers when it missed the 2xx: the same bytes, the next attempt number.
		for (const attempt of [2, 3]) {
			await control('POST', '/redeliver', { eventId: event.id });
			expect(await answered(event.id, attempt)).toMatchObject({ result: 'success', responseStatus: 200 });
		}
		await restartN8n();
		await eventually(async () => (await workflows.client.publicationStatus(workflowId)).status === 'published', { what: 'the workflow to be live again' });
		await control('POST', '/redeliver', { eventId: event.id });
		expect(await answered(event.id, 4)).toMatchObject({ result: 'success', responseStatus: 200 });

		// A new event still runs: the workflow was not simply stopped.
		const next = await publish();
		await workflows.client.waitForExecutions({ workflowId, count: 2 });
		await pause(1000);
		expect(eventIdsOf(await executionsOf(workflowId))).toEqual([event.id, next.id]);
	});

	it('at an n8n start, replaces a subscription deleted while n8n was down (before any periodic check)', async () => {
		// Default check interval (5 minutes): only the start-up can repair it within this test.
		const { workflowId, productionUrl, subscription } = await activeWorkflow('e2e trigger restart');
		await sendmux('app', 'DELETE', `/webhooks/${subscription.id}`);
		await restartN8n();
		await eventually(async () => (await workflows.client.publicationStatus(workflowId)).status === 'published', { what: 'the workflow to be live again' });
		const replacement = await ourSubscription(productionUrl);
		expect(replacement.id).not.toBe(subscription.id);
		const event = await publish();
		await workflows.client.waitForExecutions({ workflowId, count: 1 });
		// n8n saved the new secret at start-up: the first attempt verified.
		expect(await deliveriesOf(event.id)).toEqual([expect.objectContaining({ webhookId: replacement.id, attempt: 1, responseStatus: 200 })]);
	});

	it('receives a test event at each of three "Listen for test event" in a row', async () => {
		const { trigger, testUrl } = triggerNode();
		const saved = await workflows.create({ name: 'e2e trigger listens', nodes: [trigger], connections: {} });
		const received: string[] = [];
		for (let listen = 1; listen <= 3; listen++) {
			// What the editor's "Listen for test event" button calls.
			const started = (await workflows.client.rest('POST', `/workflows/${saved.id}/run`, { triggerToStartFrom: { name: 'Sendmux Trigger' } })) as { waitingForWebhook?: boolean };
			expect(started.waitingForWebhook).toBe(true);
			await ourSubscription(testUrl);
			const event = await publish();
			received.push(event.id);
			const [delivery] = await deliveriesOf(event.id);
			expect(delivery, JSON.stringify(delivery)).toMatchObject({ responseStatus: 200 });
			await workflows.client.waitForExecutions({ workflowId: saved.id, count: listen });
			// n8n removes the test URL once the event arrived.
			await eventually(async () => !(await subscriptions()).some((s) => s.url === testUrl), { what: `listen ${listen} to end` });
		}
		const executions = await executionsOf(saved.id);
		expect(executions.map((execution) => execution.mode)).toEqual(['manual', 'manual', 'manual']);
		expect(eventIdsOf(executions)).toEqual(received);
	});

	it('replaces a subscription deleted in the Sendmux app within one check, and receives events again without deactivating', async () => {
		const { workflowId, productionUrl, subscription } = await activeWorkflow('e2e trigger deleted', { subscriptionCheckSeconds: CHECK_SECONDS });
		const deleted = await sendmux('app', 'DELETE', `/webhooks/${subscription.id}`);
		expect(deleted.status).toBe(200);

		const replacement = await ourSubscription(productionUrl, { timeoutMs: (CHECK_SECONDS + 10) * 1000 });
		expect(replacement.id).not.toBe(subscription.id);
		// Its secret is not in the workflow yet: the first attempt is refused, its retry is proven
		// through Sendmux's delivery log, the trigger rotates the secret, keeps it and runs.
		const first = await publish();
		await workflows.client.waitForExecutions({ workflowId, count: 1 });
		const second = await publish();
		await workflows.client.waitForExecutions({ workflowId, count: 2 });
		expect(eventIdsOf(await executionsOf(workflowId))).toEqual([first.id, second.id]);
		expect((await deliveriesOf(second.id))[0]).toMatchObject({ attempt: 1, responseStatus: 200 });
		expect((await subscriptions()).filter((s) => s.url === productionUrl).map((s) => s.id)).toEqual([replacement.id]);
	});

	it('re-enables a subscription Sendmux marked failing within one check, and receives events again', async () => {
		const { workflowId, productionUrl, subscription } = await activeWorkflow('e2e trigger failing', { subscriptionCheckSeconds: CHECK_SECONDS });
		await control('POST', '/mark-failing', { webhookId: subscription.id });
		await eventually(async () => (await ourSubscription(productionUrl)).failing === false, { what: 'the subscription to be re-enabled', timeoutMs: (CHECK_SECONDS + 10) * 1000 });
		const event = await publish();
		await workflows.client.waitForExecutions({ workflowId, count: 1 });
		expect(eventIdsOf(await executionsOf(workflowId))).toEqual([event.id]);
		// Same subscription and secret: the very first attempt verified.
		expect(await deliveriesOf(event.id)).toEqual([expect.objectContaining({ webhookId: subscription.id, attempt: 1, responseStatus: 200 })]);
	});

	/** Webhook → Rotate Secret in the Sendmux node, run in a workflow of its own. */
	async function rotateWithActionNode(webhookId: string): Promise<string> {
		const start = webhookTrigger(`e2e-rotate-${randomUUID()}`);
		const rotate = sendmuxNode('Rotate Secret', { resource: 'webhook', operation: 'rotateSecret', webhook: { __rl: true, mode: 'id', value: webhookId } }, 'root');
		const { execution } = await workflows.runViaWebhook({ name: 'e2e rotate secret', nodes: [start, rotate], connections: chain(start.name, rotate.name) }, {});
		expect(execution.status).toBe('success');
		return String(outputOf(execution, 'Rotate Secret')[0].json.secret);
	}

	it.each([['Webhook → Rotate Secret in the Sendmux node'], ['the Sendmux app (API)']])('verifies deliveries again after a rotation by %s; older secrets get 401', async (by) => {
		const { workflowId, subscription } = await activeWorkflow(`e2e trigger rotation ${by}`);
		const before = await publish();
		await workflows.client.waitForExecutions({ workflowId, count: 1 });
		const oldSecret = await control<string>('POST', '/webhook-secret', { webhookId: subscription.id });

		let rotatedSecret: string;
		if (by.startsWith('Webhook')) {
			rotatedSecret = await rotateWithActionNode(subscription.id);
		} else {
			const rotated = await sendmux<{ secret: string }>('app', 'POST', `/webhooks/${subscription.id}/rotate-secret`);
			expect(rotated.status).toBe(200);
			rotatedSecret = rotated.body.data.secret;
		}
		expect(rotatedSecret).toMatch(/^whsec_/);
		const after = await publish();
		await workflows.client.waitForExecutions({ workflowId, count: 2 });
		const attempts = await deliveriesOf(after.id);
		expect(attempts.map((a) => a.responseStatus)).toEqual([401, 200]);

		// Requests signed with the secret from before the rotation, or with the one the rotation
		// returned (the trigger has rotated again since), are refused.
		const path = new URL(subscription.url).pathname.replace(/^\/webhook\//, '');
		for (const secret of [oldSecret, rotatedSecret]) {
			const forgedBody = JSON.stringify({ id: `evt_forged${randomUUID().replace(/-/g, '').slice(0, 18)}`, type: 'message.delivered', team_public_id: e2e().seeded.teamId, occurred_at: new Date().toISOString(), data: {} });
			const forged = await workflows.client.callWebhook(path, undefined, {
				raw: forgedBody,
				headers: {
					'content-type': 'application/json',
					'x-sendmux-signature': `sha256=${createHmac('sha256', secret).update(forgedBody).digest('hex')}`,
					'x-sendmux-delivery-attempt': '2',
				},
			});
			expect(forged.status).toBe(401);
		}
		const later = await publish();
		await workflows.client.waitForExecutions({ workflowId, count: 3 });
		expect((await deliveriesOf(later.id))[0]).toMatchObject({ attempt: 1, responseStatus: 200 });
		expect(eventIdsOf(await executionsOf(workflowId))).toEqual([before.id, after.id, later.id]);
	});
});

/** The subscription registered for `url`, once there is one. */
async function ourSubscription(url: string, { timeoutMs = 20_000 } = {}): Promise<RemoteWebhook & { failing: boolean }> {
	return await eventually(
		async () => (await subscriptions()).find((s) => s.url === url) as (RemoteWebhook & { failing: boolean }) | undefined,
		{ what: `a subscription for ${url}`, timeoutMs },
	);
}

/** Every attempt to deliver `eventId`, oldest first, once there is at least one. */
async function deliveriesOf(eventId: string): Promise<DeliveryAttempt[]> {
	return await eventually(
		async () => {
			const all = (await control<DeliveryAttempt[]>('GET', '/webhook-deliveries')).filter((d) => d.eventId === eventId);
			return all.length ? all.sort((a, b) => a.attempt - b.attempt) : undefined;
		},
		{ what: `a delivery of ${eventId}` },
	);
}

/** The answer to attempt `attempt` of `eventId`, once it came. */
async function answered(eventId: string, attempt: number): Promise<DeliveryAttempt> {
	return await eventually(async () => (await deliveriesOf(eventId)).find((d) => d.attempt === attempt), { what: `attempt ${attempt} of ${eventId}` });
}
