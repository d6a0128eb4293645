/**
 * Redis and PostgreSQL for the queue-mode stack, from Debian's packages (`redis-server`,
 * `postgresql`): installed with apt-get when missing (root only), started here on 127.0.0.1 on
 * free ports with their data in a folder the caller gives (a temporary one), stopped by
 * `stop()`. No Docker, no system services: the packages' own services are not used.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { getFreePort } from '../../scripts/n8n/start.mjs';

export interface RunningService {
	port: number;
	/** What runs, e.g. "PostgreSQL 15.18" / "Redis 7.0.15". */
	version: string;
	stop(): Promise<void>;
}

const POSTGRES_ROOT = '/usr/lib/postgresql';

/** The newest PostgreSQL server installed by Debian's packages, or undefined. */
function postgresBinDir(): string | undefined {
	if (!existsSync(POSTGRES_ROOT)) return undefined;
	const majors = readdirSync(POSTGRES_ROOT)
		.filter((name) => existsSync(path.join(POSTGRES_ROOT, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(POSTGRES_ROOT, majors[0], 'bin') : undefined;
}

function hasRedis(): boolean {
	try {
		execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** apt-get update, then install what is missing of `redis-server` and `postgresql`. */
export function ensureDebianPackages(log: (line: string) => void = () => undefined): void {
	const missing = [...(hasRedis() ? [] : ['redis-server']), ...(postgresBinDir() ? [] : ['postgresql'])];
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`the queue-mode suite needs ${missing.join(' and ')}: run \`apt-get update && apt-get install -y ${missing.join(' ')}\` as root`);
	}
	log(`[queue] installing ${missing.join(', ')} with apt-get`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
	execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'ignore', env });
}

/** Runs a program, as the `postgres` user when this process is root (PostgreSQL refuses root). */
function asPostgresUser(program: string, args: string[]): string[] {
	return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', program, ...args] : [program, ...args];
}

function run(argv: string[]): string {
	return execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A fresh PostgreSQL cluster in `<dataRoot>/postgres` with one database and a trusted user
 * (loopback only), on a free port.
 */
export async function startPostgres(dataRoot: string, database = 'n8n', user = 'n8n'): Promise<RunningService> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (Debian package `postgresql`)');
	const dataDir = path.join(dataRoot, 'postgres');
	mkdirSync(dataDir, { recursive: true });
	if (process.getuid?.() === 0) {
		const uid = Number(run(['id', '-u', 'postgres']).trim());
		const gid = Number(run(['id', '-g', 'postgres']).trim());
		chownSync(dataRoot, uid, gid);
		chownSync(dataDir, uid, gid);
	}
	const port = await getFreePort();
	run(asPostgresUser(path.join(bin, 'initdb'), ['-D', dataDir, '-U', user, '--auth=trust', '--encoding=UTF8', '--no-instructions']));
	const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`;
	run(asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', path.join(dataDir, 'server.log'), '-w', 'start']));
	run(asPostgresUser(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database]));
	const version = run(asPostgresUser(path.join(bin, 'postgres'), ['--version'])).trim().replace(/^postgres \(PostgreSQL\) /, 'PostgreSQL ');
	return {
		port,
		version,
		async stop() {
			try {
				run(asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']));
			} catch {
				/* already stopped */
			}
		},
	};
}

/** A Redis without persistence, on a free port, its working folder `<dataRoot>/redis`. */
export async function startRedis(dataRoot: string): Promise<RunningService> {
	const dir = path.join(dataRoot, 'redis');
	mkdirSync(dir, { recursive: true });
	const port = await getFreePort();
	const child: ChildProcess = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
		{ stdio: 'ignore' },
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const killOnExit = () => child.kill('SIGKILL');
	process.on('exit', killOnExit);
	const deadline = Date.now() + 20_000;
	while (!(await answersPing(port))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`redis-server did not start on port ${port}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const version = `Redis ${run(['redis-server', '--version']).match(/v=(\S+)/)?.[1] ?? '?'}`;
	return {
		port,
		version,
		async stop() {
			process.off('exit', killOnExit);
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				await exited;
			}
		},
	};
}

function answersPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}
