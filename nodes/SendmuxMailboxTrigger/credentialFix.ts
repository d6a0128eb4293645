import { NodeApiError } from 'n8n-workflow';

import { CREDENTIAL_DISPLAY_NAME } from '../Sendmux/transport/apiKey';

const CREDENTIAL = `"${CREDENTIAL_DISPLAY_NAME.mailbox}" credential`;

/** The HTTP status of Sendmux's answer, when the error is one. */
export function statusOf(error: unknown): number | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const status = Number(error.httpCode);
	return Number.isInteger(status) ? status : undefined;
}

export const isAuthStatus = (status: number | undefined): status is 401 | 403 => status === 401 || status === 403;

const FIX: Record<401 | 403, { message: string; description: string }> = {
	401: {
		message: `Sendmux did not accept the API key: replace it in the ${CREDENTIAL}`,
		description: `Sendmux did not accept the API key. Open the ${CREDENTIAL} and paste a valid mailbox key (smx_mbx_…); a revoked or rotated key must be replaced.`,
	},
	403: {
		message: `The API key may not read this mailbox: use a mailbox key with mailbox.read in the ${CREDENTIAL}`,
		description: `The API key may not read this mailbox's events. Use a mailbox key (smx_mbx_…) with mailbox.read for this mailbox in the ${CREDENTIAL}, or pick a mailbox the key may use.`,
	},
};

/**
 * Sendmux's refusal of the key (401, 403), with what to change in n8n in the message itself:
 * n8n 2.41 shows only the message where a trigger's failure surfaces (the workflow's
 * activation error, the publication's error), never the description. Sendmux's own words
 * follow in brackets; the description keeps the details. Any other error is returned as is.
 */
export function withCredentialFix<E>(error: E): E {
	const status = statusOf(error);
	if (!isAuthStatus(status)) return error;
	const apiError = error as NodeApiError;
	const fix = FIX[status];
	if (!apiError.message.startsWith(fix.message)) apiError.message = `${fix.message} (Sendmux: ${apiError.message})`;
	if (!apiError.description?.startsWith(fix.description)) {
		apiError.description = `${fix.description}\n\n${apiError.description ?? ''}`.trim();
	}
	return error;
}
