import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import { editorDescription } from '../shared/editorText';

/** Sendmux's error envelope, as both specs define it. */
export interface SendmuxErrorBody {
	ok: false;
	error: {
		code: string;
		message: string;
		param?: string;
		doc_url?: string;
		retryable?: boolean;
		errors?: Array<{ field: string; code: string; message: string }>;
	};
	meta?: { request_id?: string };
}

export function isSendmuxErrorBody(body: unknown): body is SendmuxErrorBody {
	if (!body || typeof body !== 'object') return false;
	const error = (body as { error?: unknown }).error;
	return (
		(body as { ok?: unknown }).ok === false &&
		!!error &&
		typeof error === 'object' &&
		typeof (error as { code?: unknown }).code === 'string'
	);
}

/** What went wrong, in the terms a user can act on; one sentence each. */
const CODE_HINTS: Record<string, string> = {
	authentication_required:
		'Sendmux did not accept the API key: it may be revoked or mistyped. Create a new key under Settings → API Keys and update the credential.',
	insufficient_permissions:
		'The API key is valid but may not do this. Mailbox keys cannot call management routes and root keys cannot read mailboxes; send-only keys cannot read the Mailbox API.',
	billing_restricted: "The team's billing blocks this action. Check Billing in the Sendmux app.",
	insufficient_credits: 'The team has too few credits for this send. Top up in the Sendmux app under Billing.',
	not_found: 'Nothing with that ID exists in this team. Check the ID, or pick the item from the list.',
	limit_exceeded: "The team's plan limit is reached. Remove something unused or upgrade the plan.",
	idempotency_conflict:
		'This Idempotency-Key was already used for a different request in the last 24 hours. Use a key that is unique to this action.',
	payload_too_large: 'The request is too large (25 MB at most). Send large files as uploaded attachments.',
	rate_limit_exceeded:
		'Sendmux kept answering "too many requests" after every retry. Lower the number of parallel requests or raise Max Attempts in the node options.',
	service_unavailable: 'Sendmux is temporarily unavailable. Try again in a few minutes.',
	no_active_providers: 'No sending account is active. Activate one under Sending Accounts in the Sendmux app.',
	internal_error: 'Sendmux failed to handle the request. Try again; if it persists, contact support with the request ID.',
};

export interface ApiErrorContext {
	method: string;
	path: string;
	itemIndex?: number;
	/** The request was conditional (If-Match): a 409 then means the resource changed. */
	conditional?: boolean;
	attempts?: number;
	/** A transient failure that was not retried because repeating the request is not safe. */
	notRetried?: boolean;
	/** The credential field the request's base URL came from, for answers that are not Sendmux's. */
	baseUrl?: { label: string; credential: string; defaultUrl: string };
}

/** Where to fix a base URL that leads somewhere other than Sendmux. */
function baseUrlLine(context: ApiErrorContext): string {
	const where = context.baseUrl;
	if (!where) return 'Check that the base URL in the credential is right.';
	return `Check the "${where.label}" of the "${where.credential}" credential (Sendmux's is ${where.defaultUrl}).`;
}

/** Why a transient failure was not retried, for the error description. */
function notRetriedLine(context: ApiErrorContext): string | undefined {
	if (!context.notRetried) return undefined;
	return `Not retried: Sendmux cannot recognise a repeat of ${context.method} ${context.path} (it takes no Idempotency-Key), so a retry could do it twice. Run the node again if it is needed.`;
}

/** The request ID Sendmux gave the reply: from the body, else the header. */
export function requestIdOf(body: unknown, headers: Record<string, unknown>): string | undefined {
	const fromBody = (body as SendmuxErrorBody | undefined)?.meta?.request_id;
	const fromHeader = headers['x-request-id'];
	return fromBody ?? (typeof fromHeader === 'string' ? fromHeader : undefined);
}

/**
 * Sendmux's error envelope → `NodeApiError`: Sendmux's message as the message; its code,
 * parameter, every field issue, documentation link and the request ID in the description.
 * Built from the parsed body only, so nothing of the request (its key) can leak into it.
 */
export function sendmuxApiError(
	node: INode,
	statusCode: number,
	body: unknown,
	headers: Record<string, unknown>,
	context: ApiErrorContext,
): NodeApiError {
	const requestId = requestIdOf(body, headers);
	const envelope = isSendmuxErrorBody(body) ? body : undefined;
	const error = envelope?.error;
	const code = error?.code ?? `http_${statusCode}`;
	const lines: string[] = [];
	lines.push(`Sendmux error code: ${code} (HTTP ${statusCode}) on ${context.method} ${context.path}`);
	if (error?.param) lines.push(`Parameter: ${error.param}`);
	for (const issue of error?.errors ?? []) {
		lines.push(`• ${issue.field}: ${issue.message} (${issue.code})`);
	}
	let hint = CODE_HINTS[code];
	if (statusCode === 409 && code === 'conflict' && context.conditional) {
		hint =
			'The resource changed since its ETag was read ("only if unchanged"). Fetch it again and retry with the new ETag.';
	}
	if (hint) lines.push(hint);
	if (context.attempts && context.attempts > 1) lines.push(`Attempts: ${context.attempts}`);
	const notRetried = notRetriedLine(context);
	if (notRetried) lines.push(notRetried);
	if (!envelope) lines.push(`The answer is not Sendmux's: the base URL may lead somewhere else. ${baseUrlLine(context)}`);
	if (error?.doc_url) lines.push(`Docs: ${error.doc_url}`);
	if (requestId) lines.push(`Request ID: ${requestId} (quote it to Sendmux support)`);

	const message =
		error?.message ??
		(typeof body === 'string' && body.trim() && body.length < 300
			? body.trim()
			: `Sendmux answered HTTP ${statusCode}`);
	const apiError = new NodeApiError(
		node,
		{
			sendmux: envelope ? (envelope as unknown as JsonObject) : { status: statusCode },
		} as JsonObject,
		{
			message,
			description: editorDescription(lines),
			httpCode: String(statusCode),
			itemIndex: context.itemIndex,
		},
	);
	apiError.context.sendmux = {
		code,
		statusCode,
		requestId,
		param: error?.param,
		issues: error?.errors ?? [],
	};
	return apiError;
}

/**
 * Plain words for network codes. The code itself stays out of the message: n8n replaces a
 * message that mentions one with its own generic sentence, which would drop the host.
 */
const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was dropped',
	ECONNABORTED: 'the request timed out',
	ETIMEDOUT: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
	ENETUNREACH: 'the network is unreachable',
	EHOSTUNREACH: 'the host is unreachable',
	EPIPE: 'the connection was dropped',
};

/** A request that never got an HTTP answer: names the host, never the key. */
export function sendmuxNetworkError(
	node: INode,
	url: string,
	networkCode: string | undefined,
	reason: string,
	context: ApiErrorContext,
): NodeApiError {
	const host = safeHost(url);
	const apiError = new NodeApiError(
		node,
		{ network: { host, reason: networkCode ?? 'unknown' } },
		{
			message: `Could not reach Sendmux at ${host}: ${
				(networkCode && NETWORK_WORDS[networkCode]) ?? 'no answer'
			}`,
			description: editorDescription([
				`${context.method} ${context.path} got no answer: ${reason}${networkCode ? ` (${networkCode})` : ''}.`,
				context.attempts && context.attempts > 1 ? `Attempts: ${context.attempts}` : undefined,
				notRetriedLine(context),
				`Check that n8n can reach this host (proxy, firewall, DNS). ${baseUrlLine(context)}`,
			]),
			itemIndex: context.itemIndex,
		},
	);
	apiError.context.sendmux = { code: 'network_error', networkCode, host };
	return apiError;
}

export function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'an invalid base URL';
	}
}

/** Details a Continue On Fail item carries, so the workflow can branch on them. */
export function errorDetails(error: unknown): IDataObject {
	const message = error instanceof Error ? error.message : String(error);
	const details: IDataObject = { error: message };
	const context = (error as { context?: { sendmux?: IDataObject } }).context;
	if (context?.sendmux) Object.assign(details, context.sendmux);
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description) details.description = description;
	return details;
}
