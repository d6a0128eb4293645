#!/usr/bin/env node
// `npm run test:compat`: the compatibility smoke (test/e2e/compat/) against each n8n version the
// README names, one after another, each on a fresh stack (test/e2e/globalSetup.mts with
// N8N_COMPAT_VERSION). Versions not installed yet are installed first (5–15 minutes each) into
// $N8N_COMPAT_DIR/<version> (default .local/compat/<version>); 2.41.1 is the end-to-end suite's
// own install ($N8N_LOCAL_DIR or .local/). Prints a table (tests passed, duration) and writes it
// as JSON to <compat dir>/results.json. Run by hand (before a release, and when n8n ships a new
// 1.x or 2.x minor), not in CI.
//
//   npm run test:compat                      # every version in COMPAT_VERSIONS
//   npm run test:compat -- 1.123.81          # only these
//
// Expects dist/ built (the npm script builds first).

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { compatDir, install, installationOf, repoRoot } from './n8n/install.mjs';

/**
 * The n8n versions the README's compatibility claim rests on: the newest 1.x and the oldest 1.x
 * this registry serves from the claimed 1.85 line (1.85.0–1.85.2 are not in it), and the
 * end-to-end suite's 2.x.
 */
export const COMPAT_VERSIONS = ['1.85.3', '1.123.81', '2.41.1'];

/**
 * @typedef {{ n8n: string, node: string, passed: number, failed: number, skipped: number, total: number,
 *   durationSeconds: number, ok: boolean, failures: string[] }} CompatResult
 */

/**
 * One version: install if missing, then the smoke suite; the vitest JSON report gives the counts.
 * @param {string} version
 * @returns {Promise<CompatResult>}
 */
async function runVersion(version) {
	const installation = installationOf(version);
	await install({ installation });
	const report = path.join(os.tmpdir(), `sendmux-compat-${version}-${process.pid}.json`);
	const started = Date.now();
	const code = await new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'vitest.compat.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
			{ cwd: repoRoot, stdio: 'inherit', env: { ...process.env, N8N_COMPAT_VERSION: version } },
		);
		child.on('error', reject);
		child.on('close', resolve);
	});
	const durationSeconds = Math.round((Date.now() - started) / 1000);
	/** @type {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numTotalTests: number,
	 *   testResults: Array<{ assertionResults: Array<{ fullName: string, status: string }> }> }} */
	let json;
	try {
		json = JSON.parse(readFileSync(report, 'utf8'));
	} catch {
		return { n8n: version, node: installation.nodeVersion, passed: 0, failed: 0, skipped: 0, total: 0, durationSeconds, ok: false, failures: [`vitest exited with ${code} and wrote no report`] };
	} finally {
		rmSync(report, { force: true });
	}
	const failures = json.testResults.flatMap((file) => file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName));
	return {
		n8n: version,
		node: installation.nodeVersion,
		passed: json.numPassedTests,
		failed: json.numFailedTests,
		skipped: json.numPendingTests,
		total: json.numTotalTests,
		durationSeconds,
		ok: code === 0 && json.numFailedTests === 0 && json.numTotalTests > 0,
		failures,
	};
}

/** @param {CompatResult[]} results */
export function resultsTable(results) {
	const rows = results.map(
		(r) => `| ${r.n8n} | ${r.node} | ${r.passed} of ${r.total}${r.failed ? ` (${r.failed} failed)` : ''} | ${r.durationSeconds} s | ${r.ok ? 'pass' : 'FAIL'} |`,
	);
	return ['| n8n | Node.js | tests passed | duration | result |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

async function main() {
	const asked = process.argv.slice(2);
	const versions = asked.length ? asked : COMPAT_VERSIONS;
	/** @type {CompatResult[]} */
	const results = [];
	for (const version of versions) {
		console.log(`\n[compat] n8n ${version}`);
		try {
			results.push(await runVersion(version));
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			console.error(`[compat] n8n ${version}: ${message}`);
			results.push({ n8n: version, node: installationOf(version).nodeVersion, passed: 0, failed: 0, skipped: 0, total: 0, durationSeconds: 0, ok: false, failures: [message.split('\n')[0]] });
		}
	}
	mkdirSync(compatDir, { recursive: true });
	const out = path.join(compatDir, 'results.json');
	writeFileSync(out, JSON.stringify({ ranAt: new Date().toISOString(), results }, null, 2) + '\n');
	console.log(`\n${resultsTable(results)}\n`);
	for (const r of results) for (const failure of r.failures) console.log(`[compat] n8n ${r.n8n} failed: ${failure}`);
	console.log(`[compat] written to ${out}`);
	process.exit(results.every((r) => r.ok) ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error) => {
		console.error(`[compat] ${error instanceof Error ? error.stack : String(error)}`);
		process.exit(1);
	});
}
