/** Starts the simulator in a child process (see simServer.ts) and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { SeededKeys, SimulatorOptions } from '../../test/simulator';
import type { SimCommand, SimSummary } from './simServer.mjs';
import { PROJECT_ROOT } from './stats.mjs';

export interface SimulatorProcess {
	url: string;
	sendingBaseUrl: string;
	appBaseUrl: string;
	keys: SeededKeys;
	pid: number;
	send(command: SimCommand): Promise<unknown>;
	summary(): Promise<SimSummary>;
	close(): Promise<void>;
}

interface Ready {
	ready: { url: string; sendingBaseUrl: string; appBaseUrl: string; keys: SeededKeys };
}

export async function startSimulatorProcess(options: SimulatorOptions = {}): Promise<SimulatorProcess> {
	const child: ChildProcess = fork(join(PROJECT_ROOT, 'bench', 'lib', 'simServer.mts'), [JSON.stringify(options)], {
		// BENCH_SIM_CPU_PROF=<dir> profiles the simulator too (see BENCHMARKS.md, "Profiling").
		execArgv: ['--import', 'tsx', ...(process.env.BENCH_SIM_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SIM_CPU_PROF}`] : [])],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map<number, (result: unknown) => void>();
	let nextId = 1;
	const ready = await new Promise<Ready['ready']>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before it was ready`)));
		child.on('message', (message: Partial<Ready> & { id?: number; result?: unknown }) => {
			if (message.ready) resolve(message.ready);
			else if (message.id !== undefined) {
				pending.get(message.id)?.(message.result);
				pending.delete(message.id);
			}
		});
	});
	child.removeAllListeners('exit');
	const send = (command: SimCommand) =>
		new Promise<unknown>((resolve) => {
			const id = nextId++;
			pending.set(id, resolve);
			child.send({ id, ...command });
		});
	return {
		...ready,
		pid: child.pid ?? 0,
		send,
		summary: async () => (await send({ cmd: 'summary' })) as SimSummary,
		async close() {
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.send({ id: nextId++, cmd: 'close' });
			await exited;
		},
	};
}
