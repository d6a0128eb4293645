/**
 * Benchmark 1, bulk send: 10,000 input items through Sendmux → Email → Send Batch, and through
 * n8n's HTTP Request node posting one /emails/send per item, in the same in-process n8n-core
 * harness (test/harness/workflow.ts), against the simulator (own process) answering every
 * request after 20 ms.
 *
 * Two regimes. "Unlimited": the simulator's rate limit lifted, so both nodes go as fast as
 * n8n and the network let them (the send path itself). "Sendmux's limit": 1,800 requests a
 * minute per key, as in production: the per-item node then either fails part-way (options at
 * their defaults) or must be slowed to 30 requests a second (Batching option).
 */
import { log, runSuite, seconds } from './lib/suite.mjs';
import type { INodeParameters } from 'n8n-workflow';

import { loadHttpRequestNode, type LoadedHttpRequestNode } from './lib/n8nNodesBase.mjs';
import { startSimulatorProcess, type SimulatorProcess } from './lib/simulator.mjs';
import { machine, rounded, spread } from './lib/stats.mjs';
import { customers, httpRequestPerItem, sendmuxSendBatch, simulatorCredentials } from './lib/workflows.mjs';
import { runNode } from '../test/harness/workflow';

const ITEMS = Number(process.env.BENCH_BULK_ITEMS ?? 10_000);
const RUNS = Number(process.env.BENCH_BULK_RUNS ?? 5);
const LATENCY_MS = 20;
const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
/** The per-item node paced to the limit is slow by design: a smaller sample gives its rate. */
const PACED_ITEMS = Number(process.env.BENCH_PACED_ITEMS ?? 300);
const PACED_RUNS = Number(process.env.BENCH_PACED_RUNS ?? 3);
const PACED_OPTIONS: INodeParameters = { batching: { batch: { batchSize: 30, batchInterval: 1000 } } };

interface Pass {
	ms: number;
	/** CPU time of this (the n8n) process during the run. */
	cpuMs: number;
	queued: number;
	accepted: number;
	duplicated: number;
	requests: number;
}

/** Sendmux's own limit on the Sending API. */
const SENDMUX_LIMIT = { limit: 1800, windowMs: 60_000 };
type Regime = 'unlimited' | 'sendmuxLimit';

function cpuSince(start: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1000;
}

async function prepare(sim: SimulatorProcess, regime: Regime = 'unlimited'): Promise<void> {
	await sim.send({ cmd: 'reset' });
	const sending = regime === 'unlimited' ? { limit: 1_000_000_000, windowMs: 60_000 } : SENDMUX_LIMIT;
	await sim.send({ cmd: 'setRateLimits', limits: { sending } });
	await sim.send({ cmd: 'setFaults', rules: [{ kind: 'latency', ms: LATENCY_MS }] });
}

async function sendmuxPass(sim: SimulatorProcess, count: number, regime: Regime = 'unlimited'): Promise<Pass> {
	await prepare(sim, regime);
	const input = customers(count);
	const started = performance.now();
	const cpu = process.cpuUsage();
	const run = await runNode({
		node: { parameters: sendmuxSendBatch() },
		input,
		credentials: simulatorCredentials(sim),
	});
	const ms = performance.now() - started;
	const cpuMs = cpuSince(cpu);
	if (run.error) throw new Error(`Sendmux node failed: ${run.error.message}`);
	const summary = await sim.summary();
	return {
		ms,
		cpuMs,
		queued: run.items.filter((item) => item.json.status === 'queued').length,
		accepted: summary.acceptedMessages,
		duplicated: summary.duplicatedRecipients,
		requests: summary.requests,
	};
}

interface HttpPass extends Pass {
	error?: string;
	rateLimited: number;
}

async function httpRequestPass(
	sim: SimulatorProcess,
	count: number,
	http: LoadedHttpRequestNode,
	regime: Regime = 'unlimited',
	options: INodeParameters = {},
): Promise<HttpPass> {
	await prepare(sim, regime);
	const input = customers(count);
	const started = performance.now();
	const cpu = process.cpuUsage();
	const run = await runNode({
		node: {
			type: HTTP_REQUEST_TYPE,
			typeVersion: http.defaultVersion,
			name: 'HTTP Request',
			parameters: { ...httpRequestPerItem(sim), options },
			credentials: {},
		},
		input,
		nodeTypes: { [HTTP_REQUEST_TYPE]: http.type },
	});
	const ms = performance.now() - started;
	const cpuMs = cpuSince(cpu);
	const summary = await sim.summary();
	const data = (item: { json: Record<string, unknown> }) => item.json.data as { status?: string } | undefined;
	return {
		ms,
		cpuMs,
		error: run.error?.message,
		queued: run.items.filter((item) => data(item)?.status === 'queued').length,
		accepted: summary.acceptedMessages,
		duplicated: summary.duplicatedRecipients,
		requests: summary.requests,
		rateLimited: summary.byStatus['429'] ?? 0,
	};
}

function checkHttp(label: string, pass: HttpPass, count: number): void {
	if (pass.error) throw new Error(`${label}: the HTTP Request node failed: ${pass.error}`);
	check(label, pass, count);
}

function check(label: string, pass: Pass, count: number): void {
	if (pass.queued !== count || pass.accepted !== count || pass.duplicated !== 0) {
		throw new Error(`${label}: ${pass.queued} queued, ${pass.accepted} accepted, ${pass.duplicated} duplicated of ${count}`);
	}
}

runSuite('bulk send', async () => {
	const http = loadHttpRequestNode();
	const sim = await startSimulatorProcess({ credits: '1000000.00', outcomeDelayMs: 3_600_000 });
	try {
		// Warm-up (not counted): loads the package, JIT-compiles both paths.
		log(`bulk send: warm-up with ${Math.min(1000, ITEMS)} items each`);
		check('Sendmux warm-up', await sendmuxPass(sim, Math.min(1000, ITEMS)), Math.min(1000, ITEMS));
		checkHttp('HTTP Request warm-up', await httpRequestPass(sim, Math.min(1000, ITEMS), http), Math.min(1000, ITEMS));

		const sendmux: Pass[] = [];
		const perItem: HttpPass[] = [];
		for (let run = 1; run <= RUNS; run++) {
			const a = await sendmuxPass(sim, ITEMS);
			check('Sendmux', a, ITEMS);
			sendmux.push(a);
			const b = await httpRequestPass(sim, ITEMS, http);
			checkHttp('HTTP Request', b, ITEMS);
			perItem.push(b);
			log(`bulk send run ${run}/${RUNS}: Sendmux ${seconds(a.ms)} (${a.requests} calls), HTTP Request ${seconds(b.ms)} (${b.requests} calls)`);
		}
		const rate = (pass: Pass, items = ITEMS) => items / (pass.ms / 1000);
		const sendmuxRate = spread(sendmux.map((pass) => rate(pass)));
		const perItemRate = spread(perItem.map((pass) => rate(pass)));
		const ratios = spread(sendmux.map((pass, i) => rate(pass) / rate(perItem[i])));

		// Sendmux's limit in force: the same 10,000 items.
		const limited: Pass[] = [];
		for (let run = 1; run <= RUNS; run++) {
			const pass = await sendmuxPass(sim, ITEMS, 'sendmuxLimit');
			check('Sendmux under the limit', pass, ITEMS);
			limited.push(pass);
		}
		log(`bulk send under Sendmux's limit: Sendmux ${seconds(limited[0].ms)}`);
		const naive = await httpRequestPass(sim, ITEMS, http, 'sendmuxLimit');
		log(`bulk send under Sendmux's limit: HTTP Request (defaults) ${seconds(naive.ms)}: ${naive.accepted} sent, ${naive.rateLimited} answered 429`);
		const paced: HttpPass[] = [];
		for (let run = 1; run <= PACED_RUNS; run++) {
			const pass = await httpRequestPass(sim, PACED_ITEMS, http, 'sendmuxLimit', PACED_OPTIONS);
			checkHttp('HTTP Request (Batching)', pass, PACED_ITEMS);
			paced.push(pass);
			log(`bulk send under Sendmux's limit: HTTP Request (Batching 30/s) ${PACED_ITEMS} items in ${seconds(pass.ms)}`);
		}
		const limitedRate = spread(limited.map((pass) => rate(pass)));
		const pacedRate = spread(paced.map((pass) => rate(pass, PACED_ITEMS)));
		const limitedRatio = limitedRate.median / pacedRate.median;
		return {
			benchmark: 'bulkSend',
			harness: 'in-process n8n-core WorkflowExecute (test/harness/workflow.ts runNode), simulator in its own process',
			machine: machine(),
			n8nNodesBase: http.packageVersion,
			httpRequestNodeVersion: http.defaultVersion,
			items: ITEMS,
			latencyMs: LATENCY_MS,
			rateLimit: 'lifted (this benchmark measures the send path; see rateLimit)',
			warmUp: `one unmeasured pass of ${Math.min(1000, ITEMS).toLocaleString('en-US')} items per node`,
			sendmux: {
				setup: 'Email → Send Batch, One Email per Input Item, defaults: 100 emails a call, 4 calls in parallel',
				callsPerRun: sendmux[0].requests,
				wallMs: rounded(spread(sendmux.map((p) => p.ms)), 0),
				cpuMicrosecondsPerEmail: rounded(spread(sendmux.map((p) => (p.cpuMs * 1000) / ITEMS)), 0),
				messagesPerSecond: rounded(sendmuxRate, 0),
			},
			httpRequest: {
				setup: 'HTTP Request POST /emails/send per item, Bearer header, JSON body by expression, options at defaults (no batching: n8n starts every item\'s request at once)',
				callsPerRun: perItem[0].requests,
				wallMs: rounded(spread(perItem.map((p) => p.ms)), 0),
				cpuMicrosecondsPerEmail: rounded(spread(perItem.map((p) => (p.cpuMs * 1000) / ITEMS)), 0),
				messagesPerSecond: rounded(perItemRate, 0),
			},
			ratio: rounded(ratios, 1),
			underSendmuxLimit: {
				rateLimit: '1,800 requests per 60 s per key (Sendmux\'s production limit), 20 ms latency',
				sendmux: {
					wallMs: rounded(spread(limited.map((p) => p.ms)), 0),
					messagesPerSecond: rounded(limitedRate, 0),
				},
				httpRequestDefaults: {
					items: ITEMS,
					nodeFailed: naive.error !== undefined,
					error: naive.error,
					sent: naive.accepted,
					answered429: naive.rateLimited,
					wallMs: Math.round(naive.ms),
				},
				httpRequestBatching: {
					setup: 'options.batching: 30 items every 1,000 ms (= 1,800 a minute, the most the limit allows)',
					items: PACED_ITEMS,
					wallMs: rounded(spread(paced.map((p) => p.ms)), 0),
					messagesPerSecond: rounded(pacedRate, 1),
				},
				ratio: Math.round(limitedRatio * 10) / 10,
			},
			goal: {
				ratioAtLeast: 50,
				metUnlimited: ratios.median >= 50,
				metUnderSendmuxLimit: limitedRatio >= 50,
			},
		};
	} finally {
		await sim.close();
	}
});
