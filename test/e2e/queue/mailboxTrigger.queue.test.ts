/**
 * Sendmux Mailbox Trigger in queue mode: only main polls (workers and the webhook process do
 * not), each new message starts one execution that a worker runs, and a restart of main
 * starts none again for messages already emitted.
 */
import { describe, expect, it } from 'vitest';

import { credentialRef, eventually, injectInbound, mailboxPollsSince, node, outputOf, pause, restartN8n, useWorkflows } from '../helpers.mjs';
import { workersThatRan } from './queueHelpers.mjs';

const RUN = Date.now().toString(36);

const pollsSince = mailboxPollsSince;
const inject = (subject: string) => injectInbound(subject, RUN);

describe('queue mode: Sendmux Mailbox Trigger (polling)', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	it('polls from main only, once per interval; one execution per new message, on a worker; none again after main restarts', async () => {
		const trigger = node(
			'Sendmux Mailbox Trigger',
			'n8n-nodes-sendmux.sendmuxMailboxTrigger',
			{ pollTimes: { item: [{ mode: 'everyMinute' }] }, options: {} },
			{ credentials: credentialRef('mailbox') },
		);
		const saved = await workflows.create({ name: 'queue mailbox trigger', nodes: [trigger], connections: {} });
		const activatedAt = Date.now();
		await client.activateWorkflow(saved.id);
		await eventually(async () => (await pollsSince(activatedAt)).length > 0, { what: 'the activation poll' });

		// 1. A new message: the next scheduled poll starts one execution with it, run by a worker.
		const first = await inject(`First ${RUN}`);
		const [one] = await client.waitForExecutions({ workflowId: saved.id, count: 1, timeoutMs: 90_000 });
		expect(one.status).toBe('success');
		expect(outputOf(one, 'Sendmux Mailbox Trigger').map((item) => item.json.id)).toEqual([first.id]);
		expect(workersThatRan(String(one.id))).toHaveLength(1);

		// 2. One poll per interval, not one per process: wait for the next scheduled poll, then
		// count: the activation poll, then at most one poll in any clock minute.
		const seen = (await pollsSince(activatedAt)).length;
		await eventually(async () => (await pollsSince(activatedAt)).length > seen, { what: 'the next scheduled poll', timeoutMs: 90_000 });
		await pause(3000);
		const polls = await pollsSince(activatedAt);
		const scheduled = polls.slice(1);
		const minutes = scheduled.map((at) => Math.floor(at / 60_000));
		expect(scheduled.length).toBeGreaterThanOrEqual(2);
		expect(new Set(minutes).size, `polls at ${scheduled.map((at) => new Date(at).toISOString()).join(', ')}`).toBe(scheduled.length);
		expect(await client.listExecutions({ workflowId: saved.id })).toHaveLength(1);

		// 3. Another message while main restarts: the start-up poll emits it, and only it.
		const second = await inject(`Second ${RUN}`);
		await restartN8n();
		// A main restart on PostgreSQL under load, then a worker picking up the job: allow more
		// than the other steps (one run here took over 90 s; which part was slow is not known).
		const executions = await client.waitForExecutions({ workflowId: saved.id, count: 2, timeoutMs: 150_000 });
		expect(outputOf(executions[1], 'Sendmux Mailbox Trigger').map((item) => item.json.id)).toEqual([second.id]);
		expect(workersThatRan(String(executions[1].id))).toHaveLength(1);

		// 4. Restart main again with nothing new: its start-up poll runs and starts nothing.
		const restartedAt = Date.now();
		await restartN8n();
		await eventually(async () => (await pollsSince(restartedAt)).length > 0, { what: 'the start-up poll', timeoutMs: 90_000 });
		await pause(3000);
		expect(await client.listExecutions({ workflowId: saved.id })).toHaveLength(2);
	}, 480_000);
});
