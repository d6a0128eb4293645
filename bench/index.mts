/**
 * `npm run bench`: every in-process benchmark, each in its own process, then bench/results.json
 * and BENCHMARKS.md (`npm run bench:instant` runs the real-n8n one, instantTrigger). `npm run bench -- signature coldImport` runs only those (the others keep
 * their previous figures in results.json); `npx tsx bench/index.mts --render` only rewrites
 * BENCHMARKS.md from results.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderBenchmarks, type Results } from './report.mjs';
import { nodesBaseDir } from './lib/n8nNodesBase.mjs';
import { machine, PROJECT_ROOT } from './lib/stats.mjs';

/** Quick, load-sensitive ones first. */
const SUITES = ['signature', 'coldImport', 'bulkSend', 'rateLimit', 'returnAll', 'instantTrigger'] as const;
type Suite = (typeof SUITES)[number];
/** Run when none is named: instantTrigger needs a real n8n and ~10 minutes (`npm run bench:instant`). */
const DEFAULT_SUITES: Suite[] = ['signature', 'coldImport', 'bulkSend', 'rateLimit', 'returnAll'];

const RESULTS = join(PROJECT_ROOT, 'bench', 'results.json');
const BENCHMARKS = join(PROJECT_ROOT, 'BENCHMARKS.md');

function main(): void {
	if (process.argv.includes('--render')) {
		// Only rewrite BENCHMARKS.md from the figures already in results.json.
		writeFileSync(BENCHMARKS, renderBenchmarks(JSON.parse(readFileSync(RESULTS, 'utf8')) as Results));
		return;
	}
	const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
	const unknown = asked.filter((name) => !(SUITES as readonly string[]).includes(name));
	if (unknown.length) throw new Error(`Unknown benchmark(s) ${unknown.join(', ')}; known: ${SUITES.join(', ')}`);
	const chosen: Suite[] = asked.length ? (asked as Suite[]) : [...DEFAULT_SUITES];
	if (!existsSync(join(PROJECT_ROOT, 'dist', 'nodes', 'Sendmux', 'Sendmux.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first (`npm run bench` does).');
	}
	const previous: Partial<Results> = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Results) : {};
	const results: Record<string, unknown> = { ...(previous.results ?? {}) };
	const durations: Record<string, number> = { ...(previous.durationsSeconds ?? {}) };
	const started = Date.now();
	const skipped: string[] = [];
	for (const suite of chosen) {
		if (suite === 'bulkSend' && !nodesBaseDir()) {
			// n8n's HTTP Request node is not a dependency of this package: it comes with the real n8n.
			const reason = 'n8n-nodes-base not found (run `node scripts/n8n/install.mjs` once, or set N8N_NODES_BASE_DIR)';
			process.stderr.write(`\n== ${suite}: skipped, ${reason}\n`);
			results[suite] = { skipped: reason };
			skipped.push(suite);
			continue;
		}
		const output = join(PROJECT_ROOT, 'bench', '.tmp', `${suite}.json`);
		const suiteStarted = Date.now();
		process.stderr.write(`\n== ${suite}\n`);
		execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', `${suite}.mts`), output], {
			cwd: PROJECT_ROOT,
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		results[suite] = JSON.parse(readFileSync(output, 'utf8')) as unknown;
		durations[suite] = Math.round((Date.now() - suiteStarted) / 1000);
	}
	const report: Results = {
		generatedAt: new Date().toISOString(),
		command: 'npm run bench',
		// The header's machine is the one of the last full run; each result keeps its own too.
		machine: asked.length && previous.machine ? previous.machine : machine(),
		totalSeconds: Object.values(durations).reduce((sum, seconds) => sum + seconds, 0),
		durationsSeconds: durations,
		results: results as Results['results'],
	};
	writeFileSync(RESULTS, `${JSON.stringify(report, null, '\t')}\n`);
	writeFileSync(BENCHMARKS, renderBenchmarks(report));
	process.stderr.write(
		`\nWrote bench/results.json and BENCHMARKS.md (${chosen.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s)\n`,
	);
	if (skipped.length) {
		process.stderr.write(`Not measured: ${skipped.join(', ')} (see above)\n`);
		process.exitCode = 1;
	}
}

main();
