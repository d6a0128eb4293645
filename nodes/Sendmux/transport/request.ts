import {
	NodeOperationError,
	type NodeApiError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type ITriggerFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { refuseOutOfSpec } from '../shared/specRules';
import { CREDENTIAL_DISPLAY_NAME, describeKeyProblem } from './apiKey';
import { transportClock } from './clock';
import { isSendmuxErrorBody, requestIdOf, sendmuxApiError, sendmuxNetworkError } from './errors';
import { answerOutcome, markOutcomeUnknown, networkFailureOutcome, type AttemptOutcome } from './outcome';
import {
	DEFAULT_RETRY_POLICY,
	isRetryableStatus,
	isRetrySafe,
	isTransientNetworkCode,
	retryWait,
	type RetryPolicy,
} from './retry';
import { describeBaseUrlProblem, SURFACES, type Surface } from './surfaces';

export type SendmuxContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| ITriggerFunctions
	| IWebhookFunctions;

export interface SendmuxRequest {
	surface: Surface;
	method: IHttpRequestMethods;
	/** Path below the surface's base URL, with path parameters already encoded. */
	path: string;
	/**
	 * A URL Sendmux handed out that authenticates by its own headers (an attachment upload
	 * URL): called as is and without the API key, which must never travel with it. `path`
	 * still names the request in logs and errors.
	 */
	handedOutUrl?: string;
	qs?: IDataObject;
	body?: IDataObject | Buffer;
	headers?: Record<string, string>;
	/** Makes a POST retry-safe: Sendmux answers a repeat with the original response. */
	idempotencyKey?: string;
	/**
	 * What the request sends, in words ("the email"). When every attempt failed but one may
	 * have been carried out, the error says it may have been sent (with the key to repeat it
	 * safely) instead of reporting a plain failure. Keyed requests without it get the same
	 * treatment in general words.
	 */
	sends?: string;
	/**
	 * Repeating the request cannot change its effect although its method is POST (a read sent
	 * as POST, an update to absolute values): transient failures are then retried too.
	 */
	repeatable?: boolean;
	/** "Only if unchanged": a 409 then means the resource changed since this ETag. */
	ifMatch?: string;
	ifNoneMatch?: string;
	/** The input item this request serves; errors name it. */
	itemIndex?: number;
	/** `json` (default) unwraps the envelope; `text` and `binary` return the body as is. */
	responseType?: 'json' | 'text' | 'binary';
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
	/**
	 * Secrets this request carries (an SMTP password…): should Sendmux's error answer echo
	 * one, it is replaced by [redacted] before any error or log line is built from it.
	 */
	redact?: string[];
}

export interface CursorPagination {
	has_more: boolean;
	next_cursor?: string;
}

export interface SendmuxResponse<T> {
	data: T;
	statusCode: number;
	requestId?: string;
	etag?: string;
	pagination?: CursorPagination;
	/** A 304 to `If-None-Match`: `data` is undefined. */
	notModified: boolean;
	/** Attempts the request took, the successful one included. */
	attempts: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The user's Request Options (max attempts, timeout) for one item, where the node has them.
 * Explicit values on the request win.
 */
function requestSettings(
	ctx: SendmuxContext,
	itemIndex: number | undefined,
): { retry: Partial<RetryPolicy>; timeoutMs?: number } {
	if (!('getInputData' in ctx) || !('getNodeParameter' in ctx)) return { retry: {} };
	const options = (ctx as IExecuteFunctions).getNodeParameter('requestOptions', itemIndex ?? 0, {}) as {
		maxAttempts?: number;
		timeout?: number;
	};
	return {
		retry: options.maxAttempts ? { maxAttempts: options.maxAttempts } : {},
		timeoutMs: options.timeout,
	};
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

const credentialCache = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

/** A credential read once per node run: large inputs make thousands of requests. */
async function credentialsFor(
	ctx: SendmuxContext,
	type: string,
): Promise<ICredentialDataDecryptedObject> {
	let byType = credentialCache.get(ctx);
	if (!byType) {
		byType = new Map();
		credentialCache.set(ctx, byType);
	}
	let pending = byType.get(type);
	if (!pending) {
		pending = ctx.getCredentials<ICredentialDataDecryptedObject>(type);
		byType.set(type, pending);
		pending.catch(() => byType?.delete(type));
	}
	return await pending;
}

/** Base URL and a checked key class for a surface, before any request is made. */
export async function resolveSurface(
	ctx: SendmuxContext,
	surface: Surface,
	itemIndex?: number,
): Promise<{ baseUrl: string; credentialType: string }> {
	const settings = SURFACES[surface];
	let credentials: ICredentialDataDecryptedObject;
	try {
		credentials = await credentialsFor(ctx, settings.credentialType);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), error as Error, {
			message: `This operation needs a "${CREDENTIAL_DISPLAY_NAME[settings.keyClass]}" credential`,
			description: (error as Error).message,
			itemIndex,
		});
	}
	const problem = describeKeyProblem(settings.keyClass, credentials.apiKey);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), problem, { itemIndex });
	}
	const configured = credentials[settings.baseUrlField];
	const baseUrl = (
		typeof configured === 'string' && configured.trim() ? configured.trim() : settings.defaultBaseUrl
	).replace(/\/+$/, '');
	const urlProblem = describeBaseUrlProblem(surface, baseUrl);
	if (urlProblem) throw new NodeOperationError(ctx.getNode(), urlProblem, { itemIndex });
	return { baseUrl, credentialType: settings.credentialType };
}

function lowerCaseKeys(headers: Record<string, unknown> | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
	return out;
}

/** The network-level code of a failed request, wherever n8n's wrapping put it. */
function networkCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function isTimeout(error: unknown, code: string | undefined): boolean {
	return (
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		/timeout/i.test(error instanceof Error ? error.message : '')
	);
}

/**
 * One Sendmux request, with everything every operation needs: the surface's credential and
 * base URL (the key class checked first), JSON in and out, the envelope unwrapped, retries of
 * transient failures for retry-safe requests only, and Sendmux's errors as `NodeApiError`.
 */
export async function sendmuxRequest<T = unknown>(
	this: SendmuxContext,
	request: SendmuxRequest,
): Promise<SendmuxResponse<T>> {
	const node = this.getNode();
	refuseOutOfSpec(node, request);
	const { baseUrl, credentialType } = await resolveSurface(this, request.surface, request.itemIndex);
	const settings = requestSettings(this, request.itemIndex);
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...settings.retry, ...request.retry };
	const timeoutMs = request.timeoutMs ?? settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
	const url = request.handedOutUrl ?? `${baseUrl}${request.path}`;
	const retrySafe = request.repeatable === true || isRetrySafe(request.method, request.idempotencyKey !== undefined);
	const surface = SURFACES[request.surface];
	const errorContext = {
		method: request.method,
		path: request.path,
		itemIndex: request.itemIndex,
		conditional: request.ifMatch !== undefined,
		baseUrl: {
			label: surface.baseUrlLabel,
			credential: CREDENTIAL_DISPLAY_NAME[surface.keyClass],
			defaultUrl: surface.defaultBaseUrl,
		},
	};

	const headers: Record<string, string> = { ...request.headers };
	if (request.idempotencyKey !== undefined) headers['Idempotency-Key'] = request.idempotencyKey;
	if (request.ifMatch !== undefined) headers['If-Match'] = request.ifMatch;
	if (request.ifNoneMatch !== undefined) headers['If-None-Match'] = request.ifNoneMatch;
	const isBinaryBody = Buffer.isBuffer(request.body);
	if (request.body !== undefined && !isBinaryBody) headers['Content-Type'] = 'application/json';

	/** The first attempt that may have been carried out unseen, while nothing has settled it since. */
	let unknownSince: string | undefined;
	const settle = (outcome: AttemptOutcome, attempt: number, what: string): void => {
		if (outcome === 'unknown') unknownSince ??= `Attempt ${attempt} of ${request.method} ${request.path} ${what}`;
		else if (outcome === 'refused') unknownSince = undefined;
	};
	/** The error to throw: marked "may have been carried out" when the outcome is unknown. */
	const finalError = (error: NodeApiError): NodeApiError =>
		unknownSince !== undefined && request.idempotencyKey !== undefined
			? markOutcomeUnknown(error, { sends: request.sends, idempotencyKey: request.idempotencyKey, firstUnknown: unknownSince })
			: error;

	for (let attempt = 1; ; attempt++) {
		const options: IHttpRequestOptions = {
			method: request.method,
			url,
			qs: request.qs,
			headers: { ...headers },
			body: request.body,
			json: !isBinaryBody && request.responseType !== 'binary' && request.responseType !== 'text',
			encoding: request.responseType === 'binary' ? 'arraybuffer' : request.responseType === 'text' ? 'text' : undefined,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: timeoutMs,
		};
		let response: FullResponse;
		try {
			response = (
				request.handedOutUrl === undefined
					? await this.helpers.httpRequestWithAuthentication.call(this, credentialType, options)
					: await this.helpers.httpRequest(options)
			) as FullResponse;
		} catch (error) {
			const code = networkCodeOf(error);
			const reason = isTimeout(error, code)
				? `no answer within ${options.timeout} ms`
				: 'the connection failed';
			const transient = isTransientNetworkCode(code) || isTimeout(error, code);
			settle(networkFailureOutcome(code), attempt, `got no answer (${reason})`);
			if (transient && retrySafe && attempt < maxAttempts) {
				const wait = retryWait({
					attempt,
					policy,
					nowMs: transportClock.now(),
					random: transportClock.random,
				});
				this.logger.warn(
					`Sendmux: ${request.method} ${request.path} failed (${reason}); retry ${attempt + 1} of ${maxAttempts} in ${wait.delayMs} ms`,
				);
				await transportClock.sleep(wait.delayMs);
				continue;
			}
			throw finalError(
				sendmuxNetworkError(node, url, code, reason, {
					...errorContext,
					attempts: attempt,
					notRetried: transient && !retrySafe && attempt < maxAttempts,
				}),
			);
		}

		const responseHeaders = lowerCaseKeys(response.headers);
		const { statusCode } = response;
		if (statusCode === 304) {
			return {
				data: undefined as T,
				statusCode,
				requestId: requestIdOf(undefined, responseHeaders),
				etag: stringHeader(responseHeaders.etag),
				notModified: true,
				attempts: attempt,
			};
		}
		const decoded = decodeBody(response.body, request.responseType);
		if (statusCode >= 200 && statusCode < 300) {
			return unwrapSuccess<T>(decoded, statusCode, responseHeaders, request.responseType, attempt);
		}
		const body = redactSecrets(decoded, request.redact);

		const bodyRetryable = isSendmuxErrorBody(body) ? body.error.retryable : undefined;
		const requestId = requestIdOf(body, responseHeaders);
		settle(answerOutcome(statusCode, body), attempt, `got HTTP ${statusCode}`);
		if (retrySafe && attempt < maxAttempts && isRetryableStatus(statusCode, bodyRetryable)) {
			const wait = retryWait({
				attempt,
				statusCode,
				headers: responseHeaders,
				policy,
				nowMs: transportClock.now(),
				random: transportClock.random,
			});
			if (wait.delayMs <= policy.maxServerWaitMs) {
				this.logger.warn(
					`Sendmux: ${request.method} ${request.path} answered ${statusCode}${
						isSendmuxErrorBody(body) ? ` ${body.error.code}` : ''
					}${requestId ? ` (request ${requestId})` : ''}; retry ${attempt + 1} of ${maxAttempts} in ${wait.delayMs} ms (${wait.reason})`,
				);
				await transportClock.sleep(wait.delayMs);
				continue;
			}
		}
		throw finalError(
			sendmuxApiError(node, statusCode, body, responseHeaders, {
				...errorContext,
				attempts: attempt,
				notRetried: !retrySafe && attempt < maxAttempts && isRetryableStatus(statusCode, bodyRetryable),
			}),
		);
	}
}

/** Secrets shorter than this are not redacted: replacing "ab" everywhere would garble codes and messages. */
const MIN_REDACTED_LENGTH = 4;

/** `body` with every occurrence of the request's secrets replaced by [redacted]. */
function redactSecrets(body: unknown, secrets: string[] | undefined): unknown {
	const present = (secrets ?? []).filter((secret) => secret.length >= MIN_REDACTED_LENGTH);
	if (present.length === 0 || body === undefined || body === null || Buffer.isBuffer(body)) return body;
	const isText = typeof body === 'string';
	let text = isText ? body : JSON.stringify(body);
	for (const secret of present) {
		// Inside JSON the secret appears escaped (quotes, backslashes, control characters).
		const form = isText ? secret : JSON.stringify(secret).slice(1, -1);
		text = text.split(form).join('[redacted]');
	}
	return isText ? text : (JSON.parse(text) as unknown);
}

function stringHeader(value: unknown): string | undefined {
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** Error bodies of text/binary requests are still JSON envelopes: read them as such. */
function decodeBody(body: unknown, responseType: SendmuxRequest['responseType']): unknown {
	if (responseType === undefined || responseType === 'json') return body;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text === 'string' && text.startsWith('{')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (isSendmuxErrorBody(parsed)) return parsed;
		} catch {
			// Not JSON: the body is the payload itself.
		}
	}
	return body;
}

function unwrapSuccess<T>(
	body: unknown,
	statusCode: number,
	headers: Record<string, unknown>,
	responseType: SendmuxRequest['responseType'],
	attempts: number,
): SendmuxResponse<T> {
	const etag = stringHeader(headers.etag);
	if (responseType === 'text' || responseType === 'binary') {
		const data =
			responseType === 'binary' && !Buffer.isBuffer(body)
				? Buffer.from(body as ArrayBuffer)
				: body;
		return {
			data: data as T,
			statusCode,
			requestId: requestIdOf(undefined, headers),
			etag,
			notModified: false,
			attempts,
		};
	}
	const envelope = (body ?? {}) as {
		ok?: boolean;
		data?: T;
		pagination?: CursorPagination;
		meta?: { request_id?: string };
	};
	return {
		data: envelope.data as T,
		statusCode,
		requestId: requestIdOf(envelope, headers),
		etag,
		pagination: envelope.pagination,
		notModified: false,
		attempts,
	};
}
