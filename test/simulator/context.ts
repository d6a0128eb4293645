/** What a route handler receives and returns. */
import type { Surface } from '../contract/openapi';
import type { ApiKey, KeyRing } from './auth';
import type { SimClock } from './clock';
import type { CursorPagination } from './envelope';
import type { FieldIssue } from './errors';
import type { EventBus } from './events';
import type { MailFlow } from './mail';
import type { MailboxEventStreams } from './mailboxApi/realtime';
import type { SimulatorSettings } from './options';
import type { SimState } from './state';

export interface SimRequest {
	requestId: string;
	surface: Surface;
	operationId: string;
	method: string;
	/** Path below the surface base, e.g. `/webhooks/whk_…`. */
	path: string;
	pathParams: Record<string, string>;
	query: Record<string, string | string[] | undefined>;
	/** Lower-cased names. */
	headers: Record<string, string | undefined>;
	/** Parsed JSON, a Buffer for binary bodies, or undefined. */
	body: unknown;
	key?: ApiKey;
	/**
	 * Contract findings about single items of an operation with per-item outcomes (batch send):
	 * the handler fails those items instead of the whole request.
	 */
	itemIssues: FieldIssue[];
}

export interface Reply {
	status?: number;
	data?: unknown;
	pagination?: CursorPagination;
	/** Extra `meta` fields (the thread content endpoint has some). */
	meta?: Record<string, unknown>;
	/** Weak ETag of the representation: enables If-None-Match → 304. */
	etag?: string;
	headers?: Record<string, string>;
	/** A non-JSON answer (zone file, attachment bytes). */
	raw?: { contentType: string; body: string | Buffer };
	/**
	 * A held-open answer (`text/event-stream`): the pipeline sends 200 and the headers, then
	 * hands the open response to this function, which writes to it until it or the client closes.
	 */
	stream?: (sink: EventStreamSink) => void;
}

/** An open streaming response, as a handler writes to it. */
export interface EventStreamSink {
	/** Writes bytes now (no-op once closed). */
	write(chunk: string): void;
	/** Ends the response cleanly (the server closed the stream). */
	end(): void;
	/** Cuts the connection without an end, as a network fault would. */
	destroy(): void;
	/** Called once when the stream closed, whichever side closed it. */
	onClose(listener: () => void): void;
	/** Self-check: one event's data against a component schema of the operation's surface. */
	checkEvent(schema: string, data: unknown): void;
}

export interface Sim {
	readonly clock: SimClock;
	readonly state: SimState;
	readonly keys: KeyRing;
	readonly settings: SimulatorSettings;
	readonly events: EventBus;
	readonly mail: MailFlow;
	readonly streams: MailboxEventStreams;
	readonly baseUrls: { sending: string; app: string };
}

export type Handler = (request: SimRequest, sim: Sim) => Reply | Promise<Reply>;

export type HandlerMap = Record<string, Handler>;
