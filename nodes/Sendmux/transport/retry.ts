import type { IHttpRequestMethods } from 'n8n-workflow';

/** How hard the transport tries before it gives up on a request. */
export interface RetryPolicy {
	/** Attempts in all, the first included. 1 disables retries. */
	maxAttempts: number;
	/** First backoff step; doubles with every attempt. */
	baseDelayMs: number;
	/** Cap of one computed backoff step. */
	maxDelayMs: number;
	/** Longest wait Sendmux may ask for (Retry-After, X-RateLimit-Reset) before we give up instead. */
	maxServerWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxServerWaitMs: 120_000,
};

/** Statuses worth another try when Sendmux's body does not say otherwise. */
const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * Whether repeating the request cannot change its effect: safe methods, methods idempotent by
 * HTTP's definition, and any request carrying an Idempotency-Key (Sendmux then answers a
 * repeat with the original response). A POST or PATCH without a key is never repeated.
 */
export function isRetrySafe(method: IHttpRequestMethods, hasIdempotencyKey: boolean): boolean {
	if (hasIdempotencyKey) return true;
	return method === 'GET' || method === 'HEAD' || method === 'PUT' || method === 'DELETE';
}

/** Whether an HTTP answer is transient. Sendmux's `retryable` flag, when present, decides. */
export function isRetryableStatus(statusCode: number, bodyRetryable: boolean | undefined): boolean {
	if (typeof bodyRetryable === 'boolean') return bodyRetryable;
	return TRANSIENT_STATUSES.has(statusCode);
}

export interface RetryWait {
	delayMs: number;
	/** What decided the wait, for logs and error messages. */
	reason: 'retry-after' | 'rate-limit-reset' | 'backoff';
}

type HeaderBag = Record<string, unknown>;

function header(headers: HeaderBag, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * How long to wait before attempt `attempt + 1`. Sendmux's own instructions come first
 * (Retry-After, then X-RateLimit-Reset when the window is spent); otherwise exponential
 * backoff with jitter, capped.
 */
export function retryWait(options: {
	attempt: number;
	statusCode?: number;
	headers?: HeaderBag;
	policy: RetryPolicy;
	nowMs: number;
	random: () => number;
}): RetryWait {
	const { attempt, statusCode, headers = {}, policy, nowMs, random } = options;
	const retryAfter = parseRetryAfter(header(headers, 'retry-after'), nowMs);
	if (retryAfter !== undefined) return { delayMs: retryAfter, reason: 'retry-after' };

	const reset = Number(header(headers, 'x-ratelimit-reset'));
	const remaining = header(headers, 'x-ratelimit-remaining');
	if (Number.isFinite(reset) && reset > 0 && (statusCode === 429 || remaining === '0')) {
		// The reset is a whole second: a little jitter keeps concurrent callers from stampeding.
		const untilReset = Math.max(0, reset * 1000 - nowMs);
		return { delayMs: untilReset + Math.floor(random() * 250), reason: 'rate-limit-reset' };
	}

	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	// "Equal jitter": at least half the step, so backoff still grows under contention.
	return { delayMs: Math.round(step / 2 + random() * (step / 2)), reason: 'backoff' };
}

/** Network failures that say nothing about whether Sendmux acted: retry only if retry-safe. */
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
	'ERR_NETWORK',
	'ERR_BAD_RESPONSE',
]);

export function isTransientNetworkCode(code: string | undefined): boolean {
	return code !== undefined && TRANSIENT_NETWORK_CODES.has(code);
}
