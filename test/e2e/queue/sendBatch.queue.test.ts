/**
 * Email → Send Batch of 10,000 items in queue mode: the execution runs on a worker while a
 * fifth of Sendmux's answers to the batch calls fail (503, 500, 429, or the connection dropped
 * after Sendmux accepted). Every email is accepted exactly once; one output item per input.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';

import { chain, control, e2e, node, outputOf, sendmuxNode, useWorkflows } from '../helpers.mjs';
import { callWebhookProcess, report, workersThatRan } from './queueHelpers.mjs';

const RUN = Date.now().toString(36);
const ITEMS = 10_000;
const FAULT_SHARE = 0.2;

interface Accepted {
	messageId: string;
	via: string;
	idempotencyKey?: string;
	to: Array<{ email: string }>;
}

/** Four failure kinds, each 5 % of the batch calls (rules are tried in order): 20 % in all. */
function faultRules() {
	const kinds = [
		{ kind: 'unavailable', retryAfterSeconds: 1 },
		{ kind: 'server_error' },
		{ kind: 'rate_limit', retryAfterSeconds: 1 },
		{ kind: 'drop', phase: 'after' },
	];
	const each = FAULT_SHARE / kinds.length;
	return kinds.map((rule, index) => ({ ...rule, share: each / (1 - each * index), match: { operationId: 'sendingSendEmailBatch' } }));
}

describe('queue mode: Email → Send Batch on a worker', () => {
	const workflows = useWorkflows();
	afterEach(async () => {
		await control('DELETE', '/faults');
	});

	it(`${ITEMS.toLocaleString('en-US')} items with 20 % of batch calls failing: each email accepted once, one output item per input`, async () => {
		const people = Array.from({ length: ITEMS }, (_, n) => ({ name: `p${n}`, email: `q${n}.${RUN}@example.net` }));
		const path = `queue-batch-${RUN}`;
		const trigger = node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, { typeVersion: 2.1, webhookId: randomUUID() });
		const split = node('One item per person', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.people', options: {} });
		const send = sendmuxNode(
			'Sendmux',
			{
				resource: 'email',
				operation: 'sendBatch',
				source: 'items',
				fromEmail: `news@${e2e().seeded.domain}`,
				toEmail: '={{ $json.email }}',
				subject: '=News for {{ $json.name }}',
				emailFormat: 'text',
				text: 'This month at Acme…',
				// Five attempts (the default) leave a 1-in-3,000 chance per call that all five land
				// on an injected fault; eight make that negligible for a test that must not flake.
				requestOptions: { maxAttempts: 8 },
			},
			'mailbox',
		);
		const saved = await workflows.create({ name: 'queue send batch', nodes: [trigger, split, send], connections: chain(trigger.name, split.name, send.name) });
		await workflows.client.activateWorkflow(saved.id);
		await control('PUT', '/faults', { rules: faultRules() });

		const started = Date.now();
		const answer = await callWebhookProcess(path, { people });
		expect(answer.status).toBe(200);
		const [execution] = await workflows.client.waitForExecutions({ workflowId: saved.id, count: 1, timeoutMs: 600_000 });
		const wallMs = Date.now() - started;
		expect(execution.status).toBe('success');
		expect(workersThatRan(String(execution.id))).toHaveLength(1);

		const out = outputOf(execution, 'Sendmux');
		expect(out).toHaveLength(ITEMS);
		out.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));

		const wanted = new Set(people.map((p) => p.email));
		const accepted = (await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => wanted.has(to.email)));
		const perRecipient = new Map<string, number>();
		for (const message of accepted) for (const to of message.to) perRecipient.set(to.email, (perRecipient.get(to.email) ?? 0) + 1);
		expect(perRecipient.size).toBe(ITEMS);
		expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
		const byRecipient = new Map(accepted.map((m) => [m.to[0].email, m.messageId]));
		const mismatched = out.filter((item, index) => item.json.status !== 'queued' || item.json.message_id !== byRecipient.get(people[index].email));
		expect(mismatched.slice(0, 3)).toEqual([]);

		const calls = await control<Array<{ operationId?: string; status: number | null; fault?: string }>>('GET', '/requests?method=POST');
		const batchCalls = calls.filter((c) => c.operationId === 'sendingSendEmailBatch');
		const faulted = batchCalls.filter((c) => c.fault);
		expect(faulted.length).toBeGreaterThan(0);
		report(
			`send batch: ${ITEMS} items, ${batchCalls.length} batch calls (${faulted.length} faulted: ${[...new Set(faulted.map((c) => c.fault))].join(', ')}), webhook to finished execution ${(wallMs / 1000).toFixed(1)} s`,
		);
	});
});
