/**
 * Benchmark 6, Sendmux Mailbox Trigger: Instant (event stream) vs Polling (every minute, n8n's
 * shortest schedule), in a real n8n 2.41.1 (the e2e stack: test/stack/stack.mts) against the
 * simulator in this process.
 *
 * Two workflows watch the seeded mailbox at once, each through its own mailbox key, so the
 * simulator's request log tells their requests apart: version 2 in Instant mode, version 1
 * polling every minute.
 *   1. Idle: nothing arrives for IDLE seconds; requests per hour = requests of each key in that
 *      window, scaled to an hour.
 *   2. Latency: MESSAGES messages, one every SPACING ms; for each, the time from injection
 *      (in-process, just before the simulator stores it) to the `startedAt` n8n records for the
 *      execution whose trigger output holds it, per mode.
 * Polling's latency is set by its schedule (a message waits for the next poll: half a minute
 * on average); its sample is the same messages, spread over a few polls.
 *
 *   npm run bench:instant        (BENCH_INSTANT_MESSAGES, BENCH_INSTANT_SPACING_MS, BENCH_INSTANT_IDLE_SECONDS)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nClient } from '../scripts/n8n/client.mjs';
import { install } from '../scripts/n8n/install.mjs';
import { ensureCredentials, startStack } from '../test/stack/stack.mjs';
import { log, runSuite } from './lib/suite.mjs';
import { machine, rounded, spread } from './lib/stats.mjs';

const MESSAGES = Number(process.env.BENCH_INSTANT_MESSAGES ?? 60);
const SPACING_MS = Number(process.env.BENCH_INSTANT_SPACING_MS ?? 3_000);
const IDLE_SECONDS = Number(process.env.BENCH_INSTANT_IDLE_SECONDS ?? 300);
const TRIGGER = 'Sendmux Mailbox Trigger';
const TYPE = 'n8n-nodes-sendmux.sendmuxMailboxTrigger';
/** A second key for the seeded mailbox (the simulator accepts extra keys): polling's. */
const POLLING_KEY = 'smx_mbx_benchpolling0000000000000000000000poll';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	const position = (sorted.length - 1) * q;
	const low = Math.floor(position);
	const high = Math.ceil(position);
	return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined | false>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await pause(250);
	}
}

/** Message ID → when n8n started the execution that emitted it. */
async function startedAtById(client: N8nClient, workflowId: string): Promise<Map<string, number>> {
	const started = new Map<string, number>();
	for (const summary of await client.listExecutions({ workflowId, includeData: false, limit: 5_000 })) {
		if (summary.status === 'new' || summary.status === 'running') continue;
		const execution = await client.getExecution(String(summary.id));
		for (const item of client.nodeOutput(execution, TRIGGER)) {
			started.set(String(item.json.id), Date.parse(String(execution.startedAt)));
		}
	}
	return started;
}

runSuite('instantTrigger', async () => {
	await install();
	const userFolder = mkdtempSync(join(tmpdir(), 'sendmux-bench-instant-'));
	log(`starting n8n 2.41.1 and the simulator (user folder ${userFolder})…`);
	const stack = await startStack({ userFolder, simulator: { keys: { mailbox: [POLLING_KEY] }, selfCheck: false, recordLimit: 200_000 } });
	try {
		const { client, sim } = stack;
		const instantCredential = (await ensureCredentials(client, sim)).mailbox;
		const pollingCredential = await client.createCredential({
			name: 'Sendmux Mailbox (polling key)',
			type: 'sendmuxMailboxApi',
			data: { apiKey: POLLING_KEY, sendingBaseUrl: sim.sendingBaseUrl, appBaseUrl: sim.appBaseUrl },
		});
		const workflow = (name: string, typeVersion: number, parameters: Record<string, unknown>, credential: { id: string; name: string }) => ({
			name,
			nodes: [
				{
					id: randomUUID(),
					name: TRIGGER,
					type: TYPE,
					typeVersion,
					position: [240, 300] as [number, number],
					parameters: { options: {}, ...parameters },
					credentials: { sendmuxMailboxApi: { id: credential.id, name: credential.name } },
				},
			],
			connections: {},
		});
		const instant = await client.createWorkflow(workflow('bench: instant', 2, { triggerMode: 'instant' }, instantCredential));
		const polling = await client.createWorkflow(workflow('bench: polling every minute', 1, { pollTimes: { item: [{ mode: 'everyMinute' }] } }, { id: pollingCredential.id, name: pollingCredential.name }));
		await client.activateWorkflow(instant.id);
		await client.activateWorkflow(polling.id);
		const activatedAt = Date.now();
		await until('the instant trigger to open its stream', 60_000, async () => sim.control.mailboxEvents().open > 0);
		const byKey = (tail: string, from: number, to: number) =>
			sim.control.requests().filter((r) => r.at > from && r.at <= to && String(r.headers.authorization ?? '').endsWith(tail));
		await until('the first poll', 90_000, async () => byKey('poll', activatedAt, Date.now()).length > 0);

		// 1. Idle.
		log(`idle for ${IDLE_SECONDS} s…`);
		const idleFrom = Date.now();
		await pause(IDLE_SECONDS * 1000);
		const idleTo = Date.now();
		const windowHours = (idleTo - idleFrom) / 3_600_000;
		const idle = (tail: string) => {
			const requests = byKey(tail, idleFrom, idleTo);
			const byOperation: Record<string, number> = {};
			for (const r of requests) byOperation[r.operationId ?? r.path] = (byOperation[r.operationId ?? r.path] ?? 0) + 1;
			return { requests: requests.length, perHour: Math.round(requests.length / windowHours), byOperation };
		};
		const idleInstant = idle(sim.keys.mailbox.slice(-4));
		const idlePolling = idle('poll');
		const streamsAfterIdle = sim.control.mailboxEvents();
		log(`idle: instant ${idleInstant.requests} requests, polling ${idlePolling.requests} requests in ${(windowHours * 60).toFixed(1)} min`);

		// 2. Latency.
		log(`latency: ${MESSAGES} messages, one every ${SPACING_MS} ms…`);
		const injectedAt = new Map<string, number>();
		for (let i = 0; i < MESSAGES; i++) {
			const at = Date.now();
			const message = sim.control.injectInbound({ mailbox: sim.control.seeded.mailboxId, from: { email: 'bench@example.net', name: 'Bench' }, subject: `Latency ${i}`, text: `Message ${i}` });
			injectedAt.set(message.id, at);
			await pause(SPACING_MS);
		}
		const all = async (workflowId: string) => {
			const started = await startedAtById(client, workflowId);
			return [...injectedAt.keys()].every((id) => started.has(id)) ? started : undefined;
		};
		const instantStarted = await until('instant executions for every message', 120_000, () => all(instant.id));
		const pollingStarted = await until('polling executions for every message', 150_000, () => all(polling.id));
		const latencies = (started: Map<string, number>) => [...injectedAt].map(([id, at]) => (started.get(id) as number) - at);
		const instantMs = latencies(instantStarted);
		const pollingMs = latencies(pollingStarted);
		/** The spread, the 95th percentile, and how many executions carried the messages. */
		const summary = (values: number[], started: Map<string, number>) => ({
			...rounded(spread(values), 0),
			p95: Math.round(quantile(values, 0.95)),
			executions: new Set(started.values()).size,
		});
		return {
			machine: machine(),
			n8n: '2.41.1 (the e2e stack: SQLite, regular mode)',
			messages: MESSAGES,
			spacingMs: SPACING_MS,
			idleSeconds: Math.round((idleTo - idleFrom) / 1000),
			instant: {
				setup: 'version 2, Trigger Mode Instant (one GET /mailbox/events stream)',
				latencyMs: summary(instantMs, instantStarted),
				idle: idleInstant,
				streams: { opened: streamsAfterIdle.counters.opened, open: streamsAfterIdle.open },
			},
			polling: {
				setup: 'version 1, Poll Times: Every Minute',
				latencyMs: summary(pollingMs, pollingStarted),
				idle: idlePolling,
			},
			goal: { instantP95BelowMs: 1_000, met: quantile(instantMs, 0.95) < 1_000 },
		};
	} finally {
		await stack.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
});
