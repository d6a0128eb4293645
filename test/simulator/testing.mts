/**
 * Helpers for the simulator's own tests (and for end-to-end tests that drive it directly):
 * a client that checks every answer against the specs, and a webhook receiver.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

import { openApiContract, type Surface } from '../contract/openapi';
import { SURFACE_PREFIX } from './pipeline.mjs';
import type { SimulatorOptions } from './options';
import { startSimulator, type RunningSimulator } from './simulator.mjs';
import { selfSignedCertificate } from '../stack/tls.mjs';

export interface CallOptions {
	method?: string;
	/** Path below the surface base, e.g. `/webhooks`. */
	path: string;
	/** The bearer key; null sends no Authorization header. */
	key?: string | null;
	query?: Record<string, string | number | boolean>;
	body?: unknown;
	/** Bytes sent as they are (with `contentType`). */
	rawBody?: Buffer | string;
	contentType?: string;
	headers?: Record<string, string>;
	/** Skip the response contract check (for deliberately broken exchanges). */
	unchecked?: boolean;
}

export interface CallResult<T = Envelope> {
	status: number;
	headers: Record<string, string>;
	body: T;
	text: string;
}

export interface Envelope {
	ok: boolean;
	data?: unknown;
	pagination?: { has_more: boolean; next_cursor?: string };
	error?: { code: string; message: string; param?: string; retryable: boolean; errors?: Array<{ field: string; code: string; message: string }> };
	meta: { request_id: string };
}

/** Calls one surface of a running simulator; every answer must match the spec of the operation. */
export async function call<T = Envelope>(sim: RunningSimulator, surface: Surface, options: CallOptions): Promise<CallResult<T>> {
	const method = (options.method ?? 'GET').toUpperCase();
	const query = Object.fromEntries(Object.entries(options.query ?? {}).map(([k, v]) => [k, String(v)]));
	const search = new URLSearchParams(query).toString();
	const url = `${sim.url}${SURFACE_PREFIX[surface]}${options.path}${search ? `?${search}` : ''}`;
	const key = options.key === undefined ? (surface === 'sending' || options.path.startsWith('/mailbox/') ? sim.keys.mailbox : sim.keys.root) : options.key;
	const headers: Record<string, string> = { ...options.headers };
	if (key !== null) headers.Authorization = `Bearer ${key}`;
	let body: string | Buffer | undefined;
	if (options.rawBody !== undefined) {
		body = options.rawBody;
		headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
	} else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['Content-Type'] = 'application/json';
	}
	const response = await fetch(url, { method, headers, body });
	const text = await response.text();
	const responseHeaders: Record<string, string> = {};
	response.headers.forEach((value, name) => (responseHeaders[name] = value));
	const isJson = (responseHeaders['content-type'] ?? '').startsWith('application/json');
	const parsed = isJson && text ? (JSON.parse(text) as unknown) : text;
	if (!options.unchecked) {
		const requestBody = options.rawBody !== undefined ? Buffer.from(options.rawBody) : options.body;
		const problems = openApiContract().validateResponse(
			surface,
			{ method, path: options.path, query, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), body: requestBody },
			{ status: response.status, headers: responseHeaders, body: response.status === 304 ? undefined : isJson ? parsed : undefined },
		);
		expect(problems, `${method} ${options.path} answered outside the spec`).toEqual([]);
	}
	return { status: response.status, headers: responseHeaders, body: parsed as T, text };
}

export interface ReceivedDelivery {
	headers: Record<string, string>;
	rawBody: Buffer;
	json: unknown;
}

export interface Receiver {
	url: string;
	received: ReceivedDelivery[];
	/** Resolves once `count` deliveries arrived. */
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedDelivery[]>;
	close(): Promise<void>;
}

export interface HttpsReceiver {
	/** The receiver's URL under `hostName` (which only a `webhookTestNetwork` resolves). */
	url: string;
	/** PEM of its self-signed certificate. */
	certificate: string;
	received: Array<{ host: string | undefined; signature: string | undefined }>;
	close(): Promise<void>;
}

/** An https webhook endpoint on 127.0.0.1 with a self-signed certificate for `hostName`. */
export async function startHttpsReceiver(hostName: string): Promise<HttpsReceiver> {
	const dir = mkdtempSync(path.join(tmpdir(), 'sim-tls-'));
	const certificate = selfSignedCertificate(dir, hostName);
	const received: HttpsReceiver['received'] = [];
	const server = createHttpsServer({ cert: certificate.cert, key: certificate.key }, (request, response) => {
		request.resume();
		request.on('end', () => {
			received.push({ host: request.headers.host, signature: request.headers['x-sendmux-signature'] as string | undefined });
			response.writeHead(200).end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `https://${hostName}:${(server.address() as AddressInfo).port}/hook`,
		certificate: certificate.cert,
		received,
		close: async () => {
			await new Promise<void>((resolve) => server.close(() => resolve()));
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** A webhook endpoint on loopback answering with `statuses` in turn (the last one repeats). */
export async function startReceiver(statuses: number[] = [200]): Promise<Receiver> {
	const received: ReceivedDelivery[] = [];
	const waiters: Array<() => void> = [];
	const server = createServer((request: IncomingMessage, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(request.headers)) headers[name] = String(value);
			received.push({ headers, rawBody, json: JSON.parse(rawBody.toString('utf8')) as unknown });
			const status = statuses[Math.min(received.length - 1, statuses.length - 1)];
			response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
			waiters.splice(0).forEach((wake) => wake());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('receiver has no port');
	return {
		url: `http://127.0.0.1:${address.port}/hooks/sendmux`,
		received,
		async waitFor(count, timeoutMs = 5000) {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				if (Date.now() > deadline) throw new Error(`expected ${count} deliveries, got ${received.length}`);
				await new Promise<void>((resolve) => {
					waiters.push(resolve);
					setTimeout(resolve, 50);
				});
			}
			return received.slice(0, count);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/**
 * One simulator for a test file: started once, reset to its seed before each test, and
 * checked after each test for answers that broke the specs (its self-check).
 */
export function useSimulator(options: SimulatorOptions = {}): () => RunningSimulator {
	let running: RunningSimulator | undefined;
	beforeAll(async () => {
		running = await startSimulator({ outcomeDelayMs: 5, webhookDelivery: { retryDelaysMs: [20, 40], timeoutMs: 2000 }, ...options });
	});
	afterAll(async () => {
		await running?.close();
	});
	beforeEach(() => {
		running?.control.reset();
	});
	afterEach(async () => {
		await running?.control.settle();
		expect(running?.control.contractViolations(), 'the simulator answered outside the spec').toEqual([]);
	});
	return () => {
		if (!running) throw new Error('simulator not started');
		return running;
	};
}
