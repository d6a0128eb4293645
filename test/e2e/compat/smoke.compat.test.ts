/**
 * The compatibility smoke test (`npm run test:compat`, scripts/compat.mjs): the few things a user
 * does first, run in each n8n version the README names: the package loads, both credentials
 * test, Email → Send and Send Batch, the Sendmux Trigger's lifecycle with one signed delivery,
 * and one Sendmux Mailbox Trigger poll. Only what n8n 1.x and 2.x both offer is used (Webhook
 * node version 2, the REST credential test, activation through the public API).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import {
	chain,
	control,
	credentialRef,
	e2e,
	eventually,
	injectInbound,
	mailboxPollsSince,
	node,
	outputOf,
	pause,
	SENDMUX,
	SENDMUX_TRIGGER,
	sendmuxNode,
	subscriptions,
	useWorkflows,
	type WorkflowNode,
} from '../helpers.mjs';

const RUN = Date.now().toString(36);
const MAILBOX_TRIGGER = 'n8n-nodes-sendmux.sendmuxMailboxTrigger';

interface Accepted {
	messageId: string;
	via: string;
	idempotencyKey?: string;
	to: Array<{ email: string }>;
	subject: string;
}

/** A Webhook node (version 2: the newest n8n 1.85 has) answering with the last node's items. */
function webhook(path: string): WorkflowNode {
	return node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, {
		typeVersion: 2,
		webhookId: randomUUID(),
	});
}

/** Webhook → Split Out (one item per person) → Sendmux. */
function sendWorkflow(name: string, path: string, parameters: Record<string, unknown>) {
	const trigger = webhook(path);
	const split = node('One item per person', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.people', options: {} });
	const send = sendmuxNode('Sendmux', parameters, 'mailbox');
	return { name, nodes: [trigger, split, send], connections: chain(trigger.name, split.name, send.name) };
}

async function acceptedTo(recipients: string[]): Promise<Accepted[]> {
	return (await control<Accepted[]>('GET', '/messages')).filter((message) => message.to.some((to) => recipients.includes(to.email)));
}

describe(`compat: the package in n8n ${e2e().n8nVersion}`, () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	it('loads both nodes, the Mailbox Trigger and both credential types under their package names', async () => {
		expect(await client.nodeTypeNames()).toEqual(expect.arrayContaining([SENDMUX, SENDMUX_TRIGGER, MAILBOX_TRIGGER]));
		expect(await client.credentialTypeNames()).toEqual(expect.arrayContaining(['sendmuxRootApi', 'sendmuxMailboxApi']));
	});

	it('tests both credentials as the credential screen does', async () => {
		const { credentials, keys, appBaseUrl, sendingBaseUrl } = e2e();
		const root = { ...credentials.root, type: 'sendmuxRootApi', data: { apiKey: keys.root, appBaseUrl } };
		const mailbox = { ...credentials.mailbox, type: 'sendmuxMailboxApi', data: { apiKey: keys.mailbox, sendingBaseUrl, appBaseUrl } };
		expect(await client.testCredential(root)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await client.testCredential(mailbox)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const wrongKey = await client.testCredential({ ...mailbox, data: { ...mailbox.data, apiKey: 'smx_mbx_dummyunknown000000000000000000000001' } });
		expect(wrongKey.status).toBe('Error');
		expect(wrongKey.message).toMatch(/Sendmux did not accept this key/);
	});

	it('Email → Send: one message per item, paired, each under its own Idempotency-Key', async () => {
		const people = ['ann', 'bob'].map((name) => ({ name, email: `${name}.${RUN}@example.net` }));
		const { execution } = await workflows.runViaWebhook(
			sendWorkflow('compat send', `compat-send-${RUN}`, {
				resource: 'email',
				operation: 'send',
				fromEmail: `Acme <orders@${e2e().seeded.domain}>`,
				toEmail: '={{ $json.email }}',
				subject: '=Hello {{ $json.name }}',
				emailFormat: 'text',
				text: '=Hi {{ $json.name }}, your order shipped.',
			}),
			{ people },
		);
		expect(execution.status).toBe('success');
		const out = outputOf(execution, 'Sendmux');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const accepted = await acceptedTo(people.map((p) => p.email));
		expect(accepted).toHaveLength(2);
		people.forEach((person, index) => {
			const message = accepted.find((m) => m.to[0].email === person.email);
			expect(message, person.email).toMatchObject({ via: 'send', subject: `Hello ${person.name}` });
			expect(out[index].json).toMatchObject({ status: 'queued', message_id: message?.messageId });
		});
		expect(new Set(accepted.map((m) => m.idempotencyKey)).size).toBe(2);
	});

	it('Email → Send Batch: 101 items → two batch calls (100 + 1), 101 paired results', async () => {
		const people = Array.from({ length: 101 }, (_, n) => ({ name: `p${n}`, email: `p${n}.${RUN}@example.net` }));
		const { execution } = await workflows.runViaWebhook(
			sendWorkflow('compat batch', `compat-batch-${RUN}`, {
				resource: 'email',
				operation: 'sendBatch',
				source: 'items',
				fromEmail: `news@${e2e().seeded.domain}`,
				toEmail: '={{ $json.email }}',
				subject: '=News for {{ $json.name }}',
				emailFormat: 'text',
				text: 'This month at Acme…',
			}),
			{ people },
		);
		expect(execution.status).toBe('success');
		const out = outputOf(execution, 'Sendmux');
		expect(out).toHaveLength(101);
		out.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		const accepted = await acceptedTo(people.map((p) => p.email));
		expect(accepted).toHaveLength(101);
		expect(accepted.every((m) => m.via === 'batch')).toBe(true);
		const byRecipient = new Map(accepted.map((m) => [m.to[0].email, m.messageId]));
		out.forEach((item, index) => expect(item.json).toMatchObject({ status: 'queued', message_id: byRecipient.get(people[index].email) }));
		expect(new Set(accepted.map((m) => m.idempotencyKey)).size).toBe(2);
	});

	it('Sendmux Trigger: activation registers one subscription, a signed event runs it, a forged one is refused, deactivation deletes it', async () => {
		const webhookId = randomUUID();
		const trigger = node('Sendmux Trigger', SENDMUX_TRIGGER, { events: ['message.delivered'], options: {} }, { webhookId, credentials: credentialRef('root') });
		const ourUrl = `${e2e().webhookBaseUrl}webhook/${webhookId}/webhook`;
		expect(await subscriptions()).toEqual([]);
		const saved = await workflows.create({ name: 'compat trigger', nodes: [trigger], connections: {} });
		await client.activateWorkflow(saved.id);

		const [subscription, ...others] = await subscriptions();
		expect(others).toEqual([]);
		expect(subscription).toMatchObject({ url: ourUrl, event_types: ['message.delivered'], enabled: true });

		const event = await control<{ id: string; type: string }>('POST', '/events', { type: 'message.delivered', data: { recipients: ['jane@example.net'] } });
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, count: 1 });
		expect(execution.status).toBe('success');
		expect(outputOf(execution, 'Sendmux Trigger').map((item) => [item.json.id, item.json.type])).toEqual([[event.id, 'message.delivered']]);
		const delivered = await eventually(
			async () => (await control<Array<{ eventId: string; result: string; responseStatus: number }>>('GET', '/webhook-deliveries')).filter((d) => d.eventId === event.id),
			{ what: `a delivery of ${event.id}` },
		);
		expect(delivered).toEqual([expect.objectContaining({ result: 'success', responseStatus: 200 })]);

		const forgedBody = JSON.stringify({ ...event, id: 'evt_forged0000000000000000001' });
		const forged = await client.callWebhook(`${webhookId}/webhook`, undefined, {
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
		await pause(1000);
		expect(await client.listExecutions({ workflowId: saved.id })).toHaveLength(1);

		await client.deactivateWorkflow(saved.id);
		expect(await subscriptions()).toEqual([]);
	});

	it('Sendmux Mailbox Trigger: activation notes where the mailbox is, the next poll emits the new message', async () => {
		const trigger = node('Sendmux Mailbox Trigger', MAILBOX_TRIGGER, { pollTimes: { item: [{ mode: 'everyMinute' }] }, options: {} }, { credentials: credentialRef('mailbox') });
		const saved = await workflows.create({ name: 'compat mailbox trigger', nodes: [trigger], connections: {} });
		const activatedAt = Date.now();
		await client.activateWorkflow(saved.id);
		await eventually(async () => (await mailboxPollsSince(activatedAt)).length > 0, { what: 'the activation poll' });
		await pause(1000);
		expect(await client.listExecutions({ workflowId: saved.id })).toEqual([]);

		const message = await injectInbound(`Compat ${RUN}`, RUN);
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, count: 1, timeoutMs: 90_000 });
		expect(execution.status).toBe('success');
		expect(outputOf(execution, 'Sendmux Mailbox Trigger').map((item) => item.json.id)).toEqual([message.id]);
	});

	it('Sendmux Mailbox Trigger version 2, Instant: the stream opens on activation, a new message starts an execution, deactivation closes it', async () => {
		const trigger = node('Sendmux Mailbox Trigger', MAILBOX_TRIGGER, { triggerMode: 'instant', options: {} }, { typeVersion: 2, credentials: credentialRef('mailbox') });
		const saved = await workflows.create({ name: 'compat mailbox trigger instant', nodes: [trigger], connections: {} });
		await client.activateWorkflow(saved.id);
		await eventually(async () => (await openStreams()) === 1, { what: 'the event stream to open' });

		const message = await injectInbound(`Compat instant ${RUN}`, RUN);
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, count: 1, timeoutMs: 30_000 });
		expect(execution.status).toBe('success');
		expect(outputOf(execution, 'Sendmux Mailbox Trigger').map((item) => item.json.id)).toEqual([message.id]);

		await client.deactivateWorkflow(saved.id);
		await eventually(async () => (await openStreams()) === 0, { what: 'the event stream to close' });
	});
});

/** Event streams open at the simulator right now. */
async function openStreams(): Promise<number> {
	return (await control<{ open: number }>('GET', '/mailbox-events')).open;
}
