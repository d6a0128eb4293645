/**
 * Starts the end-to-end stack once for the whole run: installs n8n if missing (a cold install
 * takes about 15 minutes), packs this package (`npm run test:e2e` builds it first), starts the
 * simulator, the TLS proxy and n8n, and hands the tests what they need through `inject()`.
 * Tests restart n8n through a small loopback control endpoint (they run in another process).
 * N8N_COMPAT_VERSION=<version> runs another n8n (`npm run test:compat`, scripts/compat.mjs):
 * installed when missing into $N8N_COMPAT_DIR/<version> (default .local/compat/<version>).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

import { defaultInstallation, install, installationOf } from '../../scripts/n8n/install.mjs';
import { startFakeLlm } from '../stack/fakeLlm.mjs';
import { REPO_ROOT, startStack } from '../stack/stack.mjs';

export const E2E_WEBHOOK_HOST = 'n8n.e2e.test';

declare module 'vitest' {
	export interface ProvidedContext {
		e2e: {
			n8nUrl: string;
			/** The running n8n's version (GET /rest/settings). */
			n8nVersion: string;
			apiKey: string;
			cookie: string;
			webhookBaseUrl: string;
			certificate: string;
			simulatorUrl: string;
			sendingBaseUrl: string;
			appBaseUrl: string;
			keys: { root: string; mailbox: string; sendOnly: string };
			seeded: { teamId: string; domainId: string; domain: string; mailboxId: string; mailboxEmail: string };
			credentials: { root: { id: string; name: string }; mailbox: { id: string; name: string }; openAi: { id: string; name: string } };
			/** The offline chat-model stand-in (OpenAI-compatible): base URL and GET <url>/__requests. */
			fakeLlmUrl: string;
			/** POST here to restart n8n (same port, user folder and database). */
			controlUrl: string;
		};
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	if (!existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'Sendmux', 'Sendmux.node.js'))) {
		throw new Error('dist/ is missing: run `npm run test:e2e` (it builds first) or `npm run build`');
	}
	const started = Date.now();
	const compatVersion = process.env.N8N_COMPAT_VERSION;
	const installation = compatVersion ? installationOf(compatVersion) : defaultInstallation;
	await install({ installation });
	const userFolder = mkdtempSync(path.join(tmpdir(), 'sendmux-e2e-'));
	const stack = await startStack({
		userFolder,
		webhookHost: E2E_WEBHOOK_HOST,
		installation,
		// Short retries keep `settle` quick if a delivery ever fails.
		simulator: { webhookDelivery: { retryDelaysMs: [500, 2_000], timeoutMs: 10_000 } },
	});
	const n8nVersion = await stack.client.n8nVersion();
	process.stdout.write(`[e2e] n8n ${n8nVersion}; stack up in ${((Date.now() - started) / 1000).toFixed(1)} s: n8n ${stack.n8n.url}, simulator ${stack.sim.url}, webhooks ${stack.webhookBaseUrl}\n`);

	// The chat-model stand-in serves the AI examples of the full suite; the compat smoke runs none
	// (and n8n 1.x's OpenAI credential has other fields), so it is left out there.
	const fakeLlm = compatVersion ? undefined : await startFakeLlm();
	const openAi = fakeLlm
		? await stack.client.createCredential({
				name: 'OpenAI (offline stand-in)',
				type: 'openAiApi',
				data: { apiKey: 'sk-fake-e2e', url: fakeLlm.baseUrl, header: false },
			})
		: { id: '', name: 'not created in the compat smoke' };

	const control = createServer((request, response) => {
		if (request.method === 'POST' && request.url === '/restart-n8n') {
			stack.restartN8n().then(
				() => response.writeHead(204).end(),
				(error: unknown) => response.writeHead(500).end(error instanceof Error ? error.message : String(error)),
			);
			return;
		}
		response.writeHead(404).end();
	});
	await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

	if (!stack.client.apiKey || !stack.client.cookie) throw new Error('the n8n client has no API key or session');
	project.provide('e2e', {
		n8nUrl: stack.n8n.url,
		n8nVersion,
		apiKey: stack.client.apiKey,
		cookie: stack.client.cookie,
		webhookBaseUrl: stack.webhookBaseUrl,
		certificate: stack.certificate,
		simulatorUrl: stack.sim.url,
		sendingBaseUrl: stack.sim.sendingBaseUrl,
		appBaseUrl: stack.sim.appBaseUrl,
		keys: stack.sim.keys,
		seeded: stack.sim.control.seeded,
		credentials: { ...stack.credentials, openAi: { id: openAi.id, name: openAi.name } },
		fakeLlmUrl: fakeLlm ? fakeLlm.baseUrl.replace(/\/v1$/, '') : '',
		controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
	});

	return async () => {
		await new Promise<void>((resolve) => control.close(() => resolve()));
		await fakeLlm?.close();
		const logFile = stack.n8n.logFile;
		await stack.stop();
		if (process.env.E2E_KEEP === '1') process.stdout.write(`[e2e] kept ${userFolder} (n8n log ${logFile})\n`);
		else rmSync(userFolder, { recursive: true, force: true });
	};
}
