/**
 * Sendmux's error envelope as a throwable: handlers throw, the server answers.
 * Codes, statuses and `retryable` defaults follow /work/shared/sendmux-api/README.md.
 */
export interface FieldIssue {
	/** Dot path to the failing field, e.g. `to.email` or `messages.2.subject`. */
	field: string;
	code: string;
	message: string;
}

export interface SimErrorOptions {
	param?: string;
	errors?: FieldIssue[];
	retryable?: boolean;
	headers?: Record<string, string>;
}

export class SimError extends Error {
	readonly retryable: boolean;

	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly options: SimErrorOptions = {},
	) {
		super(message);
		this.retryable = options.retryable ?? (status === 429 || status >= 500);
	}
}

export const notFound = (what: string, param?: string): SimError =>
	new SimError(404, 'not_found', `${what} not found`, { param });

export const conflict = (message: string, headers?: Record<string, string>): SimError =>
	new SimError(409, 'conflict', message, { headers });

export const unprocessable = (message: string, field: string, code = 'custom'): SimError =>
	new SimError(422, 'validation_error', message, {
		param: field,
		errors: [{ field, code, message }],
	});

export const forbidden = (message: string): SimError =>
	new SimError(403, 'insufficient_permissions', message);
