/**
 * A real HTTP client for `GET /mailbox/events` in the simulator's tests: reads the stream as it
 * arrives and parses its SSE framing by hand (no library), so tests see exactly the bytes sent.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';

import { SURFACE_PREFIX } from './pipeline.mjs';
import type { RunningSimulator } from './simulator.mjs';

export interface Block {
	id?: string;
	event?: string;
	retry?: string;
	data?: Record<string, unknown>;
}

/** A real HTTP client reading `GET /mailbox/events` as it arrives (SSE framing, not a library). */
export interface OpenedStream {
	status: number;
	headers: IncomingMessage['headers'];
	/** The raw text so far. */
	raw(): string;
	blocks(): Block[];
	events(): Block[];
	pings(): number;
	/** Resolves with how the stream ended: the server's clean end, or an abrupt cut. */
	ended: Promise<'end' | 'aborted'>;
	/** The JSON error body, for a refused stream. */
	errorBody(): Promise<{ error: { code: string; message: string } }>;
	close(): void;
}

function parse(raw: string): { blocks: Block[]; pings: number } {
	const complete = raw.slice(0, raw.lastIndexOf('\n\n') + 2);
	const blocks: Block[] = [];
	let pings = 0;
	for (const chunk of complete.split('\n\n').filter((c) => c.length > 0)) {
		const block: Block = {};
		let fields = 0;
		for (const line of chunk.split('\n')) {
			if (line.startsWith(':')) {
				if (line === ': ping') pings++;
				continue;
			}
			const at = line.indexOf(':');
			const field = line.slice(0, at);
			const value = line.slice(at + 1).replace(/^ /, '');
			fields++;
			if (field === 'id') block.id = value;
			if (field === 'event') block.event = value;
			if (field === 'retry') block.retry = value;
			if (field === 'data') block.data = JSON.parse(value) as Record<string, unknown>;
		}
		if (fields > 0) blocks.push(block);
	}
	return { blocks, pings };
}

export function openStream(sim: RunningSimulator, query: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<OpenedStream> {
	const search = new URLSearchParams(query).toString();
	const url = new URL(`${sim.url}${SURFACE_PREFIX.app}/mailbox/events${search ? `?${search}` : ''}`);
	return new Promise((resolve, reject) => {
		const client: ClientRequest = httpRequest(url, { agent: false, headers: { Authorization: `Bearer ${sim.keys.mailbox}`, Accept: 'text/event-stream', ...headers } }, (response) => {
			let raw = '';
			response.setEncoding('utf8');
			const ended = new Promise<'end' | 'aborted'>((done) => {
				response.on('end', () => done('end'));
				response.on('aborted', () => done('aborted'));
				response.on('error', () => done('aborted'));
				response.on('close', () => done(response.complete ? 'end' : 'aborted'));
			});
			response.on('data', (chunk: string) => (raw += chunk));
			resolve({
				status: response.statusCode ?? 0,
				headers: response.headers,
				raw: () => raw,
				blocks: () => parse(raw).blocks,
				events: () => parse(raw).blocks.filter((b) => b.data),
				pings: () => parse(raw).pings,
				ended,
				errorBody: async () => {
					await ended;
					return JSON.parse(raw) as { error: { code: string; message: string } };
				},
				close: () => client.destroy(),
			});
		});
		client.on('error', (error) => {
			if (!client.destroyed) reject(error);
		});
		client.end();
	});
}

/** Waits for a condition the simulator will reach; the test's own timeout is the backstop. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
