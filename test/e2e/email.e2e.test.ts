import { describe, expect, it } from 'vitest';

import { chain, control, e2e, jsonOf, node, outputOf, sendmuxNode, useWorkflows, webhookTrigger } from './helpers.mjs';

interface Accepted {
	messageId: string;
	via: string;
	idempotencyKey?: string;
	to: Array<{ email: string }>;
	subject: string;
}

const RUN = Date.now().toString(36);

/** Webhook → Split Out (one item per person) → Sendmux. */
function sendWorkflow(name: string, path: string, sendmuxParameters: Record<string, unknown>) {
	const split = node('One item per person', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.people', options: {} });
	const send = sendmuxNode('Sendmux', sendmuxParameters, 'mailbox');
	const trigger = webhookTrigger(path);
	return { name, nodes: [trigger, split, send], connections: chain(trigger.name, split.name, send.name) };
}

async function acceptedTo(recipients: string[]): Promise<Accepted[]> {
	const all = await control<Accepted[]>('GET', '/messages');
	return all.filter((message) => message.to.some((to) => recipients.includes(to.email)));
}

describe('e2e: Email → Send and Send Batch in n8n', () => {
	const workflows = useWorkflows();

	it('Send: three items in, three results out, paired, and exactly one message each at Sendmux', async () => {
		const people = ['ann', 'bob', 'cy'].map((n) => ({ name: n, email: `${n}.${RUN}@example.net` }));
		const { execution } = await workflows.runViaWebhook(
			sendWorkflow('e2e send', `e2e-send-${RUN}`, {
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
		expect(out).toHaveLength(3);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const accepted = await acceptedTo(people.map((p) => p.email));
		expect(accepted).toHaveLength(3);
		people.forEach((person, index) => {
			const message = accepted.find((m) => m.to[0].email === person.email);
			expect(message, person.email).toMatchObject({ via: 'send', subject: `Hello ${person.name}` });
			// Each output item carries the ID Sendmux gave that very person's message.
			expect(out[index].json).toMatchObject({ status: 'queued', message_id: message?.messageId });
		});
		expect(new Set(accepted.map((m) => m.idempotencyKey)).size).toBe(3);
	});

	it('Send Batch: 150 items → two batch calls, 150 paired results, one message per item', async () => {
		const people = Array.from({ length: 150 }, (_, n) => ({ name: `p${n}`, email: `p${n}.${RUN}@example.net` }));
		const { execution } = await workflows.runViaWebhook(
			sendWorkflow('e2e batch', `e2e-batch-${RUN}`, {
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
		expect(out).toHaveLength(150);
		out.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));

		const accepted = await acceptedTo(people.map((p) => p.email));
		expect(accepted).toHaveLength(150);
		expect(new Set(accepted.map((m) => m.to[0].email)).size).toBe(150);
		expect(accepted.every((m) => m.via === 'batch')).toBe(true);
		const byRecipient = new Map(accepted.map((m) => [m.to[0].email, m.messageId]));
		out.forEach((item, index) => expect(item.json).toMatchObject({ status: 'queued', message_id: byRecipient.get(people[index].email) }));
		// Two calls of at most 100 messages, each sent once under its own idempotency key.
		const keys = [...new Set(accepted.map((m) => m.idempotencyKey))];
		expect(keys).toHaveLength(2);
		const calls = [];
		for (const key of keys) calls.push(...(await control<Array<{ operationId: string; status: number; body: { messages: unknown[] } }>>('GET', `/requests?idempotencyKey=${encodeURIComponent(String(key))}`)));
		expect(calls.map((call) => [call.operationId, call.status, call.body.messages.length]).sort()).toEqual([
			['sendingSendEmailBatch', 200, 100],
			['sendingSendEmailBatch', 200, 50],
		]);
		expect(jsonOf(execution, 'One item per person')).toHaveLength(150);
	});
});
