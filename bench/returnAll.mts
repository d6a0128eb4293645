/**
 * Benchmark 3, Return All at scale: 100,000 delivery logs (1,000 pages of 100) through
 * Delivery Log → Get Many (Return All, Simplify off), every page answered after 5 ms.
 * Bound: pages × latency. Each run is a fresh n8n process (see returnAllRun.ts), so its peak
 * memory is its own; the simulator, in its own process, keeps the rows.
 */
import { execFileSync } from 'node:child_process';
import { Agent, get as httpGet } from 'node:http';
import { join } from 'node:path';

import { log, runSuite, seconds } from './lib/suite.mjs';
import { startSimulatorProcess, type SimulatorProcess } from './lib/simulator.mjs';
import { machine, PROJECT_ROOT, rounded, spread } from './lib/stats.mjs';
import type { ReturnAllPass } from './returnAllRun.mjs';

const ROWS = Number(process.env.BENCH_RETURN_ALL_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RETURN_ALL_RUNS ?? 5);
const LATENCY_MS = 5;
const PAGE_SIZE = 100;

/** GET a JSON page over a kept-alive connection. */
function getJson(url: URL, agent: Agent, key: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const request = httpGet(url, { agent, headers: { Authorization: `Bearer ${key}` } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown));
			response.on('error', reject);
		});
		request.on('error', reject);
	});
}

/**
 * The same 1,000 pages read by a bare loop (node:http, one kept-alive connection, no n8n):
 * what the simulator, the loopback and the 5 ms cost per page by themselves.
 */
async function bareLoop(sim: SimulatorProcess): Promise<{ ms: number; rows: number }> {
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	let cursor: string | undefined;
	let rows = 0;
	const started = performance.now();
	try {
		do {
			const url = new URL(`${sim.appBaseUrl}/emails/logs`);
			url.searchParams.set('limit', String(PAGE_SIZE));
			if (cursor) url.searchParams.set('cursor', cursor);
			const page = (await getJson(url, agent, sim.keys.root)) as { data: unknown[]; pagination?: { has_more: boolean; next_cursor?: string } };
			rows += page.data.length;
			cursor = page.pagination?.has_more ? page.pagination.next_cursor : undefined;
		} while (cursor);
	} finally {
		agent.destroy();
	}
	return { ms: performance.now() - started, rows };
}

runSuite('return all', async () => {
	const sim = await startSimulatorProcess({ outcomeDelayMs: 3_600_000 });
	const passes: ReturnAllPass[] = [];
	const floors: number[] = [];
	let serverMs = 0;
	try {
		await sim.send({ cmd: 'seedDeliveryLogs', count: ROWS });
		// Sendmux's app-host limit (600 calls a minute) would make 1,000 pages a matter of minutes
		// whatever the client does; lifted here to measure the client against the latency bound.
		await sim.send({ cmd: 'setRateLimits', limits: { app: { limit: 1_000_000_000, windowMs: 60_000 } } });
		await sim.send({ cmd: 'setFaults', rules: [{ kind: 'latency', ms: LATENCY_MS, match: { surface: 'app' } }] });
		await bareLoop(sim); // warm-up
		for (let run = 1; run <= RUNS; run++) {
			const floor = await bareLoop(sim);
			if (floor.rows < ROWS) throw new Error(`the bare loop read ${floor.rows} rows, expected ${ROWS}`);
			floors.push(floor.ms);
			const output = execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'returnAllRun.mts')], {
				input: JSON.stringify({ appBaseUrl: sim.appBaseUrl, sendingBaseUrl: sim.sendingBaseUrl, keys: sim.keys }),
				stdio: ['pipe', 'pipe', 'inherit'],
				maxBuffer: 16 * 1024 * 1024,
			});
			const pass = JSON.parse(output.toString('utf8')) as ReturnAllPass;
			if (pass.rows < ROWS) throw new Error(`Return All gave ${pass.rows} rows, expected ${ROWS}`);
			passes.push(pass);
			log(`return all run ${run}/${RUNS}: ${pass.rows} rows, ${pass.pages} pages in ${seconds(pass.ms)} (bare loop ${seconds(floor.ms)}), peak RSS ${pass.peakRssMiB.toFixed(0)} MiB, peak heap ${pass.peakHeapUsedMiB.toFixed(0)} MiB`);
		}
		serverMs = (await sim.summary()).medianServerMs;
	} finally {
		await sim.close();
	}
	const pages = passes[0].pages;
	const boundMs = pages * LATENCY_MS;
	const wall = spread(passes.map((p) => p.ms));
	const ratio = spread(passes.map((p) => p.ms / boundMs));
	return {
		benchmark: 'returnAll',
		harness: 'in-process n8n-core WorkflowExecute (test/harness/workflow.ts runNode), one fresh process per run; simulator in its own process',
		machine: machine(),
		rows: passes[0].rows,
		pages,
		pageSize: PAGE_SIZE,
		latencyMs: LATENCY_MS,
		rateLimit: "app-host limit lifted (Sendmux's 600 calls a minute would bound 1,000 pages at ≥ 100 s by itself)",
		setup: 'Delivery Log → Get Many, Return All on, Simplify off; warm-up: one Limit 100 call in the same process before the timed run',
		boundMs,
		wallMs: rounded(wall, 0),
		ratioToBound: rounded(ratio, 2),
		bareLoopMs: rounded(spread(floors), 0),
		ratioOfBareLoopToBound: Math.round((spread(floors).median / boundMs) * 100) / 100,
		simulatorMedianMsPerPage: serverMs,
		ratioToBareLoop: rounded(spread(passes.map((p, i) => p.ms / floors[i])), 2),
		perPageMs: rounded(spread(passes.map((p) => p.ms / p.pages)), 2),
		peakRssMiB: rounded(spread(passes.map((p) => p.peakRssMiB)), 0),
		peakHeapUsedMiB: rounded(spread(passes.map((p) => p.peakHeapUsedMiB)), 0),
		baselineRssMiB: rounded(spread(passes.map((p) => p.baselineRssMiB)), 0),
		outputJsonMiB: Math.round(passes[0].outputJsonMiB),
		goal: { ratioAtMost: 1.2, met: ratio.median <= 1.2 },
	};
});
