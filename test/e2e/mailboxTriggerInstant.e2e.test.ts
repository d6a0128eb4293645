/**
 * The Sendmux Mailbox Trigger in Instant mode (version 2, `triggerMode: 'instant'`: one held-open
 * `GET /mailbox/events` stream per active workflow) in a real n8n 2.41.1, against the simulator's
 * live event stream. What only a real n8n can prove: an execution starts from a pushed event,
 * nothing is lost or doubled across stream drops and n8n restarts, and deactivating closes the
 * stream.
 */
import { describe, expect, it } from 'vitest';

import { control, credentialRef, eventually, injectInbound, node, outputOf, restartN8n, useWorkflows, type Execution, type WorkflowNode } from './helpers.mjs';

const RUN = Date.now().toString(36);
const MAILBOX_TRIGGER = 'n8n-nodes-sendmux.sendmuxMailboxTrigger';
const TRIGGER_NAME = 'Sendmux Mailbox Trigger';

interface StreamStats {
	open: number;
	openByMailbox: Record<string, number>;
	counters: { opened: number; closedByClient: number; closedByServer: number; dropped: number; refused: number; eventsSent: number };
}

const streams = () => control<StreamStats>('GET', '/mailbox-events');

function instantTrigger(parameters: Record<string, unknown> = {}): WorkflowNode {
	return node(TRIGGER_NAME, MAILBOX_TRIGGER, { triggerMode: 'instant', options: {}, ...parameters }, { typeVersion: 2, credentials: credentialRef('mailbox') });
}

function pollingTrigger(parameters: Record<string, unknown> = {}): WorkflowNode {
	return node(TRIGGER_NAME, MAILBOX_TRIGGER, { pollTimes: { item: [{ mode: 'everyMinute' }] }, options: {}, ...parameters }, { typeVersion: 1, credentials: credentialRef('mailbox') });
}

/**
 * Every message ID the trigger emitted across the workflow's executions, one entry per item
 * (a doubled message appears twice). Reads each finished execution's data once.
 */
function itemCollector(client: ReturnType<typeof useWorkflows>['client'], workflowId: string) {
	const seen = new Map<string, string[]>();
	return {
		async read(): Promise<{ ids: string[]; executions: Execution[] }> {
			const listed = await client.listExecutions({ workflowId, includeData: false, limit: 5_000 });
			const executions: Execution[] = [];
			for (const summary of listed) {
				if (summary.status === 'new' || summary.status === 'running') continue;
				if (!seen.has(String(summary.id))) {
					const execution = await client.getExecution(String(summary.id));
					expect(execution.status, `execution ${summary.id}`).toBe('success');
					seen.set(String(summary.id), outputOf(execution, TRIGGER_NAME).map((item) => String(item.json.id)));
				}
				executions.push(summary);
			}
			return { ids: [...seen.values()].flat(), executions };
		},
	};
}

describe('e2e: Sendmux Mailbox Trigger, Instant mode (event stream), in n8n', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	async function activateInstant(name: string, parameters: Record<string, unknown> = {}) {
		const before = (await streams()).counters.opened;
		const saved = await workflows.create({ name, nodes: [instantTrigger(parameters)], connections: {} });
		await client.activateWorkflow(saved.id);
		await eventually(async () => (await streams()).counters.opened > before, { what: 'the trigger to open its event stream' });
		return saved;
	}

	it('a message injected into Sendmux starts an execution, with the same output as polling mode', async () => {
		await eventually(async () => (await streams()).open === 0, { what: 'no stream left from earlier files' });
		const polling = await workflows.create({ name: 'e2e mailbox trigger polling (reference)', nodes: [pollingTrigger()], connections: {} });
		await client.activateWorkflow(polling.id);
		const instant = await activateInstant('e2e mailbox trigger instant');

		const message = await injectInbound(`Instant ${RUN}`, RUN, {
			attachments: [{ filename: 'report.csv', contentType: 'text/csv', content: Buffer.from('a,b\n1,2\n').toString('base64') }],
		});
		const [pushed] = await client.waitForExecutions({ workflowId: instant.id, count: 1, timeoutMs: 30_000 });
		expect(pushed.status).toBe('success');
		const instantItems = outputOf(pushed, TRIGGER_NAME);
		expect(instantItems.map((item) => item.json.id)).toEqual([message.id]);

		// Polling mode's next poll (within a minute) emits the same message: the same item.
		const [polled] = await client.waitForExecutions({ workflowId: polling.id, count: 1, timeoutMs: 90_000 });
		const pollingItems = outputOf(polled, TRIGGER_NAME);
		expect(instantItems.map((item) => item.json)).toEqual(pollingItems.map((item) => item.json));
	}, 150_000);

	it('1,000 messages in bursts, while the stream is dropped 10 times and n8n restarts twice: each message emitted exactly once', async () => {
		const saved = await activateInstant('e2e mailbox trigger instant (1,000 messages)');
		const dropsBefore = (await streams()).counters.dropped;
		const injected: string[] = [];
		const burst = async (label: string, count: number) => {
			// Ten at a time: bursts, not one long trickle.
			for (let i = 0; i < count; i += 10) {
				const batch = await Promise.all(
					Array.from({ length: Math.min(10, count - i) }, (_, j) => injectInbound(`Burst ${label}.${i + j} ${RUN}`, RUN)),
				);
				injected.push(...batch.map((m) => m.id));
			}
		};
		const dropOnce = async () => {
			// The trigger reconnects (with backoff) after each drop: wait for it, then cut again.
			await eventually(async () => (await streams()).open > 0, { what: 'the trigger to reconnect its event stream', timeoutMs: 60_000 });
			const { dropped } = await control<{ dropped: number }>('POST', '/mailbox-events/drop');
			expect(dropped).toBeGreaterThan(0);
		};

		for (let round = 0; round < 10; round++) {
			await burst(`${round}a`, 50);
			// Cut while the burst's events are still being written and executed.
			await dropOnce();
			await burst(`${round}b`, 50);
			if (round === 3 || round === 6) await restartN8n();
		}
		expect(injected).toHaveLength(1_000);
		expect((await streams()).counters.dropped - dropsBefore).toBeGreaterThanOrEqual(10);

		const collector = itemCollector(client, saved.id);
		await eventually(
			async () => {
				const read = await collector.read();
				return read.ids.length >= 1_000 ? read : undefined;
			},
			{ what: 'items for 1,000 messages', timeoutMs: 180_000 },
		);
		// A late duplicate would arrive before a message injected last (the stream is ordered):
		// once that one is emitted, the count is final.
		const last = await injectInbound(`Last ${RUN}`, RUN);
		const final = await eventually(
			async () => {
				const read = await collector.read();
				return read.ids.includes(last.id) ? read : undefined;
			},
			{ what: 'the last message', timeoutMs: 60_000 },
		);
		const emitted = final.ids.filter((id) => id !== last.id);
		expect(emitted).toHaveLength(1_000);
		expect(new Set(emitted).size).toBe(1_000);
		expect([...emitted].sort()).toEqual([...injected].sort());
	}, 420_000);

	it('deactivating the workflow closes its event stream (the simulator shows 0 clients)', async () => {
		await eventually(async () => (await streams()).open === 0, { what: 'no stream left from the earlier tests' });
		const saved = await activateInstant('e2e mailbox trigger instant (deactivate)');
		expect((await streams()).open).toBe(1);
		await client.deactivateWorkflow(saved.id);
		const after = await eventually(async () => {
			const stats = await streams();
			return stats.open === 0 ? stats : undefined;
		}, { what: 'the stream to close' });
		expect(after.openByMailbox).toEqual({});
	});
});
