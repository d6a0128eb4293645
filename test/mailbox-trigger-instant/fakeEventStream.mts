/**
 * Sendmux's `GET /mailbox/events` behind the contract-checked fake: every request is
 * validated against openapi-app.json (ping range, event_types…), every event against
 * `MailboxRealtimeEvent`, every refusal against the error envelope. A connection stays open
 * until the test drops it; events written meanwhile reach the trigger in chunks, split where
 * the test says.
 *
 * Event IDs are `e<n>`. A request with Last-Event-ID (header or `last_event_id`) gets the
 * events after it replayed first; an ID older than `forgetBefore` gets a `sync_required`
 * event; an ID never issued gets 400.
 */
import { PassThrough } from 'node:stream';

import { openApiContract } from '../contract/openapi';
import { errorEnvelope, requestId, type RecordedRequest, type Reply, type SendmuxApi } from '../harness/sendmuxApi';
import { APP_BASE_URL } from '../harness/workflow';
import type { FakeMailbox } from '../mailbox-trigger/fakeMailbox';

import nock from 'nock';

interface LoggedEvent {
	id: string;
	type: string;
	data: Record<string, unknown>;
}

export interface Connection {
	request: RecordedRequest;
	stream: PassThrough;
	/** Ended by the server (the test), or not. */
	ended: boolean;
}

export class FakeEventStream {
	readonly connections: Connection[] = [];
	private readonly log: LoggedEvent[] = [];
	private refusals: Reply[] = [];
	private forgetBefore = 0;
	/** The next this many connections answer 200 and end at once, without a byte. */
	emptyStreams = 0;
	/** How a resume too old for the history is told: an event (the spec's type) or a comment (the simulator's). */
	syncRequiredAs: 'event' | 'comment' = 'event';
	private seq = 0;

	constructor(
		readonly api: SendmuxApi,
		private readonly mailbox: FakeMailbox,
	) {
		this.install();
	}

	/** The requests to /mailbox/events, in order. */
	get requests(): RecordedRequest[] {
		return this.connectionsAsked;
	}

	private readonly connectionsAsked: RecordedRequest[] = [];

	/** The connection open now (the last one, if the server has not ended it). */
	get open(): Connection | undefined {
		const last = this.connections[this.connections.length - 1];
		return last && !last.ended ? last : undefined;
	}

	/** The next requests are refused with these replies, in order. */
	refuse(...replies: Reply[]): void {
		this.refusals.push(...replies);
	}

	static refusal(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
		return [
			status,
			errorEnvelope(code, message, {
				retryable: status >= 500 || status === 429,
			}),
			headers,
		];
	}

	/** Events before the current one are gone: resuming before it gets sync_required. */
	forgetHistory(): void {
		this.forgetBefore = this.seq + 1;
	}

	/**
	 * The event for a message the fake mailbox received, as `MailboxRealtimeEvent`.
	 * `sparse`: every nullable field null, as the spec allows.
	 */
	eventFor(messageId: string, options: { sparse?: boolean; spam?: boolean; nullMessage?: boolean } = {}): Record<string, unknown> {
		const stored = this.mailbox.messages.find((m) => m.id === messageId);
		if (!stored) throw new Error(`no message ${messageId} in the fake mailbox`);
		const type = options.spam ? 'message.received.spam' : 'message.received';
		const summary = this.mailbox.item(stored, 'none').message as Record<string, unknown> & {
			from?: { email: string } | null;
		};
		if (options.nullMessage) {
			// The spec's MailboxRealtimeMessage declares itself nullable: an event that names no message.
			return {
				event_type: type,
				team_public_id: 'team_1',
				mailbox_id: 'mbx_1',
				message_id: null,
				message_id_kind: null,
				sender: null,
				recipients: [],
				is_spam: null,
				message: null,
				occurred_at: stored.receivedAt,
			};
		}
		if (options.sparse) {
			// The spec's allOf makes `message` an object (its summary branch is one), so the
			// nullable fields are what can be null.
			return {
				event_type: type,
				team_public_id: 'team_1',
				mailbox_id: 'mbx_1',
				message_id: null,
				message_id_kind: null,
				sender: null,
				recipients: [],
				is_spam: null,
				message: { ...summary, rfc5322_message_id: null, body: { text: null, html: null, is_truncated: false, max_bytes: 65536 } },
				occurred_at: stored.receivedAt,
			};
		}
		return {
			event_type: type,
			team_public_id: 'team_1',
			mailbox_id: 'mbx_1',
			message_id: `<${messageId}@customer.test>`,
			message_id_kind: 'rfc5322',
			sender: summary.from?.email ?? null,
			recipients: ['agent@acme.test'],
			is_spam: options.spam === true,
			message: {
				...summary,
				rfc5322_message_id: `<${messageId}@customer.test>`,
				body: {
					text: 'Hello',
					html: null,
					is_truncated: false,
					max_bytes: 65536,
				},
			},
			occurred_at: stored.receivedAt,
		};
	}

	/** Logs an event and writes it to the open connection (if any), optionally in two chunks. */
	announce(messageId: string, options: { sparse?: boolean; spam?: boolean; nullMessage?: boolean; splitAt?: number } = {}): string {
		const data = this.eventFor(messageId, options);
		this.api.check(openApiContract().validateComponent('app', 'MailboxRealtimeEvent', data));
		this.seq += 1;
		const event: LoggedEvent = {
			id: `e${this.seq}`,
			type: String(data.event_type),
			data,
		};
		this.log.push(event);
		const text = this.frame(event);
		const open = this.open;
		if (open) {
			if (options.splitAt === undefined) open.stream.write(text);
			else {
				const bytes = Buffer.from(text, 'utf8');
				open.stream.write(bytes.subarray(0, options.splitAt));
				open.stream.write(bytes.subarray(options.splitAt));
			}
		}
		return event.id;
	}

	/** A keep-alive comment on the open connection. */
	ping(): void {
		this.open?.stream.write(': ping\n\n');
	}

	/** Raw text on the open connection. */
	write(text: string): void {
		this.open?.stream.write(text);
	}

	/** The server ends the open connection (a drop, or close_after running out). */
	drop(): void {
		const open = this.open;
		if (!open) return;
		open.ended = true;
		open.stream.end();
	}

	private frame(event: LoggedEvent): string {
		return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
	}

	private install(): void {
		const path = '/api/v1/mailbox/events';
		const onRequest = this.onRequest.bind(this);
		nock(new URL(APP_BASE_URL).origin)
			.get(path)
			.query(true)
			.times(10_000)
			.reply(function (uri, _body, callback) {
				// nock gives the request as `this`: its headers carry Last-Event-ID.
				onRequest(uri, this.req.headers, callback);
			});
	}

	private onRequest(
		uri: string,
		requestHeaders: Record<string, string | string[] | undefined>,
		callback: (error: Error | null, reply: [number, string | PassThrough, Record<string, string>]) => void,
	): void {
		const request = this.api.record('app', 'GET', uri, requestHeaders, undefined);
		this.connectionsAsked.push(request);
		const refusal = this.refusals.shift();
		if (refusal) {
			const [status, replyBody, headers = {}] = refusal;
			const finalHeaders = {
				'Content-Type': 'application/json',
				'X-Request-Id': requestId(),
				...headers,
			};
			this.api.check(
				openApiContract().validateResponse('app', request, {
					status,
					headers: finalHeaders,
					body: replyBody,
				}),
			);
			callback(null, [status, JSON.stringify(replyBody), finalHeaders]);
			return;
		}
		const lastId =
			(request.headers['last-event-id'] as string | undefined) ?? (request.query.last_event_id as string | undefined);
		const stream = new PassThrough();
		if (this.emptyStreams > 0) {
			// 200 and the end at once, not a byte in between (a proxy closing streams, say).
			this.emptyStreams--;
			stream.end();
		} else {
			// A comment first: nock sends the answer's headers with the first bytes of its body.
			stream.write(': connected\n\n');
		}
		if (lastId !== undefined) {
			const index = this.log.findIndex((event) => event.id === lastId);
			if (index === -1) {
				const reply = FakeEventStream.refusal(400, 'invalid_parameter', `Unknown event ID "${lastId}"`);
				const headers = {
					'Content-Type': 'application/json',
					'X-Request-Id': requestId(),
				};
				this.api.check(
					openApiContract().validateResponse('app', request, {
						status: 400,
						headers,
						body: reply[1],
					}),
				);
				callback(null, [400, JSON.stringify(reply[1]), headers]);
				return;
			}
			if (Number(lastId.slice(1)) < this.forgetBefore - 1) {
				// MailboxRealtimeEvent cannot describe it (its `message` must be a message), so
				// Sendmux's form is not pinned down: the fake sends either form the node reads.
				stream.write(
					this.syncRequiredAs === 'comment'
						? ': sync_required: events since this ID are gone; refetch the mailbox\n\n'
						: `event: sync_required\ndata: ${JSON.stringify({ event_type: 'sync_required' })}\n\n`,
				);
			} else {
				for (const event of this.log.slice(index + 1)) stream.write(this.frame(event));
			}
		}
		const headers = {
			'Content-Type': 'text/event-stream',
			'X-Request-Id': requestId(),
		};
		this.api.check(
			openApiContract().validateResponse('app', request, {
				status: 200,
				headers,
				body: '',
			}),
		);
		this.connections.push({ request, stream, ended: false });
		callback(null, [200, stream, headers]);
	}
}
