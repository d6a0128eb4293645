/** Medians and spreads, and the machine the figures were taken on. */
import { cpus, loadavg, totalmem, release, platform } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Spread {
	runs: number;
	median: number;
	min: number;
	max: number;
	/** Interquartile range (third quartile minus first), linear interpolation. */
	iqr: number;
}

function quantile(sorted: number[], q: number): number {
	if (sorted.length === 1) return sorted[0];
	const position = (sorted.length - 1) * q;
	const low = Math.floor(position);
	const high = Math.ceil(position);
	return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function spread(values: number[]): Spread {
	if (values.length === 0) throw new Error('spread() of no values');
	const sorted = [...values].sort((a, b) => a - b);
	return {
		runs: sorted.length,
		median: quantile(sorted, 0.5),
		min: sorted[0],
		max: sorted[sorted.length - 1],
		iqr: quantile(sorted, 0.75) - quantile(sorted, 0.25),
	};
}

/** Rounds every number of a spread (for results.json and the tables). */
export function rounded(value: Spread, digits = 1): Spread {
	const f = 10 ** digits;
	const r = (n: number) => Math.round(n * f) / f;
	return { runs: value.runs, median: r(value.median), min: r(value.min), max: r(value.max), iqr: r(value.iqr) };
}

// The package root, found from the working directory like the test harness does (tsc's
// `module: commonjs` refuses `import.meta` in .mts, and ES modules have no __dirname).
import { PACKAGE_ROOT } from '../../test/harness/host.mjs';

export const PROJECT_ROOT = PACKAGE_ROOT;

export function versionOf(packageJsonPath: string): string | undefined {
	try {
		return (JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: string }).version;
	} catch {
		return undefined;
	}
}

export interface Machine {
	cpuModel: string;
	cores: number;
	memoryGiB: number;
	os: string;
	node: string;
	n8nCore?: string;
	n8nWorkflow?: string;
	/** 1-minute load average when the benchmark finished: other work on the machine skews wall times. */
	loadAverage: number;
}

export function machine(): Machine {
	const cpu = cpus();
	return {
		cpuModel: cpu[0]?.model.trim() ?? 'unknown',
		cores: cpu.length,
		memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		os: `${platform()} ${release()}`,
		node: process.version,
		n8nCore: versionOf(join(PROJECT_ROOT, 'node_modules', 'n8n-core', 'package.json')),
		n8nWorkflow: versionOf(join(PROJECT_ROOT, 'node_modules', 'n8n-workflow', 'package.json')),
		loadAverage: Math.round(loadavg()[0] * 100) / 100,
	};
}

/** Peak memory, sampled: RSS and V8 heap, in MiB. */
export class MemorySampler {
	peakRss = 0;
	peakHeapUsed = 0;
	private timer: NodeJS.Timeout | undefined;

	start(everyMs = 10): this {
		this.sample();
		this.timer = setInterval(() => this.sample(), everyMs);
		return this;
	}

	sample(): void {
		const usage = process.memoryUsage();
		this.peakRss = Math.max(this.peakRss, usage.rss);
		this.peakHeapUsed = Math.max(this.peakHeapUsed, usage.heapUsed);
	}

	stop(): { peakRssMiB: number; peakHeapUsedMiB: number } {
		if (this.timer) clearInterval(this.timer);
		this.sample();
		return { peakRssMiB: this.peakRss / 2 ** 20, peakHeapUsedMiB: this.peakHeapUsed / 2 ** 20 };
	}
}
