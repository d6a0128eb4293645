/** What the queue suite adds to test/e2e/helpers.mts: process logs and restarts. */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { inject } from 'vitest';

import type { QueueRole } from '../../stack/queueStack.mjs';
import { e2e } from '../helpers.mjs';

export const queue = () => inject('queue');
export const WORKER_ROLES: QueueRole[] = ['worker-1', 'worker-2'];

/** The lines a process has written so far (its log file survives its restarts). */
export function logOf(role: QueueRole): string[] {
	return readFileSync(queue().logFiles[role], 'utf8').split('\n');
}

/** The workers whose log says they ran this execution (n8n's job processor logs it). */
export function workersThatRan(executionId: string): QueueRole[] {
	return WORKER_ROLES.filter((role) => logOf(role).some((line) => line.includes(`Worker started execution ${executionId} `)));
}

/** Each job a worker started for this execution (a resumed execution runs as a new job), worker by worker. */
export function workerJobs(executionId: string): Array<{ worker: QueueRole; job: string }> {
	const pattern = new RegExp(`Worker started execution ${executionId} \\(job ([^)]+)\\)`);
	return WORKER_ROLES.flatMap((worker) =>
		logOf(worker).flatMap((line) => {
			const job = pattern.exec(line)?.[1];
			return job === undefined ? [] : [{ worker, job }];
		}),
	);
}

/** Every process that logged a line containing `text`. */
export function processesThatLogged(text: string): QueueRole[] {
	return (Object.keys(queue().logFiles) as QueueRole[]).filter((role) => logOf(role).some((line) => line.includes(text)));
}

export async function restartProcesses(roles: QueueRole[]): Promise<void> {
	const response = await fetch(`${queue().controlUrl}/restart?roles=${roles.join(',')}`, { method: 'POST' });
	if (response.status !== 204) throw new Error(`restarting ${roles.join(', ')} failed: ${response.status} ${await response.text()}`);
}

/** POSTs JSON to a production webhook path on the webhook process (main serves none here). */
export async function callWebhookProcess(path: string, body: unknown): Promise<{ status: number; body: string }> {
	const url = `${queue().webhookProcessUrl}/webhook/${path}`;
	const deadline = Date.now() + 10_000;
	for (;;) {
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(120_000) });
		const text = await response.text();
		// Just activated: the webhook process may not know the path for a moment.
		if (response.status === 404 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			continue;
		}
		return { status: response.status, body: text };
	}
}

/**
 * A request to a public https URL (a TLS proxy of the stack), trusting its certificate: the
 * URL's host is not in DNS, so it connects to 127.0.0.1 and names the host in SNI and Host.
 */
export async function requestPublic(
	url: string,
	{ method = 'GET', body, headers = {} }: { method?: string; body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
	const target = new URL(url);
	return await new Promise((resolve, reject) => {
		const outgoing = request(
			{
				host: '127.0.0.1',
				servername: target.hostname,
				port: target.port,
				path: `${target.pathname}${target.search}`,
				method,
				ca: e2e().certificate,
				headers: { host: target.host, ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }), ...headers },
			},
			(incoming) => {
				let text = '';
				incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
				incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: text }));
			},
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

/** POST JSON to the public https URL (the TLS proxy in front of the webhook process). */
export async function postPublic(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
	return await requestPublic(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

/** A measurement for the run's output (the suite's log). */
export function report(line: string): void {
	process.stdout.write(`[queue] ${line}\n`);
}
