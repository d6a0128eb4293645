import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { isSendmuxErrorBody } from './errors';
import { editorDescription, joinDescriptions } from '../shared/editorText';

/**
 * What one failed attempt tells about whether Sendmux carried the request out.
 *
 * - `unknown`: the request may have reached Sendmux and been acted on, but no answer says so:
 *   the connection dropped or timed out after it was sent, a gateway answered for Sendmux
 *   (a 5xx without Sendmux's envelope), Sendmux failed half-way (500 `internal_error`), or the
 *   same key is still in flight (409 `idempotency_conflict`, retryable).
 * - `refused`: Sendmux saw the request and did not act on it (400, 402, 404, 413, 422…). With
 *   an Idempotency-Key this also settles every earlier attempt: had one of them been carried
 *   out, Sendmux would have replayed its answer instead.
 * - `notSent`: nothing about the request was decided: the connection never opened, or a gate
 *   in front of the handler (rate limit, 503 `service_unavailable`, authentication) turned it
 *   away. Earlier attempts stay as unknown as they were.
 */
export type AttemptOutcome = 'unknown' | 'refused' | 'notSent';

/** Network failures that happen before a request leaves: nothing can have been acted on. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export function networkFailureOutcome(networkCode: string | undefined): AttemptOutcome {
	return networkCode !== undefined && NEVER_SENT_CODES.has(networkCode) ? 'notSent' : 'unknown';
}

/** Sendmux's gates before any handler runs: their refusals decide nothing about the request. */
const GATE_CODES = new Set([
	'rate_limit_exceeded',
	'service_unavailable',
	'authentication_required',
	'insufficient_permissions',
]);

export function answerOutcome(statusCode: number, body: unknown): AttemptOutcome {
	if (!isSendmuxErrorBody(body)) {
		// Someone other than Sendmux answered (a proxy, a gateway timing out on Sendmux).
		return statusCode >= 500 || statusCode === 408 ? 'unknown' : 'notSent';
	}
	const { code, retryable } = body.error;
	if (code === 'internal_error') return 'unknown';
	if (code === 'idempotency_conflict') return retryable === true ? 'unknown' : 'refused';
	if (GATE_CODES.has(code) || statusCode === 429 || statusCode >= 500) return 'notSent';
	return 'refused';
}

interface OutcomeUnknownDetails {
	/** What the request does, for the message: "the email", "the emails of this batch call". */
	sends?: string;
	idempotencyKey: string;
	/** The attempt that may have been acted on, in words, for the description. */
	firstUnknown: string;
}

/** The message of an error before it was marked, for errors restated per item (batch calls). */
const unmarkedMessages = new WeakMap<NodeApiError, string>();

/**
 * Turns the final error of a request whose outcome is unknown into an error that says so:
 * its message says the action may have been carried out, its description how to repeat it
 * safely, and its details (what a Continue On Fail item carries) hold `outcome: 'unknown'`
 * and the `idempotency_key` to repeat it with.
 */
export function markOutcomeUnknown(error: NodeApiError, details: OutcomeUnknownDetails): NodeApiError {
	const { sends, idempotencyKey, firstUnknown } = details;
	unmarkedMessages.set(error, error.message);
	const subject = sends ? `${sends.charAt(0).toUpperCase()}${sends.slice(1)} may have been sent` : 'Sendmux may have carried out this request';
	error.message = `${subject} (no answer confirmed it): ${error.message}`;
	error.description = joinDescriptions([
		editorDescription([
			`${firstUnknown}: the request may have reached Sendmux, and no later attempt got an answer that settles it.`,
		sends
			? `Check the delivery logs (or the mailbox's Sent folder) before sending it again with a new key.`
			: 'Check in Sendmux before repeating it with a new key.',
		`To repeat it safely, repeat it with the same Idempotency-Key within 24 hours: Sendmux then acts only if the first attempt did not, and otherwise answers with the original result. Retry On Fail reuses the key; running the workflow again derives a new one unless Options → Idempotency Key is set from your data (for example {{ $json.orderId }}).`,
			`Idempotency-Key: ${idempotencyKey}`,
		]),
		error.description ?? undefined,
	]);
	const context = (error.context.sendmux ?? {}) as IDataObject;
	error.context.sendmux = { ...context, outcome: 'unknown', idempotency_key: idempotencyKey };
	return error;
}

export function isOutcomeUnknown(error: unknown): boolean {
	const context = (error as { context?: { sendmux?: IDataObject } } | undefined)?.context?.sendmux;
	return context?.outcome === 'unknown';
}

/** The message an outcome-unknown error had before it was marked (its own message otherwise). */
export function unmarkedMessage(error: unknown): string {
	if (error && typeof error === 'object' && unmarkedMessages.has(error as NodeApiError)) {
		return unmarkedMessages.get(error as NodeApiError) as string;
	}
	return error instanceof Error ? error.message : String(error);
}
