/** Small node:http helpers: read a bounded body, read a query, write an answer. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyTooLarge extends Error {}

/** The request body, refusing more than `limit` bytes. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
	const declared = Number(request.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > limit) throw new BodyTooLarge();
		chunks.push(buffer);
	}
	return Buffer.concat(chunks);
}

export function queryOf(url: URL): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const name of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(name);
		query[name] = values.length > 1 ? values : values[0];
	}
	return query;
}

export function lowerCaseHeaders(request: IncomingMessage): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

export function send(
	response: ServerResponse,
	status: number,
	headers: Record<string, string>,
	body?: string | Buffer,
): void {
	if (response.headersSent || response.destroyed) return;
	const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
	response.writeHead(status, {
		...headers,
		...(payload ? { 'Content-Length': String(payload.length) } : {}),
	});
	response.end(payload);
}

export function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
	send(response, status, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(value));
}

/** An open streaming answer (no Content-Length; chunked), written piece by piece. */
export interface OpenStreamResponse {
	write(chunk: string): void;
	end(): void;
	destroy(): void;
	onClose(listener: () => void): void;
}

/** Sends `status` and `headers` now and keeps the response open for `write`s. */
export function openEventStream(response: ServerResponse, status: number, headers: Record<string, string>): OpenStreamResponse {
	const listeners: Array<() => void> = [];
	let closed = response.destroyed;
	const close = () => {
		if (closed) return;
		closed = true;
		listeners.splice(0).forEach((listener) => listener());
	};
	response.once('close', close);
	response.socket?.setNoDelay(true);
	response.writeHead(status, headers);
	response.flushHeaders();
	return {
		write(chunk) {
			if (!closed && !response.writableEnded) response.write(chunk);
		},
		end() {
			if (!closed && !response.writableEnded) response.end();
		},
		destroy() {
			response.socket?.destroy();
			response.destroy();
		},
		onClose(listener) {
			if (closed) listener();
			else listeners.push(listener);
		},
	};
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
