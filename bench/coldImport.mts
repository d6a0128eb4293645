/**
 * Benchmark 5, cold import: time to require the built nodes and credentials (package.json's
 * `n8n` section) and construct them, in a fresh Node process each run; and the package size
 * from `npm pack`. n8n has n8n-workflow loaded before it loads a community package, so the
 * headline figure preloads it; the figure with n8n-workflow included is given beside it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { node24Bin } from '../scripts/n8n/install.mjs';
import { log, runSuite } from './lib/suite.mjs';
import { PROJECT_ROOT, machine, rounded, spread } from './lib/stats.mjs';

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);
/** The Node 24 the end-to-end install brings (`$N8N_LOCAL_DIR` or `.local/`), measured when present. */
const NODE_24 = node24Bin;

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const FILES = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file) => join(PROJECT_ROOT, file));

/** Runs in the fresh process: times n8n-workflow, then our files (require + construct every export). */
const PROBE = `
const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;
const files = JSON.parse(process.argv[1]);
let t = process.hrtime.bigint();
require(require.resolve('n8n-workflow', { paths: [${JSON.stringify(PROJECT_ROOT)}] }));
const workflowMs = ms(t);
t = process.hrtime.bigint();
const cpu = process.cpuUsage();
for (const file of files) {
	const exported = require(file);
	for (const value of Object.values(exported)) if (typeof value === 'function') new value();
}
const packageMs = ms(t);
const used = process.cpuUsage(cpu);
const modules = Object.keys(require.cache).filter((path) => path.startsWith(${JSON.stringify(join(PROJECT_ROOT, 'dist'))})).length;
process.stdout.write(JSON.stringify({ workflowMs, packageMs, packageCpuMs: (used.user + used.system) / 1000, modules }));
`;

interface Probe {
	workflowMs: number;
	packageMs: number;
	/** CPU time (user + system) of the same span: less sensitive to other load on the machine. */
	packageCpuMs: number;
	modules: number;
}

function measure(nodeBinary: string) {
	const runs: Probe[] = [];
	for (let run = 0; run < RUNS + 1; run++) {
		const out = execFileSync(nodeBinary, ['-e', PROBE, JSON.stringify(FILES)], { cwd: PROJECT_ROOT });
		// The first run warms the file-system cache and is not counted.
		if (run > 0) runs.push(JSON.parse(out.toString('utf8')) as Probe);
	}
	const version = execFileSync(nodeBinary, ['--version']).toString().trim();
	return {
		node: version,
		packageMs: rounded(spread(runs.map((r) => r.packageMs)), 1),
		packageCpuMs: rounded(spread(runs.map((r) => r.packageCpuMs)), 1),
		modulesLoaded: runs[0].modules,
		withN8nWorkflowMs: rounded(spread(runs.map((r) => r.workflowMs + r.packageMs)), 1),
		n8nWorkflowAloneMs: rounded(spread(runs.map((r) => r.workflowMs)), 1),
	};
}

interface PackInfo {
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
}

runSuite('cold import', async () => {
	const missing = FILES.filter((file) => !existsSync(file));
	if (missing.length) throw new Error(`Build first (npm run build): missing ${missing.join(', ')}`);
	const byNode = [measure(process.execPath)];
	if (existsSync(NODE_24)) byNode.push(measure(NODE_24));
	for (const entry of byNode) log(`cold import on Node ${entry.node}: ${entry.packageMs.median} ms (n8n-workflow preloaded), ${entry.withN8nWorkflowMs.median} ms with it`);
	// --dry-run: the tarball's size and contents without writing it.
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8'),
	) as PackInfo[];
	const pack = packed[0];
	log(`npm pack: ${pack.filename} ${(pack.size / 1024).toFixed(1)} KiB packed, ${(pack.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${pack.entryCount} files`);
	const headline = byNode[0].packageMs.median;
	return {
		benchmark: 'coldImport',
		machine: machine(),
		files: FILES.map((file) => file.slice(PROJECT_ROOT.length + 1)),
		method: `fresh process per run (${RUNS} counted after one uncounted run that warms the file cache); require + construct each node and credential class; n8n-workflow required first, as n8n has it loaded`,
		byNode,
		npmPack: {
			tarball: pack.filename,
			packedKiB: Math.round((pack.size / 1024) * 10) / 10,
			unpackedKiB: Math.round((pack.unpackedSize / 1024) * 10) / 10,
			files: pack.entryCount,
		},
		goal: { belowMs: 50, met: headline < 50 },
	};
});
