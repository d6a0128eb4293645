/**
 * n8n in queue mode, as users who scale out run it: a main instance (editor, API, activation,
 * pollers, `trigger()`), two workers (`n8n worker`: they run the executions) and one webhook
 * process (`n8n webhook`: production webhooks, which it turns into queued executions), sharing
 * PostgreSQL, Redis and one encryption key. Each process has its own user folder with this
 * package installed in its `nodes` folder (the README's "install it on every process").
 *
 *   simulator ──https──▶ TLS proxy (N8N_WEBHOOK_URL) ──▶ webhook process ──▶ Redis ──▶ workers
 *   tests / editor ──http──▶ main (production webhooks disabled there); TLS proxy (editor URL) ──▶ main
 *   every n8n process ──▶ PostgreSQL; Sendmux nodes ──http──▶ simulator
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { N8nClient } from '../../scripts/n8n/client.mjs';
import { getFreePort, installCommunityPackage, startN8n } from '../../scripts/n8n/start.mjs';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../simulator/index';
import { ensureDebianPackages, startPostgres, startRedis, type RunningService } from './queueServices.mjs';
import { ensureCredentials, REPO_ROOT, type CredentialRef } from './stack.mjs';
import { selfSignedCertificate } from './tls.mjs';
import { startTlsProxy, type TlsProxy } from './tlsProxy.mjs';

type RunningN8n = Awaited<ReturnType<typeof startN8n>>;

export type QueueRole = 'main' | 'webhook' | 'worker-1' | 'worker-2';
export const WORKERS: QueueRole[] = ['worker-1', 'worker-2'];

export interface QueueStackOptions {
	/** Everything lives below it: user folders, Postgres and Redis data, certificates. */
	root: string;
	webhookHost: string;
	editorHost?: string;
	simulator?: SimulatorOptions;
	echo?: boolean;
	log?: (line: string) => void;
}

export interface QueueStack {
	sim: RunningSimulator;
	client: N8nClient;
	/** N8N_WEBHOOK_URL: the TLS proxy in front of the webhook process. */
	webhookBaseUrl: string;
	/** N8N_EDITOR_BASE_URL: the TLS proxy in front of main. */
	editorBaseUrl: string;
	certificate: string;
	credentials: { root: CredentialRef; mailbox: CredentialRef };
	processes: Record<QueueRole, RunningN8n>;
	/** `<user folder>/n8n.log` of each process (appended across restarts). */
	logFiles: Record<QueueRole, string>;
	versions: { postgres: string; redis: string };
	/** Stops the processes of these roles and starts them again (same folders, ports, database). */
	restart(roles: QueueRole[]): Promise<void>;
	stop(): Promise<void>;
}

/** npm-packs this repository once (exactly what npm would publish) into `dir`. */
function packOnce(dir: string): string {
	mkdirSync(dir, { recursive: true });
	execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const [tarball] = readdirSync(dir).filter((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	return path.join(dir, tarball);
}

export async function startQueueStack(options: QueueStackOptions): Promise<QueueStack> {
	const log = options.log ?? (() => undefined);
	const root = path.resolve(options.root);
	const editorHost = options.editorHost ?? `editor.${options.webhookHost}`;
	const stoppers: Array<() => Promise<void>> = [];
	const stopAll = async () => {
		for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => undefined);
	};
	try {
		ensureDebianPackages(log);
		// PostgreSQL's data folder must belong to the `postgres` user, who cannot enter `root`
		// (mkdtemp makes it 0700): a temporary folder of its own.
		const dataRoot = mkdtempSync(path.join(tmpdir(), 'sendmux-queue-services-'));
		const postgres: RunningService = await startPostgres(dataRoot);
		stoppers.push(() => postgres.stop());
		const redis: RunningService = await startRedis(dataRoot);
		stoppers.push(() => redis.stop());
		log(`[queue] ${postgres.version} on ${postgres.port}, ${redis.version} on ${redis.port}`);

		const webhookCert = selfSignedCertificate(path.join(root, 'tls'), options.webhookHost);
		const editorCert = selfSignedCertificate(path.join(root, 'tls'), editorHost);
		const sim = await startSimulator({
			port: 0,
			webhookTestNetwork: { hosts: { [options.webhookHost]: '127.0.0.1' }, ca: webhookCert.cert },
			limits: { webhooks: 50 },
			...options.simulator,
		});
		stoppers.push(() => sim.close());

		const ports: Record<QueueRole, number> = {
			main: await getFreePort(),
			webhook: await getFreePort(),
			'worker-1': await getFreePort(),
			'worker-2': await getFreePort(),
		};
		const webhookProxy: TlsProxy = await startTlsProxy({ cert: webhookCert.cert, key: webhookCert.key, targetPort: ports.webhook });
		stoppers.push(() => webhookProxy.close());
		const editorProxy: TlsProxy = await startTlsProxy({ cert: editorCert.cert, key: editorCert.key, targetPort: ports.main });
		stoppers.push(() => editorProxy.close());
		const webhookBaseUrl = `https://${options.webhookHost}:${webhookProxy.port}/`;
		const editorBaseUrl = `https://${editorHost}:${editorProxy.port}/`;

		const shared: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			// One key for every process: each decrypts the credentials main saved.
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('base64'),
			N8N_WEBHOOK_URL: webhookBaseUrl,
			N8N_EDITOR_BASE_URL: editorBaseUrl,
			// What n8n 2.41.1 picks in queue mode anyway (filesystem mode is not for several processes).
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		};
		const roleEnv: Record<QueueRole, Record<string, string>> = {
			// Production webhooks go to the webhook process only (n8n's advice once there is one).
			main: { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
			webhook: {},
			'worker-1': {},
			'worker-2': {},
		};
		const runnerPorts = Object.fromEntries(await Promise.all((Object.keys(ports) as QueueRole[]).map(async (role) => [role, await getFreePort()]))) as Record<QueueRole, number>;
		const tarball = packOnce(path.join(root, 'package'));
		const folders = Object.fromEntries((Object.keys(ports) as QueueRole[]).map((role) => [role, path.join(root, role)])) as Record<QueueRole, string>;
		// Installed on every process, each in its own `.n8n/nodes` (as in a custom image).
		for (const role of Object.keys(folders) as QueueRole[]) {
			mkdirSync(folders[role], { recursive: true });
			installCommunityPackage(tarball, folders[role]);
		}
		const start = (role: QueueRole) =>
			startN8n({
				command: role === 'main' ? 'start' : role === 'webhook' ? 'webhook' : 'worker',
				port: ports[role],
				userFolder: folders[role],
				echo: options.echo,
				timeoutMs: 240_000,
				env: { ...shared, ...roleEnv[role], N8N_RUNNERS_BROKER_PORT: String(runnerPorts[role]) },
			});

		const processes = {} as Record<QueueRole, RunningN8n>;
		const stopProcess = async (role: QueueRole) => {
			await processes[role]?.stop();
		};
		// Main first: it migrates the database the others then open.
		processes.main = await start('main');
		stoppers.push(() => stopProcess('main'));
		const others: QueueRole[] = ['webhook', ...WORKERS];
		for (const role of others) stoppers.push(() => stopProcess(role));
		await Promise.all(others.map(async (role) => (processes[role] = await start(role))));

		const client = await N8nClient.bootstrap(processes.main.url);
		const credentials = await ensureCredentials(client, sim);
		const logFiles = Object.fromEntries((Object.keys(folders) as QueueRole[]).map((role) => [role, path.join(folders[role], 'n8n.log')])) as Record<QueueRole, string>;
		return {
			sim,
			client,
			webhookBaseUrl,
			editorBaseUrl,
			certificate: webhookCert.cert,
			credentials,
			processes,
			logFiles,
			versions: { postgres: postgres.version, redis: redis.version },
			async restart(roles) {
				for (const role of roles) await processes[role].stop();
				for (const role of roles) processes[role] = await start(role);
			},
			async stop() {
				await stopAll();
				rmSync(dataRoot, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
