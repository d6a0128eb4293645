/** The two shapes every Sendmux JSON answer takes. */
import type { SimError } from './errors';

export interface CursorPagination {
	has_more: boolean;
	next_cursor?: string;
}

export interface SuccessEnvelope {
	ok: true;
	data: unknown;
	pagination?: CursorPagination;
	meta: { request_id: string } & Record<string, unknown>;
}

export interface ErrorEnvelope {
	ok: false;
	error: {
		code: string;
		message: string;
		param?: string;
		doc_url: string;
		retryable: boolean;
		errors?: Array<{ field: string; code: string; message: string }>;
	};
	meta: { request_id: string };
}

export function successEnvelope(
	requestId: string,
	data: unknown,
	pagination?: CursorPagination,
	meta: Record<string, unknown> = {},
): SuccessEnvelope {
	return {
		ok: true,
		data,
		...(pagination ? { pagination } : {}),
		meta: { ...meta, request_id: requestId },
	};
}

export function errorEnvelope(requestId: string, error: SimError): ErrorEnvelope {
	return {
		ok: false,
		error: {
			code: error.code,
			message: error.message,
			...(error.options.param ? { param: error.options.param } : {}),
			doc_url: `https://docs.sendmux.ai/api-reference/errors#${error.code}`,
			retryable: error.retryable,
			...(error.options.errors?.length ? { errors: error.options.errors } : {}),
		},
		meta: { request_id: requestId },
	};
}
