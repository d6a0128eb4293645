/**
 * The open `GET /mailbox/events` streams: live push of received mail, keep-alive pings,
 * `close_after`, the per-mailbox connection limit, and the faults tests steer (drop, stall,
 * refuse). Stream timers are the scheduler's open-ended ones (`Scheduler.timer`): its `idle()`
 * means "deferred work done", and an open stream is never done. Every timer and stream ends
 * on `closeAll()` (simulator close and reset).
 */
import type { EventStreamSink } from '../context';
import { SimError } from '../errors';
import type { MailboxEventSettings } from '../options';
import type { Scheduler } from '../scheduler.mjs';
import type { MailboxRecord } from '../state';
import { attachmentsOf, messageSummary } from './representation';
import type { MailMessageRecord, MailStore } from './store';

export const STREAM_EVENT_TYPES = ['message.received', 'message.received.spam'] as const;
export type StreamEventType = (typeof STREAM_EVENT_TYPES)[number];
const BODY_MAX_BYTES = 16_384;

export interface StreamRequest {
	mailbox: MailboxRecord;
	store: MailStore;
	teamId: string;
	appBaseUrl: string;
	wanted: StreamEventType[];
	/** The client's position (Last-Event-ID / last_event_id), already checked; undefined: start now. */
	since?: string;
	pingSeconds?: number;
	closeAfterSeconds?: number;
}

export interface StreamCounters {
	/** Streams answered 200. */
	opened: number;
	/** Closed by the client (or its network). */
	closedByClient: number;
	/** Ended by the server: `close_after` ran out. */
	closedByServer: number;
	/** Cut by `drop()` (control), like a network fault. */
	dropped: number;
	/** Refused: too many streams (429) or a `refuse()` window (429/503). */
	refused: number;
	/** Events written (pings and `id:`-only blocks not counted). */
	eventsSent: number;
}

export interface StreamStats {
	open: number;
	openByMailbox: Record<string, number>;
	stalled: number;
	counters: StreamCounters;
	refusing: { status: 429 | 503; untilMs: number } | null;
}

interface OpenStream {
	id: number;
	mailboxId: string;
	request: StreamRequest;
	sink?: EventStreamSink;
	/** Where the next scan of the mailbox's changes starts. */
	cursor: string;
	stalled: boolean;
	flushQueued: boolean;
	closedBy?: 'server' | 'drop';
	/** Cancels the stream's ping and `close_after` timers. */
	timers: Array<() => void>;
	stopListening: () => void;
}

const zeroCounters = (): StreamCounters => ({ opened: 0, closedByClient: 0, closedByServer: 0, dropped: 0, refused: 0, eventsSent: 0 });

export class MailboxEventStreams {
	private readonly streams = new Map<number, OpenStream>();
	private nextId = 1;
	private counters = zeroCounters();
	private refusal: { status: 429 | 503; untilMs: number; retryAfterSeconds: number } | null = null;

	constructor(
		private readonly settings: () => MailboxEventSettings,
		private readonly now: () => number,
		private readonly scheduler: Scheduler,
	) {}

	/**
	 * Admits a new stream for `request.mailbox` (or throws the 429/503 a client would get) and
	 * returns the function the pipeline hands the open response to. The slot counts from now.
	 */
	open(request: StreamRequest): (sink: EventStreamSink) => void {
		this.admit(request.mailbox.id);
		const stream: OpenStream = {
			id: this.nextId++,
			mailboxId: request.mailbox.id,
			request,
			cursor: request.since ?? request.store.state,
			stalled: false,
			flushQueued: false,
			timers: [],
			stopListening: () => undefined,
		};
		this.streams.set(stream.id, stream);
		return (sink) => this.attach(stream, sink);
	}

	stats(): StreamStats {
		const openByMailbox: Record<string, number> = {};
		for (const stream of this.streams.values()) openByMailbox[stream.mailboxId] = (openByMailbox[stream.mailboxId] ?? 0) + 1;
		const refusing = this.refusal && this.refusal.untilMs > this.now() ? { status: this.refusal.status, untilMs: this.refusal.untilMs } : null;
		return {
			open: this.streams.size,
			openByMailbox,
			stalled: [...this.streams.values()].filter((s) => s.stalled).length,
			counters: { ...this.counters },
			refusing,
		};
	}

	/** Cuts every open stream now, without an end (a network fault). Returns how many. */
	drop(): number {
		const streams = [...this.streams.values()];
		for (const stream of streams) {
			stream.closedBy = 'drop';
			this.counters.dropped++;
			stream.sink?.destroy();
			this.forget(stream);
		}
		return streams.length;
	}

	/** Every open stream stops sending anything, pings included, but stays open. Returns how many. */
	stall(): number {
		const streams = [...this.streams.values()];
		for (const stream of streams) stream.stalled = true;
		return streams.length;
	}

	/** New streams are refused with `status` for `forMs` (open ones carry on). */
	refuse(status: 429 | 503, forMs: number, retryAfterSeconds = 1): void {
		this.refusal = { status, untilMs: this.now() + forMs, retryAfterSeconds };
	}

	/** Ends every stream and timer (simulator close and reset); counters start over. */
	closeAll(): void {
		for (const stream of [...this.streams.values()]) {
			stream.closedBy = 'drop';
			stream.sink?.destroy();
			this.forget(stream);
		}
		this.counters = zeroCounters();
		this.refusal = null;
	}

	private admit(mailboxId: string): void {
		const refusal = this.refusal;
		if (refusal && refusal.untilMs > this.now()) {
			this.counters.refused++;
			const headers = { 'Retry-After': String(refusal.retryAfterSeconds) };
			if (refusal.status === 429) throw new SimError(429, 'rate_limit_exceeded', 'Too many realtime connections (injected refusal).', { headers });
			throw new SimError(503, 'service_unavailable', 'Realtime events unavailable (injected refusal). Retry after the indicated delay.', { headers });
		}
		const limit = this.settings().maxStreamsPerMailbox;
		const open = [...this.streams.values()].filter((s) => s.mailboxId === mailboxId).length;
		if (open >= limit) {
			this.counters.refused++;
			throw new SimError(429, 'rate_limit_exceeded', `Too many realtime connections: this mailbox already has ${open} open event streams (limit ${limit}). Close one, or reuse it.`, {
				headers: { 'Retry-After': '5' },
			});
		}
	}

	private attach(stream: OpenStream, sink: EventStreamSink): void {
		stream.sink = sink;
		this.counters.opened++;
		sink.onClose(() => {
			if (!stream.closedBy) this.counters.closedByClient++;
			this.forget(stream);
		});
		const { request } = stream;
		const settings = this.settings();
		sink.write(`retry: ${settings.retryMs}\n\n`);
		if (request.since === undefined) sink.write(`id: ${stream.cursor}\n\n`);
		this.flush(stream);
		const listener = () => this.queueFlush(stream);
		request.store.listeners.add(listener);
		stream.stopListening = () => request.store.listeners.delete(listener);
		const ms = (seconds: number) => seconds * settings.msPerSecond;
		const ping = this.scheduler.timer(
			ms(request.pingSeconds ?? settings.defaultPingSeconds),
			() => {
				if (!stream.stalled) sink.write(': ping\n\n');
			},
			{ repeat: true },
		);
		stream.timers.push(ping);
		if (request.closeAfterSeconds !== undefined) {
			stream.timers.push(
				this.scheduler.timer(ms(request.closeAfterSeconds), () => {
					stream.closedBy = 'server';
					this.counters.closedByServer++;
					this.forget(stream);
					sink.end();
				}),
			);
		}
	}

	/** Mail changes come in bursts (a message records several changes): one scan per burst. */
	private queueFlush(stream: OpenStream): void {
		if (stream.flushQueued) return;
		stream.flushQueued = true;
		queueMicrotask(() => {
			stream.flushQueued = false;
			if (this.streams.has(stream.id)) this.flush(stream);
		});
	}

	/** Writes the events since the stream's cursor; a stalled stream keeps them back. */
	private flush(stream: OpenStream): void {
		const { sink, request } = stream;
		if (!sink || stream.stalled) return;
		const { store } = request;
		const scan = store.messagesCreatedSince(stream.cursor, 'last_event_id');
		if (scan.syncRequired) {
			stream.cursor = store.state;
			this.send(stream, 'sync_required', stream.cursor, syncRequiredEvent(request, new Date(this.now()).toISOString()));
			return;
		}
		const junk = store.folderByRole('junk').id;
		for (const { id, state } of scan.created) {
			stream.cursor = state;
			const message = store.messages.get(id);
			if (!message || message.receivedAt === null) continue;
			const spam = message.folderIds.includes(junk);
			const eventType: StreamEventType = spam ? 'message.received.spam' : 'message.received';
			if (!request.wanted.includes(eventType)) continue;
			this.send(stream, eventType, state, receivedEvent(request, message, eventType, spam));
		}
		stream.cursor = store.state;
	}

	private send(stream: OpenStream, eventType: string, id: string, data: object): void {
		if (!stream.sink) return;
		stream.sink.checkEvent('MailboxRealtimeEvent', data);
		stream.sink.write(`id: ${id}\nevent: ${eventType}\ndata: ${JSON.stringify(data)}\n\n`);
		this.counters.eventsSent++;
	}

	private forget(stream: OpenStream): void {
		stream.timers.forEach((cancel) => cancel());
		stream.timers = [];
		stream.stopListening();
		this.streams.delete(stream.id);
	}
}

function receivedEvent(request: StreamRequest, message: MailMessageRecord, eventType: StreamEventType, spam: boolean): object {
	const cap = (value: string | null) => (value === null ? null : value.slice(0, BODY_MAX_BYTES));
	return {
		event_type: eventType,
		team_public_id: request.teamId,
		mailbox_id: request.mailbox.id,
		message_id: message.rfcMessageId,
		message_id_kind: 'rfc5322',
		sender: message.from.email,
		recipients: [request.mailbox.email],
		is_spam: spam,
		message: {
			...messageSummary(message, request.appBaseUrl),
			attachments: attachmentsOf(message, request.appBaseUrl),
			rfc5322_message_id: message.rfcMessageId,
			body: {
				text: cap(message.text),
				html: cap(message.html),
				is_truncated: (message.text?.length ?? 0) > BODY_MAX_BYTES || (message.html?.length ?? 0) > BODY_MAX_BYTES,
				max_bytes: BODY_MAX_BYTES,
			},
		},
		occurred_at: new Date(message.receivedAt ?? 0).toISOString(),
	};
}

/**
 * The events since the client's ID are gone: it must resync from the change feed, then carry
 * on from this event's `id:`. No message, so every message field is null (see specPatches:
 * `MailboxRealtimeMessage` is nullable, as its own second branch declares).
 */
function syncRequiredEvent(request: StreamRequest, at: string): object {
	return {
		event_type: 'sync_required',
		team_public_id: request.teamId,
		mailbox_id: request.mailbox.id,
		message_id: null,
		message_id_kind: null,
		sender: null,
		recipients: [],
		is_spam: null,
		message: null,
		occurred_at: at,
	};
}
