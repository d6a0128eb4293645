/**
 * One Return All run in a fresh process (started by returnAll.ts, simulator details on stdin):
 * a one-page warm-up, then the timed run with memory sampled. Prints a ReturnAllPass as JSON.
 */
import { readFileSync } from 'node:fs';

import './lib/suite.mjs';
import { MemorySampler } from './lib/stats.mjs';
import type { SimulatorProcess } from './lib/simulator.mjs';
import { sendmuxGetAllDeliveryLogs, simulatorCredentials } from './lib/workflows.mjs';
import { runNode } from '../test/harness/workflow';

export interface ReturnAllPass {
	ms: number;
	rows: number;
	pages: number;
	peakRssMiB: number;
	peakHeapUsedMiB: number;
	baselineRssMiB: number;
	outputJsonMiB: number;
}

const PAGE_SIZE = 100;

async function main(): Promise<void> {
	const sim = JSON.parse(readFileSync(0, 'utf8')) as SimulatorProcess;
	const credentials = simulatorCredentials(sim);
	const warmUp = await runNode({
		node: { parameters: { ...sendmuxGetAllDeliveryLogs(), returnAll: false, limit: PAGE_SIZE } },
		credentials,
	});
	if (warmUp.error) throw new Error(`warm-up failed: ${warmUp.error.message}`);
	global.gc?.();
	const baselineRssMiB = process.memoryUsage().rss / 2 ** 20;
	const sampler = new MemorySampler().start(5);
	const started = performance.now();
	const run = await runNode({ node: { parameters: sendmuxGetAllDeliveryLogs() }, credentials });
	const ms = performance.now() - started;
	const memory = sampler.stop();
	if (run.error) throw new Error(`Return All failed: ${run.error.message}`);
	const pass: ReturnAllPass = {
		ms,
		rows: run.items.length,
		pages: Math.ceil(run.items.length / PAGE_SIZE),
		...memory,
		baselineRssMiB,
		outputJsonMiB: JSON.stringify(run.items).length / 2 ** 20,
	};
	process.stdout.write(`${JSON.stringify(pass)}\n`);
	process.exit(0);
}

main().catch((error: unknown) => {
	process.stderr.write(`return all run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
