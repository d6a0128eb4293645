import type { IDataObject, IHttpRequestOptions, NodeApiError } from 'n8n-workflow';

import { refuseOutOfSpec } from '../../Sendmux/shared/specRules';
import { CREDENTIAL_DISPLAY_NAME } from '../../Sendmux/transport/apiKey';
import { sendmuxApiError } from '../../Sendmux/transport/errors';
import { resolveSurface } from '../../Sendmux/transport/request';
import { parseRetryAfter } from '../../Sendmux/transport/retry';
import { SURFACES } from '../../Sendmux/transport/surfaces';
import type { MailboxTriggerContext } from '../context';

export const EVENTS_PATH = '/mailbox/events';

/** Seconds between the keep-alive comments the trigger asks Sendmux for (`ping`, 10–300). */
export const PING_SECONDS = 30;

/** The most bytes of a refusal's body read to explain it (error envelopes are small). */
const MAX_ERROR_BYTES = 64 * 1024;

export interface StreamRequest {
	mailbox: IDataObject;
	/** Resume after this event (`Last-Event-ID`); none starts at "now". */
	lastEventId?: string;
	/** `event_types`: which received-mail events to send. */
	eventTypes: string[];
	signal: AbortSignal;
}

/** A chunked body as n8n's helpers return it with `encoding: 'stream'`. */
export type ByteStream = AsyncIterable<Uint8Array | string> & { destroy?: (error?: Error) => void };

export type StreamAnswer =
	| { kind: 'open'; body: ByteStream; requestId?: string }
	| { kind: 'refused'; statusCode: number; error: NodeApiError; retryAfterMs?: number };

interface FullStreamResponse {
	body: ByteStream;
	headers: Record<string, unknown>;
	statusCode: number;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
	const value = Array.isArray(entry?.[1]) ? (entry?.[1] as unknown[])[0] : entry?.[1];
	return typeof value === 'string' ? value : undefined;
}

/** Retry-After in milliseconds (seconds or an HTTP date), read as every other request reads it. */
function retryAfterMs(headers: Record<string, unknown>): number | undefined {
	return parseRetryAfter(header(headers, 'retry-after'), Date.now());
}

async function readSmallBody(body: ByteStream): Promise<unknown> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
		chunks.push(bytes);
		size += bytes.length;
		if (size > MAX_ERROR_BYTES) break;
	}
	body.destroy?.();
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * `GET /mailbox/events` through n8n's authenticated request helper, as a byte stream. No
 * timeout: the caller watches the connection (keep-alive pings) and aborts it through
 * `signal`. A refusal comes back as Sendmux's error (never thrown), so the caller decides.
 */
export async function openEventStream(ctx: MailboxTriggerContext, request: StreamRequest): Promise<StreamAnswer> {
	const qs: IDataObject = { ping: PING_SECONDS, event_types: request.eventTypes.join(','), ...request.mailbox };
	refuseOutOfSpec(ctx.getNode(), { method: 'GET', path: EVENTS_PATH, qs });
	const { baseUrl, credentialType } = await resolveSurface(ctx, 'mailbox');
	const headers: Record<string, string> = { Accept: 'text/event-stream' };
	if (request.lastEventId) headers['Last-Event-ID'] = request.lastEventId;
	const options: IHttpRequestOptions = {
		method: 'GET',
		url: `${baseUrl}${EVENTS_PATH}`,
		qs,
		headers,
		json: false,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		abortSignal: request.signal,
	};
	const response = (await ctx.helpers.httpRequestWithAuthentication.call(
		ctx,
		credentialType,
		options,
	)) as FullStreamResponse;
	if (response.statusCode >= 200 && response.statusCode < 300) {
		return { kind: 'open', body: response.body, requestId: header(response.headers, 'x-request-id') };
	}
	const body = await readSmallBody(response.body);
	const surface = SURFACES.mailbox;
	return {
		kind: 'refused',
		statusCode: response.statusCode,
		retryAfterMs: retryAfterMs(response.headers),
		error: sendmuxApiError(ctx.getNode(), response.statusCode, body, response.headers, {
			method: 'GET',
			path: EVENTS_PATH,
			baseUrl: {
				label: surface.baseUrlLabel,
				credential: CREDENTIAL_DISPLAY_NAME[surface.keyClass],
				defaultUrl: surface.defaultBaseUrl,
			},
		}),
	};
}
