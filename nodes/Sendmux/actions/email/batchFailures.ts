import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { isOutcomeUnknown, unmarkedMessage } from '../../transport/outcome';
import { editorDescription, joinDescriptions } from '../../shared/editorText';

/** A failed message as the batch reply reports it (`results[].error`). */
export interface MessageErrorDetail {
	code: string;
	message: string;
	param?: string;
	doc_url?: string;
	retryable?: boolean;
	errors?: Array<{ field: string; code: string; message: string }>;
}

export interface SlotPlace {
	itemIndex: number;
	/** Position of the message in its batch call, as Sendmux numbers it (`results[].index`). */
	position: number;
	callNumber: number;
	callSize: number;
}

function withContext(error: NodeApiError, context: Record<string, unknown>): NodeApiError {
	error.context.sendmux = context;
	return error;
}

/** One message Sendmux did not queue, while others of its batch may have been. */
export function messageFailure(
	node: INode,
	place: SlotPlace,
	detail: MessageErrorDetail,
	requestId: string | undefined,
): NodeApiError {
	const lines = [
		`Sendmux error code: ${detail.code} for email ${place.position + 1} of batch call ${place.callNumber} (POST /emails/send/batch)`,
	];
	if (detail.param) lines.push(`Parameter: ${detail.param}`);
	for (const issue of detail.errors ?? []) lines.push(`• ${issue.field}: ${issue.message} (${issue.code})`);
	if (detail.doc_url) lines.push(`Docs: ${detail.doc_url}`);
	if (requestId) lines.push(`Request ID: ${requestId} (quote it to Sendmux support)`);
	return withContext(
		new NodeApiError(node, { sendmux: detail as unknown as JsonObject } as JsonObject, {
			message: `Sendmux did not queue the email of item ${place.itemIndex}: ${detail.message}`,
			description: editorDescription(lines),
			itemIndex: place.itemIndex,
		}),
		{
			code: detail.code,
			requestId,
			param: detail.param,
			issues: detail.errors ?? [],
		},
	);
}

interface SendmuxErrorContext {
	code?: string;
	statusCode?: number;
	requestId?: string;
	param?: string;
	issues?: Array<{ field: string; code: string; message: string }>;
}

/** Validation issues of one message: Sendmux names them `messages.3.to.email` or `messages[3].to.email`. */
function issuesOf(issues: SendmuxErrorContext['issues'], position: number) {
	const prefix = new RegExp(`^messages(?:\\.|\\[)${position}(?:\\]|\\.|$)`);
	return (issues ?? []).filter((issue) => prefix.test(issue.field));
}

/**
 * A whole batch call failed (402 credits, 413 too large, 422 every message invalid, or
 * anything else): the error, restated for one of its items so that each item can carry or
 * throw it on its own.
 */
export function callFailure(node: INode, place: SlotPlace, error: unknown): NodeApiError {
	const apiError = error instanceof NodeApiError ? error : undefined;
	const context = (apiError?.context.sendmux ?? {}) as SendmuxErrorContext;
	const unknown = isOutcomeUnknown(error);
	const reason = unmarkedMessage(error);
	const ownIssues = issuesOf(context.issues, place.position);
	const lines = [
		unknown
			? `No answer confirmed batch call ${place.callNumber} (${place.callSize} emails): this item's email may have been sent.`
			: `The whole batch call ${place.callNumber} (${place.callSize} emails) failed; this item's email was not queued.`,
	];
	if (ownIssues.length) {
		lines.push('Issues with this email:', ...ownIssues.map((i) => `• ${i.field}: ${i.message} (${i.code})`));
	}
	const original = (error as { description?: unknown }).description;
	const originalDescription = typeof original === 'string' && original ? original : undefined;
	return withContext(
		new NodeApiError(
			node,
			{ sendmux: { code: context.code ?? 'unknown', status: context.statusCode ?? 0 } } as JsonObject,
			{
				message: unknown
					? `The email of item ${place.itemIndex} may have been sent (no answer confirmed it): ${reason}`
					: `Sendmux did not queue the email of item ${place.itemIndex}: ${reason}`,
				description: joinDescriptions([editorDescription(lines), originalDescription]),
				httpCode: apiError?.httpCode ?? undefined,
				itemIndex: place.itemIndex,
			},
		),
		{ ...context, issues: ownIssues.length ? ownIssues : (context.issues ?? []) },
	);
}
