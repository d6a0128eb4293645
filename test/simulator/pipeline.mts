/**
 * One request's way through the simulator, in the order Sendmux applies its checks:
 * route → injected faults → authentication and key class → rate limit → contract validation
 * → mailbox scope → Idempotency-Key → handler → conditional answer (ETag) → envelope.
 * Every exchange is recorded; every answer can be checked against the specs (self-check).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { openApiContract, type ContractRequest, type MatchedOperation, type Surface } from '../contract/openapi';
import type { KeyRing, RouteClass } from './auth';
import type { Handler, HandlerMap, Reply, Sim, SimRequest } from './context';
import { errorEnvelope, successEnvelope } from './envelope';
import { SimError } from './errors';
import { etagMatches } from './etag';
import type { FaultInjector, FaultRule } from './faults';
import { BodyTooLarge, delay, lowerCaseHeaders, openEventStream, queryOf, readBody, send } from './http.mjs';
import { fingerprintOf, type IdempotencyStore, type StoredResponse } from './idempotency';
import { newRequestId } from './ids';
import type { RateLimiter } from './rateLimit';
import { redactHeaders, type RecordedExchange, type Recorder } from './recorder';
import { contractIssues, validationError } from './validation';

export const SURFACE_PREFIX: Record<Surface, string> = {
	sending: '/sending/api/v1',
	app: '/app/api/v1',
};

/** Operations that validate their items one by one (partial success) instead of as a whole. */
const PER_ITEM_VALIDATION: Record<string, RegExp> = {
	sendingSendEmailBatch: /^messages\.(\d+)(\.|$)/,
};

export interface PipelineDeps {
	sim: Sim;
	keys: KeyRing;
	faults: FaultInjector;
	limiter: RateLimiter;
	idempotency: IdempotencyStore;
	recorder: Recorder;
	handlers: HandlerMap;
	violations: string[];
	/** Requests left hanging by a `timeout` fault, closed with the server. */
	hanging: Set<NodeJS.Timeout>;
}

interface Exchange {
	request: IncomingMessage;
	response: ServerResponse;
	record: RecordedExchange;
	started: number;
	surface?: Surface;
	matched?: MatchedOperation;
	contractRequest?: ContractRequest;
	rateHeaders?: Record<string, string>;
	/** Request headers, lower-cased. */
	headers: Record<string, string | undefined>;
	keyId?: string;
	/** Set once the answer went out (or the connection was dropped on purpose). */
	settled: boolean;
}

export class Pipeline {
	constructor(private readonly deps: PipelineDeps) {}

	async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
		const started = Date.now();
		const surface = (Object.keys(SURFACE_PREFIX) as Surface[]).find((s) => url.pathname.startsWith(`${SURFACE_PREFIX[s]}/`));
		const headers = lowerCaseHeaders(request);
		const path = surface ? url.pathname.slice(SURFACE_PREFIX[surface].length) : url.pathname;
		const exchange: Exchange = {
			request,
			response,
			started,
			surface,
			headers,
			settled: false,
			record: {
				requestId: newRequestId(),
				at: started,
				surface,
				method: (request.method ?? 'GET').toUpperCase(),
				path,
				query: queryOf(url),
				headers: redactHeaders(headers),
				body: undefined,
				idempotencyKey: headers['idempotency-key'],
				status: null,
				replayed: false,
				durationMs: 0,
			},
		};
		try {
			await this.process(exchange, headers);
		} catch (error) {
			if (exchange.settled) return;
			const simError =
				error instanceof SimError
					? error
					: error instanceof BodyTooLarge
						? new SimError(413, 'payload_too_large', 'The request body is larger than this endpoint accepts (25 MB for JSON bodies).', { headers: { Connection: 'close' } })
						: internalError(error);
			this.answerError(exchange, simError);
		}
	}

	/** Runs the request; throws SimError for any answer that is an error envelope. */
	private async process(x: Exchange, headers: Record<string, string | undefined>): Promise<void> {
		const { deps } = this;
		const { record } = x;
		if (!x.surface) {
			throw new SimError(404, 'not_found', `No Sendmux API at ${record.path}: the simulator serves ${SURFACE_PREFIX.sending} and ${SURFACE_PREFIX.app}.`);
		}
		const matched = openApiContract().findOperation(x.surface, record.method, record.path);
		if (!matched) throw new SimError(404, 'not_found', `No such endpoint: ${record.method} ${record.path}`);
		x.matched = matched;
		record.operationId = matched.operationId;
		const isBinary = Boolean(matched.operation.requestBody?.content?.['application/octet-stream']);
		const raw = await readBody(x.request, isBinary ? deps.sim.settings.maxAttachmentBytes + 1024 : deps.sim.settings.maxBodyBytes);
		const body = parseBody(raw, headers['content-type']);
		record.body = Buffer.isBuffer(body) ? { bytes: body.length } : body;
		x.contractRequest = { method: record.method, path: record.path, query: record.query, headers, body };

		const plan = deps.faults.plan({ surface: x.surface, operationId: matched.operationId, method: record.method, path: record.path });
		if (plan.latencyMs > 0) await delay(plan.latencyMs);
		const failure = plan.failure;
		if (failure && failure.phase !== 'after') {
			this.injectFailure(x, failure);
			return;
		}

		const security = matched.operation.security ?? openApiContract().documents[x.surface].security ?? [];
		const key = security.length > 0 ? deps.keys.authorize(headers.authorization, routeClassOf(x.surface, matched)) : undefined;
		x.keyId = key?.id;
		record.keyId = key?.id;
		const verdict = deps.limiter.take(this.bucketOf(x), x.surface === 'sending' ? 'sending' : 'app');
		x.rateHeaders = verdict.headers;
		if (!verdict.allowed) {
			throw new SimError(429, 'rate_limit_exceeded', `Rate limit exceeded: ${verdict.headers['X-RateLimit-Limit']} requests per window for this key. Retry after ${verdict.retryAfterSeconds} s.`, {
				headers: { 'Retry-After': String(verdict.retryAfterSeconds) },
			});
		}

		const issues = contractIssues(x.surface, x.contractRequest, matched);
		const perItem = PER_ITEM_VALIDATION[matched.operationId];
		const itemIssues = perItem ? issues.filter((i) => i.location === 'body' && perItem.test(i.field)) : [];
		const requestIssues = issues.filter((i) => !itemIssues.includes(i));
		if (requestIssues.length > 0) throw validationError(requestIssues, matched);

		const simRequest: SimRequest = {
			requestId: record.requestId,
			surface: x.surface,
			operationId: matched.operationId,
			method: record.method,
			path: record.path,
			pathParams: matched.pathParams,
			query: record.query,
			headers,
			body,
			key,
			itemIssues,
		};
		if (key && matched.template.startsWith('/mailbox/')) this.checkMailboxScope(simRequest);

		let complete: ((stored: StoredResponse | undefined) => void) | undefined;
		const idempotencyKey = headers['idempotency-key'];
		if (idempotencyKey !== undefined && matched.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) {
			const scope = matched.operationId === 'mailboxSendMessage' ? `mailbox:${key?.mailboxId}` : `team:${deps.sim.state.teamId}`;
			const claim = deps.idempotency.claim(
				`${scope}:${matched.operationId}`,
				idempotencyKey,
				fingerprintOf(record.method, record.path, new URLSearchParams(sortedQuery(record.query)).toString(), raw),
			);
			if (claim.kind === 'replay') {
				record.replayed = true;
				this.write(x, claim.response.status, { ...claim.response.headers, 'Idempotent-Replayed': 'true' }, claim.response.body, failure);
				return;
			}
			complete = claim.complete;
		}
		const handler: Handler = deps.handlers[matched.operationId] ?? notSimulated;
		let answer: StoredResponse;
		try {
			if (plan.processingMs > 0) await delay(plan.processingMs);
			const reply = await handler(simRequest, deps.sim);
			if (reply.stream) {
				complete?.(undefined);
				this.openStream(x, reply, reply.stream, failure);
				return;
			}
			answer = this.answerOf(x, reply);
		} catch (error) {
			// Only successes are replayed; after a refusal the same key may try again.
			complete?.(undefined);
			throw error;
		}
		complete?.(answer.status >= 200 && answer.status < 300 ? answer : undefined);
		this.write(x, answer.status, answer.headers, answer.body, failure);
	}

	private checkMailboxScope(request: SimRequest): void {
		const key = request.key;
		const mailbox = key?.mailboxId ? this.deps.sim.state.mailboxes.get(key.mailboxId) : undefined;
		const wanted = request.query.mailbox_id;
		if (typeof wanted === 'string' && wanted !== key?.mailboxId) {
			throw new SimError(403, 'insufficient_permissions', `This key has no access to mailbox ${wanted}.`, { param: 'mailbox_id' });
		}
		if (!mailbox || mailbox.status === 'deleted') throw new SimError(404, 'not_found', 'The mailbox of this key no longer exists.');
		if (mailbox.status === 'suspended') throw new SimError(403, 'insufficient_permissions', 'This mailbox is suspended.');
	}

	/** The status, headers and body a handler's reply turns into. */
	private answerOf(x: Exchange, reply: Reply): StoredResponse {
		const requestId = x.record.requestId;
		const headers: Record<string, string> = { 'X-Request-Id': requestId, ...reply.headers };
		if (reply.etag) headers.ETag = reply.etag;
		if (reply.etag && x.record.method === 'GET' && etagMatches(x.headers['if-none-match'], reply.etag)) {
			return { status: 304, headers, body: '' };
		}
		if (reply.raw) {
			return { status: reply.status ?? 200, headers: { ...headers, 'Content-Type': reply.raw.contentType }, body: reply.raw.body };
		}
		return {
			status: reply.status ?? 200,
			headers: { ...headers, 'Content-Type': 'application/json' },
			body: JSON.stringify(successEnvelope(requestId, reply.data ?? null, reply.pagination, reply.meta)),
		};
	}

	private answerError(x: Exchange, error: SimError): void {
		const headers: Record<string, string> = {
			'Content-Type': 'application/json',
			'X-Request-Id': x.record.requestId,
			...error.options.headers,
		};
		x.record.errorCode = error.code;
		this.write(x, error.status, headers, JSON.stringify(errorEnvelope(x.record.requestId, error)));
	}

	/** Sends (or, for a `drop` fault after handling, withholds) the answer and records it. */
	private write(x: Exchange, status: number, headers: Record<string, string>, body: string | Buffer, failure?: FaultRule): void {
		x.settled = true;
		if (failure?.kind === 'drop' && failure.phase === 'after') {
			x.record.fault = 'drop';
			x.request.socket.destroy();
			this.finish(x, null);
			return;
		}
		const allHeaders = { ...headers, ...(x.rateHeaders ?? this.peekRate(x)) };
		send(x.response, status, allHeaders, status === 304 ? undefined : body);
		this.selfCheck(x, status, allHeaders, body);
		this.finish(x, status);
	}

	/**
	 * A held-open answer: 200 and the headers now, then the handler's writer owns the response.
	 * Recorded (and self-checked) at open; each event's data is self-checked as it is written.
	 */
	private openStream(x: Exchange, reply: Reply, stream: NonNullable<Reply['stream']>, failure?: FaultRule): void {
		x.settled = true;
		const headers: Record<string, string> = { 'X-Request-Id': x.record.requestId, ...reply.headers, ...(x.rateHeaders ?? this.peekRate(x)) };
		const sink = openEventStream(x.response, 200, headers);
		if (failure?.kind === 'drop' && failure.phase === 'after') {
			x.record.fault = 'drop';
			sink.destroy();
		}
		this.selfCheck(x, 200, headers, '');
		this.finish(x, 200);
		const { violations, sim } = this.deps;
		const surface = x.surface ?? 'app';
		const where = `${x.record.requestId} (${x.record.operationId ?? x.record.path} event)`;
		stream({
			...sink,
			checkEvent(schema, data) {
				if (!sim.settings.selfCheck) return;
				violations.push(...openApiContract().validateComponent(surface, schema, data).map((p) => `${where}: ${p}`));
			},
		});
	}

	private injectFailure(x: Exchange, failure: FaultRule): void {
		x.record.fault = failure.kind;
		if (failure.kind === 'drop') {
			x.settled = true;
			x.request.socket.destroy();
			this.finish(x, null);
			return;
		}
		if (failure.kind === 'timeout') {
			x.settled = true;
			const timer = setTimeout(() => {
				this.deps.hanging.delete(timer);
				x.request.socket.destroy();
			}, failure.ms ?? 120_000);
			this.deps.hanging.add(timer);
			x.request.socket.once('close', () => {
				clearTimeout(timer);
				this.deps.hanging.delete(timer);
			});
			this.finish(x, null);
			return;
		}
		const retryAfter = String(failure.retryAfterSeconds ?? 1);
		const error =
			failure.kind === 'rate_limit'
				? new SimError(429, 'rate_limit_exceeded', 'Rate limit exceeded (injected fault). Retry after the indicated delay.', { headers: { 'Retry-After': retryAfter } })
				: failure.kind === 'unavailable'
					? new SimError(503, 'service_unavailable', 'Service temporarily unavailable (injected fault). Retry after the indicated delay.', { headers: { 'Retry-After': retryAfter } })
					: new SimError(500, 'internal_error', 'Internal error (injected fault).');
		this.answerError(x, error);
	}

	private selfCheck(x: Exchange, status: number, headers: Record<string, string>, body: string | Buffer): void {
		if (!this.deps.sim.settings.selfCheck || !x.surface || !x.matched || !x.contractRequest) return;
		const isJson = (headers['Content-Type'] ?? '').startsWith('application/json');
		// Only JSON bodies have schemas; text and bytes are checked for their content type alone.
		const parsed = isJson && status !== 304 ? (JSON.parse(body.toString()) as unknown) : undefined;
		const problems = openApiContract().validateResponse(x.surface, x.contractRequest, { status, headers, body: parsed });
		this.deps.violations.push(...problems.map((p) => `${x.record.requestId}: ${p}`));
	}

	private bucketOf(x: Exchange): string {
		return x.keyId ?? `anon:${x.request.socket.remoteAddress ?? 'unknown'}`;
	}

	private peekRate(x: Exchange): Record<string, string> {
		return this.deps.limiter.take(this.bucketOf(x), x.surface === 'sending' ? 'sending' : 'app', false).headers;
	}

	private finish(x: Exchange, status: number | null): void {
		x.record.status = status;
		x.record.durationMs = Date.now() - x.started;
		this.deps.recorder.add(x.record);
	}
}

function routeClassOf(surface: Surface, matched: MatchedOperation): RouteClass {
	if (surface === 'sending') return 'sending';
	return matched.template.startsWith('/mailbox/') ? 'mailbox' : 'management';
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0) return undefined;
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/json' || type === '') {
		const text = raw.toString('utf8');
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return text;
		}
	}
	return raw;
}

function sortedQuery(query: Record<string, string | string[] | undefined>): Array<[string, string]> {
	return Object.entries(query)
		.flatMap(([name, value]) => ([] as Array<string | undefined>).concat(value).map((v): [string, string] => [name, v ?? '']))
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function internalError(error: unknown): SimError {
	console.error('Sendmux simulator: unexpected error', error);
	return new SimError(500, 'internal_error', 'The simulator failed while handling this request; see its console.');
}

const notSimulated: Handler = (request) => {
	throw new SimError(501, 'internal_error', `The Sendmux simulator does not simulate ${request.operationId} (${request.method} ${request.path}) yet.`, { retryable: false });
};
