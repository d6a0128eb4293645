/**
 * Sendmux's two hosts, faked with nock, held to the published contract: every request that
 * reaches them is validated against the OpenAPI specs, and so is every reply a test gives.
 * A violation fails the test that caused it (see test/setup.ts).
 */
import nock from 'nock';
import { randomBytes } from 'node:crypto';

import { openApiContract, SURFACE_BASE_PATH, type ContractRequest, type Surface } from '../contract/openapi';
import { APP_BASE_URL, SENDING_BASE_URL } from './workflow';

export interface RecordedRequest extends ContractRequest {
	surface: Surface;
	/** The Idempotency-Key header, lifted out because exactly-once tests read it so often. */
	idempotencyKey?: string;
}

export type Reply = [status: number, body?: unknown, headers?: Record<string, string>];

const HOSTS: Record<Surface, string> = { sending: SENDING_BASE_URL, app: APP_BASE_URL };

let active: SendmuxApi[] = [];

export function requestId(): string {
	return `req_${randomBytes(12).toString('hex')}`;
}

/** `{ ok: true, data, meta }`, with pagination when given. */
export function okEnvelope(data: unknown, pagination?: { has_more: boolean; next_cursor?: string }) {
	return {
		ok: true,
		data,
		...(pagination ? { pagination } : {}),
		meta: { request_id: requestId() },
	};
}

export function errorEnvelope(
	code: string,
	message: string,
	extra: { retryable?: boolean; param?: string; errors?: Array<{ field: string; code: string; message: string }>; doc_url?: string } = {},
) {
	return {
		ok: false,
		error: {
			code,
			message,
			retryable: extra.retryable ?? false,
			...(extra.param ? { param: extra.param } : {}),
			...(extra.errors ? { errors: extra.errors } : {}),
			doc_url: extra.doc_url ?? `https://docs.sendmux.ai/errors/${code}`,
		},
		meta: { request_id: requestId() },
	};
}

class InterceptorBuilder {
	private count = 1;
	private delayMs = 0;

	constructor(
		private readonly api: SendmuxApi,
		private readonly surface: Surface,
		private readonly method: string,
		private readonly path: string | RegExp,
	) {}

	/** Answer this many matching requests (default 1). */
	times(count: number): this {
		this.count = count;
		return this;
	}

	/** Hold each answer this long (real time), so tests can see requests in flight together. */
	delay(ms: number): this {
		this.delayMs = ms;
		return this;
	}

	/** `{ ok: true, data }` with status 200 (or as given). */
	ok(data: unknown, options: { status?: number; pagination?: { has_more: boolean; next_cursor?: string }; headers?: Record<string, string> } = {}): SendmuxApi {
		return this.replyWith(() => [options.status ?? 200, okEnvelope(data, options.pagination), options.headers]);
	}

	/** Sendmux's error envelope. */
	error(
		status: number,
		code: string,
		message: string,
		extra: Parameters<typeof errorEnvelope>[2] & { headers?: Record<string, string> } = {},
	): SendmuxApi {
		return this.replyWith(() => [status, errorEnvelope(code, message, extra), extra.headers]);
	}

	/** A reply computed from the request; it is validated like any other. */
	replyWith(reply: (request: RecordedRequest) => Reply): SendmuxApi {
		const { api, surface, method } = this;
		this.interceptor()
			.times(this.count)
			.reply(function (uri, body) {
				const request = api.record(surface, method, uri, this.req.headers, body);
				const [status, replyBody, headers = {}] = reply(request);
				const isJson = replyBody !== undefined && !Buffer.isBuffer(replyBody) && typeof replyBody !== 'string';
				const finalHeaders: Record<string, string> = {
					'X-Request-Id':
						(replyBody as { meta?: { request_id?: string } } | undefined)?.meta?.request_id ?? requestId(),
					...(isJson ? { 'Content-Type': 'application/json' } : {}),
					...headers,
				};
				api.check(
					openApiContract().validateResponse(surface, request, {
						status,
						headers: finalHeaders,
						body: replyBody,
					}),
				);
				return [status, isJson ? JSON.stringify(replyBody) : (replyBody as string | Buffer | undefined) ?? '', finalHeaders];
			});
		return api;
	}

	/** The connection drops before any answer (the request may or may not have been acted on). */
	dropConnection(code = 'ECONNRESET'): SendmuxApi {
		const { api, surface, method } = this;
		const interceptor = this.interceptor();
		const scope = (interceptor as unknown as { scope: nock.Scope }).scope;
		scope.on('request', (req: { headers: Record<string, string> }, matched: unknown, body: string) => {
			if (matched === interceptor) api.record(surface, method, (req as unknown as { path: string }).path, req.headers, body);
		});
		interceptor.times(this.count).replyWithError(Object.assign(new Error('socket hang up'), { code }));
		return api;
	}

	private interceptor(): nock.Interceptor {
		const scope = nock(new URL(HOSTS[this.surface]).origin);
		const path =
			typeof this.path === 'string'
				? `${SURFACE_BASE_PATH}${this.path}`
				: new RegExp(`^${SURFACE_BASE_PATH.replace(/\//g, '\\/')}${this.path.source.replace(/^\^/, '')}`);
		const interceptor = scope.intercept(path, this.method).query(true);
		return this.delayMs > 0 ? interceptor.delay(this.delayMs) : interceptor;
	}
}

export class SendmuxApi {
	readonly requests: RecordedRequest[] = [];
	readonly contractErrors: string[] = [];

	constructor() {
		active.push(this);
	}

	/** Answer `method path` on the Sending API host. Path is below /api/v1, without query. */
	sending(method: string, path: string | RegExp): InterceptorBuilder {
		return new InterceptorBuilder(this, 'sending', method.toUpperCase(), path);
	}

	/** Answer `method path` on the app host (Management and Mailbox APIs). */
	app(method: string, path: string | RegExp): InterceptorBuilder {
		return new InterceptorBuilder(this, 'app', method.toUpperCase(), path);
	}

	/** Requests made to `method path` (path below /api/v1), in order. */
	requestsTo(method: string, path: string): RecordedRequest[] {
		return this.requests.filter((r) => r.method === method.toUpperCase() && r.path === path);
	}

	record(
		surface: Surface,
		method: string,
		uri: string,
		headers: Record<string, string | string[] | undefined>,
		body: unknown,
	): RecordedRequest {
		const url = new URL(uri, HOSTS[surface]);
		const query: Record<string, string | string[]> = {};
		for (const key of new Set(url.searchParams.keys())) {
			const values = url.searchParams.getAll(key);
			query[key] = values.length > 1 ? values : values[0];
		}
		const request: RecordedRequest = {
			surface,
			method,
			path: url.pathname.slice(SURFACE_BASE_PATH.length),
			query,
			headers,
			body: parseBody(body),
			idempotencyKey: headers['idempotency-key'] as string | undefined,
		};
		this.requests.push(request);
		this.check(openApiContract().validateRequest(surface, request));
		return request;
	}

	check(errors: string[]): void {
		this.contractErrors.push(...errors);
	}
}

function parseBody(body: unknown): unknown {
	if (body === '' || body === undefined || body === null) return undefined;
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

/** Contract violations of every fake opened since the last call; the fakes are forgotten. */
export function drainContractErrors(): string[] {
	const errors = active.flatMap((api) => api.contractErrors);
	active = [];
	return errors;
}
