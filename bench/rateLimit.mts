/**
 * Benchmark 2, rate-limit ceiling: Send Batch against the simulator enforcing the Sending
 * API's limit, scaled down two ways (see CONFIGS). Each run needs two full windows of calls
 * and one call of a third, so at the ceiling its calls span exactly two windows:
 * share = 2 windows / (last accepted call − first accepted call).
 */
import { log, runSuite, seconds } from './lib/suite.mjs';
import { startSimulatorProcess } from './lib/simulator.mjs';
import { machine, rounded, spread } from './lib/stats.mjs';
import { customers, sendmuxSendBatch, simulatorCredentials } from './lib/workflows.mjs';
import { runNode } from '../test/harness/workflow';

const LATENCY_MS = 20;
const PER_CALL = 100;

interface Config {
	name: string;
	limit: number;
	windowMs: number;
	windows: number;
	runs: number;
	note: string;
}

/**
 * Proportional: Sendmux's limit and window both scaled down tenfold, as the issue proposes.
 * Sendmux's window: the 60 s window kept and the limit scaled down instead, so the whole-second
 * Retry-After weighs on each window as much as it does in production.
 */
const CONFIGS: Config[] = [
	{
		name: 'proportional',
		limit: Number(process.env.BENCH_RATE_LIMIT ?? 180),
		windowMs: Number(process.env.BENCH_RATE_WINDOW_MS ?? 6_000),
		windows: 2,
		runs: Number(process.env.BENCH_RATE_RUNS ?? 5),
		note: "Sendmux's 1,800 calls / 60 s scaled to 180 / 6 s: the same calls (and messages) a minute",
	},
	{
		name: 'sendmuxWindow',
		limit: Number(process.env.BENCH_RATE_LIMIT_60 ?? 60),
		windowMs: 60_000,
		windows: 2,
		runs: Number(process.env.BENCH_RATE_RUNS_60 ?? 1),
		note: "Sendmux's 60 s window kept, the limit scaled to 60 calls (6,000 messages) a minute",
	},
];

interface RatePass {
	nodeMs: number;
	callSpanMs: number;
	share: number;
	messagesPerMinute: number;
	calls: number;
	answered429: number;
	retried: number;
	abandoned: number;
	failed: number;
	duplicated: number;
	/** For each window after the first: how long after the previous window's end its first call came. */
	resumeDelaysMs: number[];
}

async function measure(config: Config): Promise<Record<string, unknown>> {
	const items = (config.windows * config.limit + 1) * PER_CALL;
	const sim = await startSimulatorProcess({ credits: '1000000.00', outcomeDelayMs: 3_600_000 });
	// One expression per item (the recipient): reading the items stays short, the calls are the subject here.
	const parameters = { ...sendmuxSendBatch(), subject: 'Your order has shipped', html: '<p>Your order is on its way.</p>' };
	const ceilingPerMinute = (config.limit * PER_CALL * 60_000) / config.windowMs;
	const idealMs = config.windows * config.windowMs;
	const passes: RatePass[] = [];
	try {
		for (let run = 1; run <= config.runs; run++) {
			await sim.send({ cmd: 'reset' });
			await sim.send({ cmd: 'setRateLimits', limits: { sending: { limit: config.limit, windowMs: config.windowMs } } });
			await sim.send({ cmd: 'setFaults', rules: [{ kind: 'latency', ms: LATENCY_MS }] });
			const input = customers(items);
			const started = performance.now();
			const result = await runNode({ node: { parameters }, input, credentials: simulatorCredentials(sim) });
			const nodeMs = performance.now() - started;
			const summary = await sim.summary();
			const times = summary.acceptedSendTimes;
			const callSpanMs = times[times.length - 1] - times[0];
			const queued = result.items.filter((item) => item.json.status === 'queued').length;
			const windowStarts = times.filter((_, index) => index % config.limit === 0);
			const pass: RatePass = {
				nodeMs,
				callSpanMs,
				share: idealMs / callSpanMs,
				messagesPerMinute: ((config.windows * config.limit * PER_CALL) / callSpanMs) * 60_000,
				calls: times.length,
				answered429: summary.byStatus['429'] ?? 0,
				retried: summary.rateLimitedKeysRetried,
				abandoned: summary.rateLimitedKeysAbandoned,
				failed: result.error ? items - summary.acceptedMessages : items - queued,
				duplicated: summary.duplicatedRecipients,
				resumeDelaysMs: windowStarts.slice(1).map((start, index) => start - (windowStarts[index] + config.windowMs)),
			};
			if (result.error) log(`rate limit (${config.name}) run ${run}: the node failed: ${result.error.message}`);
			passes.push(pass);
			log(
				`rate limit (${config.name}) run ${run}/${config.runs}: ${pass.calls} calls over ${seconds(callSpanMs)} (ideal ${seconds(idealMs)}), ` +
					`share ${(pass.share * 100).toFixed(1)} %, 429s ${pass.answered429}, failed ${pass.failed}, duplicated ${pass.duplicated}, ` +
					`resumed ${pass.resumeDelaysMs.map((d) => `${Math.round(d)} ms`).join(', ')} after the window ends, node ${seconds(nodeMs)}`,
			);
		}
	} finally {
		await sim.close();
	}
	const share = spread(passes.map((p) => p.share * 100));
	const total = (pick: (p: RatePass) => number) => passes.reduce((sum, p) => sum + pick(p), 0);
	return {
		limit: config.limit,
		windowMs: config.windowMs,
		note: config.note,
		items,
		calls: config.windows * config.limit + 1,
		ceilingMessagesPerMinute: ceilingPerMinute,
		messagesPerMinute: rounded(spread(passes.map((p) => p.messagesPerMinute)), 0),
		shareOfCeilingPercent: rounded(share, 1),
		callSpanMs: rounded(spread(passes.map((p) => p.callSpanMs)), 0),
		idealSpanMs: idealMs,
		resumeDelayMs: rounded(spread(passes.flatMap((p) => p.resumeDelaysMs)), 0),
		nodeWallMs: rounded(spread(passes.map((p) => p.nodeMs)), 0),
		totals: {
			runs: passes.length,
			answered429: total((p) => p.answered429),
			callsRetriedAfter429: total((p) => p.retried),
			callsAbandonedAfter429: total((p) => p.abandoned),
			failedMessages: total((p) => p.failed),
			duplicatedMessages: total((p) => p.duplicated),
		},
		met: share.median >= 95 && total((p) => p.failed) === 0 && total((p) => p.duplicated) === 0,
	};
}

runSuite('rate limit', async () => {
	const results: Record<string, Record<string, unknown>> = {};
	for (const config of CONFIGS) {
		if (config.runs > 0) results[config.name] = await measure(config);
	}
	return {
		benchmark: 'rateLimit',
		harness: 'in-process n8n-core WorkflowExecute (test/harness/workflow.ts runNode), simulator in its own process',
		machine: machine(),
		latencyMs: LATENCY_MS,
		setup:
			'Email → Send Batch, One Email per Input Item (recipient by expression), defaults: 100 emails a call, 4 calls in parallel, 5 attempts; ' +
			'two full windows of calls and one more, so at the ceiling the accepted calls span exactly two windows; share = 2 windows / that span',
		retryAfter: 'whole seconds, as Sendmux sends it (the simulator rounds up)',
		...results,
		goal: { shareAtLeastPercent: 95, zeroFailedAndDuplicated: true },
	};
});
