/**
 * The local stack that `npm start` and the end-to-end tests run: the Sendmux simulator, a real
 * n8n with this package (built and `npm pack`ed) loaded as a community package, and a TLS proxy
 * in front of n8n so that n8n's webhook URLs are https:// under a made-up host name, which the
 * Sendmux Trigger and the simulator accept. The simulator resolves that name to 127.0.0.1 and
 * trusts the proxy's self-signed certificate (its test-only `webhookTestNetwork` option).
 *
 *   browser / tests ──http──▶ n8n 127.0.0.1:<n8nPort>  ◀──http── TLS proxy ◀──https── simulator
 *   n8n (Sendmux nodes) ──http──▶ simulator 127.0.0.1:<simulatorPort>/{sending,app}/api/v1
 */
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/host.mjs';
import { N8nClient } from '../../scripts/n8n/client.mjs';
import type { Installation } from '../../scripts/n8n/install.mjs';
import { getFreePort, startN8n } from '../../scripts/n8n/start.mjs';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../simulator/index';
import { selfSignedCertificate } from './tls.mjs';
import { startTlsProxy, type TlsProxy } from './tlsProxy.mjs';

export const REPO_ROOT = PACKAGE_ROOT;

/** Names of the two credentials the stack creates (and finds again on a later start). */
export const CREDENTIAL_NAMES = {
	root: 'Sendmux Root API (simulator)',
	mailbox: 'Sendmux Sending and Mailbox API (simulator)',
} as const;

export interface StackOptions {
	/** n8n's user folder (SQLite, config, installed package); the TLS certificate goes in `<folder>/tls`. */
	userFolder: string;
	/** 0 or undefined: a free port. */
	n8nPort?: number;
	simulatorPort?: number;
	httpsPort?: number;
	/** Host name of n8n's https webhook URL; resolved to 127.0.0.1 by the simulator only. */
	webhookHost?: string;
	/** More simulator options (merged over the stack's). */
	simulator?: SimulatorOptions;
	/** Print n8n's output. */
	echo?: boolean;
	/** Project folder or tarball to load into n8n (default: this repository, packed). */
	packageSource?: string;
	/** Which installed n8n to run (default: the end-to-end suite's 2.41.1; `npm run test:compat` passes 1.x ones). */
	installation?: Installation;
}

type RunningN8n = Awaited<ReturnType<typeof startN8n>>;

export interface CredentialRef {
	id: string;
	name: string;
}

export interface Stack {
	sim: RunningSimulator;
	n8n: RunningN8n;
	proxy: TlsProxy;
	client: N8nClient;
	/** n8n's WEBHOOK_URL, e.g. https://n8n.e2e.test:43211/ */
	webhookBaseUrl: string;
	/** PEM of the proxy's self-signed certificate (to call the https URLs from a test). */
	certificate: string;
	credentials: { root: CredentialRef; mailbox: CredentialRef };
	/** Stops n8n and starts it again on the same port and user folder (package not reinstalled). */
	restartN8n(): Promise<void>;
	stop(): Promise<void>;
}

export const DEFAULT_WEBHOOK_HOST = 'n8n.sendmux.test';

export async function startStack(options: StackOptions): Promise<Stack> {
	const userFolder = path.resolve(options.userFolder);
	const webhookHost = options.webhookHost ?? DEFAULT_WEBHOOK_HOST;
	const certificate = selfSignedCertificate(path.join(userFolder, 'tls'), webhookHost);
	const sim = await startSimulator({
		port: options.simulatorPort ?? 0,
		webhookTestNetwork: { hosts: { [webhookHost]: '127.0.0.1' }, ca: certificate.cert },
		// A free team has 1 webhook; the editor's test URL and each active trigger need their own.
		limits: { webhooks: 50 },
		...options.simulator,
	});
	const stoppers: Array<() => Promise<void>> = [() => sim.close()];
	const stopAll = async () => {
		for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => undefined);
	};
	try {
		const n8nPort = options.n8nPort || (await getFreePort());
		const runnersPort = await getFreePort();
		const proxy = await startTlsProxy({ cert: certificate.cert, key: certificate.key, targetPort: n8nPort, port: options.httpsPort ?? 0 });
		stoppers.push(() => proxy.close());
		const webhookBaseUrl = `https://${webhookHost}:${proxy.port}/`;
		const n8nOptions = {
			port: n8nPort,
			userFolder,
			echo: options.echo,
			installation: options.installation,
			// n8n 2.x reads N8N_WEBHOOK_URL (WEBHOOK_URL is its old name): the base of the
			// production and test webhook URLs that triggers register.
			env: {
				N8N_WEBHOOK_URL: webhookBaseUrl,
				N8N_RUNNERS_BROKER_PORT: String(runnersPort),
				// Runs from the editor's "Execute workflow" button are kept, so they can be inspected.
				EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			},
		};
		let n8n = await startN8n({ ...n8nOptions, packages: [options.packageSource ?? REPO_ROOT] });
		stoppers.push(() => n8n.stop());
		const client = await N8nClient.bootstrap(n8n.url);
		const credentials = await ensureCredentials(client, sim);
		return {
			sim,
			get n8n() {
				return n8n;
			},
			proxy,
			client,
			webhookBaseUrl,
			certificate: certificate.cert,
			credentials,
			async restartN8n() {
				await n8n.stop();
				n8n = await startN8n({ ...n8nOptions, packages: [] });
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

interface ListedCredential {
	id: string;
	name: string;
	type: string;
}

/**
 * Both Sendmux credentials, pointing at this simulator: created on the first start, updated
 * (same IDs, so saved workflows keep working) on later ones.
 */
export async function ensureCredentials(client: N8nClient, sim: RunningSimulator): Promise<Stack['credentials']> {
	const wanted = {
		root: { name: CREDENTIAL_NAMES.root, type: 'sendmuxRootApi', data: { apiKey: sim.keys.root, appBaseUrl: sim.appBaseUrl } },
		mailbox: {
			name: CREDENTIAL_NAMES.mailbox,
			type: 'sendmuxMailboxApi',
			data: { apiKey: sim.keys.mailbox, sendingBaseUrl: sim.sendingBaseUrl, appBaseUrl: sim.appBaseUrl },
		},
	};
	const listed: ListedCredential[] = await client.listCredentials();
	const ensure = async (credential: (typeof wanted)[keyof typeof wanted]): Promise<CredentialRef> => {
		const existing = listed.find((c) => c.name === credential.name && c.type === credential.type);
		if (existing) {
			await client.updateCredential(existing.id, { name: credential.name, type: credential.type, data: credential.data });
			return { id: existing.id, name: existing.name };
		}
		const created = await client.createCredential(credential);
		return { id: created.id, name: created.name };
	};
	return { root: await ensure(wanted.root), mailbox: await ensure(wanted.mailbox) };
}
