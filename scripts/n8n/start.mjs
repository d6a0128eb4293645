#!/usr/bin/env node
// Starts a real n8n (installed by scripts/n8n/install.mjs) with its own user folder and SQLite.
//
// As a module:
//   import { startN8n } from './scripts/n8n/start.mjs';
//   const n8n = await startN8n({ port: 5678, userFolder: '/tmp/n8n-e2e', packages: ['.'] });
//   ... n8n.url ... ; await n8n.stop();
//
// From the shell (foreground, Ctrl-C stops it):
//   node scripts/n8n/start.mjs [--port 5678] [--user-folder DIR] [--package PATH]... [--extensions DIR]
//
// `packages` (or --package) takes a project folder (npm-packed first, exactly what npm would
// publish) or an `npm pack` tarball, and unpacks it into $N8N_USER_FOLDER/.n8n/nodes/node_modules/
// <name>. n8n's community-packages module scans that folder at start-up for `n8n-nodes-*`, so the
// node types get their real names (`n8n-nodes-sendmux.sendmux`), as for a user who installed the
// package. `extensionsDir` (N8N_CUSTOM_EXTENSIONS) also loads *.node.js files, but under the
// package name `CUSTOM` (`CUSTOM.sendmux`), which is not what users get: prefer `packages`.
//
// Only Node built-ins, plus the `tar` and `npm` programs.

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, createWriteStream } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defaultInstallation, isInstalled } from './install.mjs';

/**
 * @typedef {object} StartOptions
 * @property {number} [port] HTTP port (default 5678; 0 picks a free one).
 * @property {string} [userFolder] N8N_USER_FOLDER; n8n keeps `.n8n/` (SQLite, config, nodes) inside.
 *   Default `<repo>/.local/n8n-user`.
 * @property {string[]} [packages] Community packages to install before start: project folders or
 *   `npm pack` tarballs. Replaces any earlier copy of the same package in the user folder.
 * @property {string} [extensionsDir] N8N_CUSTOM_EXTENSIONS (folders separated by `;`).
 * @property {Record<string, string>} [env] Extra environment, applied last (overrides defaults).
 * @property {number} [timeoutMs] How long to wait for readiness (default 120 000).
 * @property {boolean} [echo] Also print n8n's output to this process's stdout/stderr.
 * @property {'start' | 'worker' | 'webhook'} [command] Which n8n process (default `start`, the
 *   main instance). Queue mode runs `worker` and `webhook` processes beside a main started with
 *   `EXECUTIONS_MODE=queue`; a worker serves `/healthz/readiness` on `port` (its health server).
 * @property {string[]} [args] Extra command-line arguments (e.g. `--concurrency=5` for a worker).
 * @property {import('./install.mjs').Installation} [installation] Which installed n8n to run
 *   (default: the end-to-end suite's, scripts/n8n/install.mjs `defaultInstallation`).
 */

/**
 * @typedef {object} RunningN8n
 * @property {string} url Base URL, e.g. http://127.0.0.1:5678 (no trailing slash).
 * @property {number} port
 * @property {string} userFolder
 * @property {string} logFile `<userFolder>/n8n.log` (n8n's stdout and stderr).
 * @property {string[]} logs Output lines so far (the last 5 000).
 * @property {import('node:child_process').ChildProcess} process
 * @property {Record<string, string>} env The environment n8n runs with (for CLI commands).
 * @property {() => Promise<void>} stop SIGTERM to n8n's process group, SIGKILL after 15 s.
 */

/** @returns {Promise<number>} a TCP port free on 127.0.0.1 right now. */
export function getFreePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
	});
}

/**
 * The environment for n8n (server or CLI commands) on one user folder.
 * @param {{ port: number, userFolder: string, runnersPort?: number, extensionsDir?: string, env?: Record<string,string>,
 *   installation?: import('./install.mjs').Installation }} o
 * @returns {Record<string, string>}
 */
export function n8nEnv({ port, userFolder, runnersPort, extensionsDir, env = {}, installation = defaultInstallation }) {
	/** @type {Record<string, string>} */
	const base = {};
	for (const [k, v] of Object.entries(process.env)) {
		// Do not inherit another n8n's or npm's settings from the calling shell, nor a test
		// runner's: n8n changes behaviour under VITEST (its public API then loads handlers by
		// ESM import and answers 500), and NODE_OPTIONS may carry a loader meant for the caller.
		if (v === undefined || k.startsWith('N8N_') || k.startsWith('npm_') || k === 'WEBHOOK_URL' || k.startsWith('DB_')) continue;
		if (k.startsWith('VITEST') || k === 'NODE_OPTIONS') continue;
		base[k] = v;
	}
	const url = `http://127.0.0.1:${port}`;
	return {
		...base,
		PATH: `${path.dirname(installation.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		// Base of production (/webhook/) and test (/webhook-test/) URLs that triggers register.
		N8N_WEBHOOK_URL: `${url}/`,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		// The Code node's task runner listens on its own port (default 5679): keep instances apart.
		N8N_RUNNERS_BROKER_PORT: String(runnersPort ?? port + 1),
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		...(extensionsDir ? { N8N_CUSTOM_EXTENSIONS: extensionsDir } : {}),
		// n8n 1.x reads the webhook base URL from WEBHOOK_URL only (2.x: N8N_WEBHOOK_URL first).
		...(Number(installation.n8nVersion.split('.')[0]) < 2 ? { WEBHOOK_URL: env.N8N_WEBHOOK_URL ?? `${url}/` } : {}),
		...env,
	};
}

/**
 * Unpack a community package into <userFolder>/.n8n/nodes/node_modules/<name>, as n8n's own
 * installer does (npm pack + tar, no dependencies: `n8n-workflow` resolves from n8n itself).
 * @param {string} source project folder or .tgz
 * @param {string} userFolder
 * @returns {string} the package name
 */
export function installCommunityPackage(source, userFolder) {
	const src = path.resolve(source);
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'n8n-pkg-'));
	try {
		let tarball = src;
		if (!src.endsWith('.tgz')) {
			if (!existsSync(path.join(src, 'package.json'))) throw new Error(`${src}: no package.json`);
			execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], {
				cwd: src,
				stdio: ['ignore', 'ignore', 'inherit'],
			});
			const packed = readdirSync(tmp).filter((f) => f.endsWith('.tgz'));
			if (packed.length !== 1) throw new Error(`npm pack in ${src} produced ${packed.join(', ') || 'nothing'}`);
			tarball = path.join(tmp, packed[0]);
		}
		const unpacked = path.join(tmp, 'unpacked');
		mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const { name } = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
		const dest = path.join(userFolder, '.n8n', 'nodes', 'node_modules', name);
		rmSync(dest, { recursive: true, force: true });
		mkdirSync(path.dirname(dest), { recursive: true });
		cpSync(unpacked, dest, { recursive: true });
		return name;
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
}

/**
 * Start n8n and wait until /healthz/readiness answers 200 (database migrated, server ready).
 * @param {StartOptions} [options]
 * @returns {Promise<RunningN8n>}
 */
export async function startN8n(options = {}) {
	const installation = options.installation ?? defaultInstallation;
	if (!isInstalled(installation)) {
		throw new Error(`n8n ${installation.n8nVersion} is not installed in ${installation.dir}: run \`node scripts/n8n/install.mjs\` first`);
	}
	const port = options.port === 0 ? await getFreePort() : (options.port ?? 5678);
	const runnersPort = options.port === 0 || options.port === undefined ? await getFreePort() : port + 1;
	const userFolder = path.resolve(options.userFolder ?? path.join(installation.dir, 'n8n-user'));
	mkdirSync(userFolder, { recursive: true });
	for (const pkg of options.packages ?? []) installCommunityPackage(pkg, userFolder);

	const command = options.command ?? 'start';
	// A worker has no main server; its health server (readiness included) listens on `port`.
	const workerServer =
		command === 'worker'
			? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
			: {};
	const env = n8nEnv({ port, userFolder, runnersPort, extensionsDir: options.extensionsDir, installation, env: { ...workerServer, ...options.env } });
	const url = `http://127.0.0.1:${port}`;
	const logFile = path.join(userFolder, 'n8n.log');
	const logStream = createWriteStream(logFile, { flags: 'a' });
	/** @type {string[]} */
	const logs = [];
	const child = spawn(installation.nodeBin, [installation.n8nBin, command, ...(options.args ?? [])], {
		cwd: userFolder,
		env,
		// Own process group: stop() also ends n8n's task-runner children.
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	/** @param {Buffer} chunk @param {NodeJS.WriteStream} echoTo */
	const onOutput = (chunk, echoTo) => {
		logStream.write(chunk);
		if (options.echo) echoTo.write(chunk);
		for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(line);
		if (logs.length > 5000) logs.splice(0, logs.length - 5000);
	};
	child.stdout.on('data', (c) => onOutput(c, process.stdout));
	child.stderr.on('data', (c) => onOutput(c, process.stderr));

	let exited = false;
	/** @type {Promise<void>} */
	const exitPromise = new Promise((resolve) =>
		child.on('exit', () => {
			exited = true;
			resolve();
		}),
	);
	const killGroup = (/** @type {NodeJS.Signals} */ sig) => {
		try {
			if (child.pid) process.kill(-child.pid, sig);
		} catch {
			/* already gone */
		}
	};
	// Never leave n8n behind when this process exits. A signal that nobody else handles would
	// end this process without an 'exit' event: kill n8n, then let the signal do its default.
	const onParentExit = () => killGroup('SIGKILL');
	process.on('exit', onParentExit);
	/** @type {Array<[NodeJS.Signals, () => void]>} */
	const signalHooks = [];
	for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		if (process.listenerCount(sig) > 0) continue;
		const hook = () => {
			killGroup('SIGKILL');
			process.kill(process.pid, sig);
		};
		process.once(sig, hook);
		signalHooks.push([sig, hook]);
	}

	const stop = async () => {
		if (!exited) {
			killGroup('SIGTERM');
			const timer = setTimeout(() => killGroup('SIGKILL'), 15_000);
			await exitPromise;
			clearTimeout(timer);
			killGroup('SIGKILL'); // leftover runner children, if any
		}
		process.off('exit', onParentExit);
		for (const [sig, hook] of signalHooks) process.off(sig, hook);
		await new Promise((r) => logStream.end(r));
	};

	const timeoutMs = options.timeoutMs ?? 120_000;
	const deadline = Date.now() + timeoutMs;
	// n8n 1.x answers readiness once its database is migrated, before it has registered its REST
	// controllers (POST /rest/owner/setup answered 404 on 1.123.81) and loaded the active
	// workflows: there the main instance is ready when it says "Editor is now accessible via".
	const waitForEditorLine = command === 'start' && Number(installation.n8nVersion.split('.')[0]) < 2;
	const editorLineSeen = () => logs.some((line) => line.includes('Editor is now accessible via'));
	for (;;) {
		if (exited) {
			await stop();
			throw new Error(`n8n exited before it was ready (exit code ${child.exitCode}). Last output:\n${logs.slice(-40).join('\n')}`);
		}
		try {
			const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			if (res.ok && (!waitForEditorLine || editorLineSeen())) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n not ready on ${url} after ${timeoutMs} ms. Last output:\n${logs.slice(-40).join('\n')}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return { url, port, userFolder, logFile, logs, process: child, env, stop };
}

/**
 * Run an n8n CLI command (import:workflow, import:credentials, publish:workflow, execute, …)
 * against a user folder. SQLite is shared with a running server, but a running server does not
 * see activation changes made this way until it restarts: use the REST client for those.
 * @param {string[]} args e.g. ['import:workflow', '--input=wf.json']
 * @param {{ userFolder: string, port?: number, env?: Record<string,string>, installation?: import('./install.mjs').Installation }} o
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function runN8nCli(args, { userFolder, port = 5678, env, installation = defaultInstallation }) {
	return new Promise((resolve, reject) => {
		const child = spawn(installation.nodeBin, [installation.n8nBin, ...args], {
			cwd: userFolder,
			env: n8nEnv({ port, userFolder: path.resolve(userFolder), env, installation }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	/** @type {StartOptions} */
	const opts = { echo: true, packages: [] };
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		const val = () => {
			const v = args[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a === '--port') opts.port = Number(val());
		else if (a === '--user-folder') opts.userFolder = val();
		else if (a === '--package') opts.packages?.push(val());
		else if (a === '--extensions') opts.extensionsDir = val();
		else {
			console.error(`unknown argument ${a}\nusage: node scripts/n8n/start.mjs [--port N] [--user-folder DIR] [--package PATH]... [--extensions DIR]`);
			process.exit(2);
		}
	}
	startN8n(opts).then(
		(n8n) => {
			console.log(`\n[n8n] ready at ${n8n.url}  (user folder ${n8n.userFolder}); Ctrl-C to stop`);
			const bye = () => n8n.stop().then(() => process.exit(0));
			process.on('SIGINT', bye);
			process.on('SIGTERM', bye);
			n8n.process.on('exit', (code) => process.exit(code ?? 1));
		},
		(err) => {
			console.error(`[n8n] ${err.message}`);
			process.exit(1);
		},
	);
}
