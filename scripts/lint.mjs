#!/usr/bin/env node
// `npm run lint`: the checks n8n runs on a community package, offline, with zero findings allowed.
//
// 1. n8n's scanner (@n8n/scan-community-package, pinned): its own `analyzePackage` with its own
//    `buildScanConfig()` (inline eslint-disable comments ignored), over
//      a. the source, with its SOURCE_FILE_PATTERNS (package.json, nodes/ and credentials/), and
//      b. what `npm pack` would publish, unpacked into a temporary folder (**/*.js + package.json),
//    exactly the two legs `analyzePackageByName` lints. Its provenance step (npm attestations and
//    the attested GitHub source) needs the registry and a published version, so it is skipped.
//    The scanner fails on errors only; we also fail on warnings, so each leg is linted a second
//    time with the same ESLint options to count them.
// 2. `n8n-node lint`: eslint.config.mjs must be n8n's template unchanged (strict mode), then
//    `eslint .` with it. Here an eslint-disable comment that silences anything is a finding too,
//    since the scanner would not honour it.
// 3. Tomorrow's rules today: the newer rules of n8n's @n8n/eslint-plugin-community-nodes that the
//    pinned scanner does not run yet, as our own checks (scripts/community-rules.mjs) over the
//    package just built, its codex files, icons, package.json and TypeScript source.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkPackage, RULES } from './community-rules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const scannerUrl = import.meta.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
// Resolved from the scanner's folder: the very ESLint, glob and tmp the scanner uses.
const fromScanner = createRequire(scannerUrl);
const { ESLint } = fromScanner('eslint');
const glob = fromScanner('fast-glob');
// Importing the scanner makes an (empty) temporary folder; let tmp remove it when we exit.
fromScanner('tmp').setGracefulCleanup();
const { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } = await import(scannerUrl);

const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
const scannerVersion = JSON.parse(
	readFileSync(fromScanner.resolve('@n8n/scan-community-package/package.json'), 'utf8'),
).version;

let failed = false;
const summary = [];

function record(label, { errors, warnings, suppressed = 0, files, unit = 'files' }) {
	const clean = errors === 0 && warnings === 0 && suppressed === 0;
	failed ||= !clean;
	const parts = [`${errors} errors`, `${warnings} warnings`];
	if (suppressed) parts.push(`${suppressed} silenced by eslint-disable`);
	summary.push(`${clean ? '✔' : '✖'} ${label} (${files} ${unit}): ${parts.join(', ')}`);
}

function count(results, key) {
	return results.reduce((sum, result) => sum + result[key], 0);
}

/** One scanner leg: the scanner's verdict, then the same lint again for the warning count. */
async function scannerLeg(label, dir, patterns) {
	const verdict = await analyzePackage(dir, patterns);
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const errors = count(results, 'errorCount');
	const warnings = count(results, 'warningCount');
	if (errors || warnings) {
		console.log((await eslint.loadFormatter('stylish')).format(results));
	}
	if (!verdict.passed) {
		console.log(`${label}: the scanner says "${verdict.message}"`);
		if (!verdict.details) console.log(verdict.error ?? '');
	}
	// A failed verdict with no ESLint errors (an analysis crash) must still fail the run.
	record(label, { errors: verdict.passed ? errors : Math.max(errors, 1), warnings, files: files.length });
}

/** What `npm pack` would publish, built fresh and unpacked as the scanner unpacks a download. */
function packIntoTemporaryFolder() {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const work = mkdtempSync(join(tmpdir(), 'sendmux-lint-'));
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	);
	const packageDir = join(work, 'package');
	mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', packageDir, '--strip-components=1']);
	return { work, packageDir };
}

/** `n8n-node lint` in strict mode: the template config, unchanged, then `eslint .` */
async function n8nNodeLint() {
	// n8n-node lint compares against this file (dist/template/… in @n8n/node-cli).
	const nodeCliConfigs = dirname(createRequire(join(root, 'package.json')).resolve('@n8n/node-cli/eslint'));
	const template = join(nodeCliConfigs, '../template/templates/shared/default/eslint.config.mjs');
	const normalise = (text) => text.replace(/\s+/g, ' ').trim();
	if (normalise(readFileSync(join(root, 'eslint.config.mjs'), 'utf8')) !== normalise(readFileSync(template, 'utf8'))) {
		console.log(`eslint.config.mjs differs from n8n's template (${template}); n8n-node lint refuses it.`);
		failed = true;
		summary.push('✖ eslint.config.mjs is not the n8n template');
	} else {
		summary.push('✔ eslint.config.mjs is n8n’s template, unchanged');
	}
	const eslint = new ESLint({ cwd: root });
	const results = await eslint.lintFiles(['.']);
	const suppressed = results.flatMap((result) =>
		result.suppressedMessages.map((message) => `${result.filePath}:${message.line} ${message.ruleId}`),
	);
	for (const line of suppressed) console.log(`eslint-disable silences ${line}`);
	if (count(results, 'errorCount') || count(results, 'warningCount')) {
		console.log((await eslint.loadFormatter('stylish')).format(results));
	}
	record('eslint . (eslint.config.mjs)', {
		errors: count(results, 'errorCount'),
		warnings: count(results, 'warningCount'),
		suppressed: suppressed.length,
		files: results.length,
	});
}

const { work, packageDir } = packIntoTemporaryFolder();
try {
	await scannerLeg(`scanner ${scannerVersion} lint, source`, root, SOURCE_FILE_PATTERNS);
	await scannerLeg(`scanner ${scannerVersion} lint, npm pack output`, packageDir, TARBALL_FILE_PATTERNS);
} finally {
	rmSync(work, { recursive: true, force: true });
}
await n8nNodeLint();

/** The newer upstream rules (scripts/community-rules.mjs); dist/ was built by packIntoTemporaryFolder. */
function newerUpstreamRules() {
	const findings = checkPackage(root);
	for (const { rule, where, message } of findings) console.log(`${where}: ${message}  (${rule})`);
	record('newer @n8n/eslint-plugin-community-nodes rules (scripts/community-rules.mjs)', {
		errors: findings.length,
		warnings: 0,
		files: RULES.length,
		unit: 'rules',
	});
}
newerUpstreamRules();

summary.push('- scanner provenance check skipped: it needs the npm registry and a published version');
console.log(summary.join('\n'));
process.exitCode = failed ? 1 : 0;
