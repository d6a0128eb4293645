/**
 * Sendmux Mailbox Trigger version 2, Instant mode, in queue mode: main holds the one event
 * stream (workers and the webhook process hold none), each new message starts one execution
 * that a worker runs, and a message that arrives while main is down is emitted once after it
 * comes back (the change-feed catch-up on reconnection).
 */
import { describe, expect, it } from 'vitest';

import { control, credentialRef, eventually, injectInbound, node, outputOf, restartN8n, useWorkflows } from '../helpers.mjs';
import { processesThatLogged, workersThatRan } from './queueHelpers.mjs';

const RUN = Date.now().toString(36);
/** A node name no other queue test uses: the log line that names it tells which process holds the stream. */
const TRIGGER_NAME = 'Instant Mailbox Trigger';

interface StreamStats {
	open: number;
}

const streams = () => control<StreamStats>('GET', '/mailbox-events');
const inject = (subject: string) => injectInbound(subject, RUN);

describe('queue mode: Sendmux Mailbox Trigger (version 2, Instant)', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	it('main holds the one stream; each message runs once on a worker; a message sent while main is down is emitted once after it restarts', async () => {
		const trigger = node(TRIGGER_NAME, 'n8n-nodes-sendmux.sendmuxMailboxTrigger', { triggerMode: 'instant', options: {} }, { typeVersion: 2, credentials: credentialRef('mailbox') });
		const saved = await workflows.create({ name: 'queue mailbox trigger (instant)', nodes: [trigger], connections: {} });
		await client.activateWorkflow(saved.id);
		await eventually(async () => (await streams()).open === 1, { what: 'the event stream' });

		// 1. A new message: one execution, run by a worker.
		const first = await inject(`Instant first ${RUN}`);
		const [one] = await client.waitForExecutions({ workflowId: saved.id, count: 1, timeoutMs: 60_000 });
		expect(one.status).toBe('success');
		expect(outputOf(one, TRIGGER_NAME).map((item) => item.json.id)).toEqual([first.id]);
		expect(workersThatRan(String(one.id))).toHaveLength(1);

		// 2. Exactly one stream, and main is the process that opened it.
		expect((await streams()).open).toBe(1);
		expect(processesThatLogged(`"${TRIGGER_NAME}": event stream connected`)).toEqual(['main']);

		// 3. Main goes down (its stream closes), a message arrives meanwhile, main comes back.
		const restarting = restartN8n();
		await eventually(async () => (await streams()).open === 0, { what: 'the stream to close with main', timeoutMs: 60_000 });
		const second = await inject(`Instant while main is down ${RUN}`);
		await restarting;
		await eventually(async () => (await streams()).open === 1, { what: 'the stream to come back with main', timeoutMs: 90_000 });
		const [, two] = await client.waitForExecutions({ workflowId: saved.id, count: 2, timeoutMs: 90_000 });
		expect(outputOf(two, TRIGGER_NAME).map((item) => item.json.id)).toEqual([second.id]);
		expect(workersThatRan(String(two.id))).toHaveLength(1);

		// 4. Once: a message sent after the restart is the next and last execution (the stream
		// and the catch-up are ordered, so a doubled one would come before it).
		const third = await inject(`Instant after restart ${RUN}`);
		const executions = await eventually(
			async () => {
				const listed = await client.waitForExecutions({ workflowId: saved.id, count: 3, timeoutMs: 60_000 });
				return listed.some((execution) => outputOf(execution, TRIGGER_NAME).some((item) => item.json.id === third.id)) ? listed : undefined;
			},
			{ what: 'the message sent after the restart', timeoutMs: 60_000 },
		);
		const emitted = executions.flatMap((execution) => outputOf(execution, TRIGGER_NAME).map((item) => item.json.id));
		expect(emitted).toEqual([first.id, second.id, third.id]);
		expect((await streams()).open).toBe(1);
		expect(processesThatLogged(`"${TRIGGER_NAME}": event stream connected`)).toEqual(['main']);
	}, 300_000);
});
