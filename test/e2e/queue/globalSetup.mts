/**
 * Starts the queue-mode stack once for the queue suite (`npm run test:e2e:queue`): Redis and
 * PostgreSQL from Debian's packages (installed when missing), n8n main + 2 workers + 1 webhook
 * process, the simulator and the TLS proxies (test/stack/queueStack.mts). It provides the same
 * `e2e` context as the single-process suite, so test/e2e/helpers.mts works unchanged (its
 * client talks to main), plus `queue`: log files and a control endpoint to restart processes.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

import { install } from '../../../scripts/n8n/install.mjs';
import { startFakeLlm } from '../../stack/fakeLlm.mjs';
import { startQueueStack, type QueueRole } from '../../stack/queueStack.mjs';
import { REPO_ROOT } from '../../stack/stack.mjs';

export const QUEUE_WEBHOOK_HOST = 'hooks.queue.e2e.test';

declare module 'vitest' {
	export interface ProvidedContext {
		queue: {
			logFiles: Record<QueueRole, string>;
			versions: { postgres: string; redis: string };
			/** POST <controlUrl>/restart?roles=webhook,worker-1 restarts those processes. */
			controlUrl: string;
			editorBaseUrl: string;
			/** The webhook process's own http address (what the TLS proxy forwards to). */
			webhookProcessUrl: string;
		};
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	if (!existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'Sendmux', 'Sendmux.node.js'))) {
		throw new Error('dist/ is missing: run `npm run test:e2e:queue` (it builds first) or `npm run build`');
	}
	const started = Date.now();
	await install();
	const root = mkdtempSync(path.join(tmpdir(), 'sendmux-queue-'));
	const stack = await startQueueStack({
		root,
		webhookHost: QUEUE_WEBHOOK_HOST,
		simulator: { webhookDelivery: { retryDelaysMs: [500, 2_000], timeoutMs: 10_000 }, recordLimit: 50_000 },
		log: (line) => process.stdout.write(`${line}\n`),
	});
	process.stdout.write(
		`[queue] stack up in ${((Date.now() - started) / 1000).toFixed(1)} s: main ${stack.processes.main.url}, webhooks ${stack.webhookBaseUrl}, ${stack.versions.postgres}, ${stack.versions.redis}\n`,
	);
	const fakeLlm = await startFakeLlm();
	const openAi = await stack.client.createCredential({
		name: 'OpenAI (offline stand-in)',
		type: 'openAiApi',
		data: { apiKey: 'sk-fake-e2e', url: fakeLlm.baseUrl, header: false },
	});

	const restart = (roles: QueueRole[]) => stack.restart(roles);
	const control = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://control');
		const roles =
			url.pathname === '/restart-n8n' ? (['main'] as QueueRole[]) : url.pathname === '/restart' ? ((url.searchParams.get('roles') ?? '').split(',').filter(Boolean) as QueueRole[]) : undefined;
		if (request.method !== 'POST' || !roles || roles.some((role) => !(role in stack.processes))) {
			response.writeHead(404).end();
			return;
		}
		restart(roles).then(
			() => response.writeHead(204).end(),
			(error: unknown) => response.writeHead(500).end(error instanceof Error ? error.message : String(error)),
		);
	});
	await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
	const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

	if (!stack.client.apiKey || !stack.client.cookie) throw new Error('the n8n client has no API key or session');
	project.provide('e2e', {
		n8nUrl: stack.processes.main.url,
		n8nVersion: await stack.client.n8nVersion(),
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
		fakeLlmUrl: fakeLlm.baseUrl.replace(/\/v1$/, ''),
		controlUrl,
	});
	project.provide('queue', { logFiles: stack.logFiles, versions: stack.versions, controlUrl, editorBaseUrl: stack.editorBaseUrl, webhookProcessUrl: stack.processes.webhook.url });

	return async () => {
		await new Promise<void>((resolve) => control.close(() => resolve()));
		await fakeLlm.close();
		await stack.stop();
		process.stdout.write(`[queue] suite wall time incl. stack: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
		if (process.env.E2E_KEEP === '1') process.stdout.write(`[queue] kept ${root}\n`);
		else rmSync(root, { recursive: true, force: true });
	};
}
