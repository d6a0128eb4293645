import { NodeApiError, NodeOperationError, type ExecutionError, type ITriggerFunctions } from 'n8n-workflow';

import { isAuthStatus, statusOf, withCredentialFix } from '../credentialFix';
import { catchUp } from '../poll';
import { selectMessages, toOutputItem } from '../reading';
import { folderRoles } from '../selection';
import type { TriggerSettings } from '../settings';
import { instantClock } from './clock';
import { readSignals, RECEIVED, RECEIVED_SPAM, type StreamNews } from './events';
import { SseParser } from './sse';
import { openEventStream, PING_SECONDS, type ByteStream, type StreamAnswer } from './stream';

/** Keep-alive pings that may go missing before the connection counts as dead. */
export const MISSED_PINGS = 3;
export const SILENCE_MS = PING_SECONDS * MISSED_PINGS * 1000;

/** Reconnection after a stream the server ended, unless it asked for another delay (`retry:`). */
export const RECONNECT_MS = 1_000;
/** Backoff after failures: 1 s, 2 s, 4 s… up to a minute; a catch-up runs after every wait. */
export const BACKOFF_START_MS = 1_000;
export const BACKOFF_MAX_MS = 60_000;
/** A Retry-After longer than this is capped: the change feed keeps being checked meanwhile. */
export const RETRY_AFTER_MAX_MS = 5 * 60_000;

/** Catch-ups one wake-up runs in a row while messages wait beyond Max Messages per Poll. */
const MAX_ROUNDS = 20;

type StreamEnd = 'ended' | 'silent' | 'dropped' | 'closed';

type RequestOutcome = StreamAnswer | { kind: 'failed'; error: Error };

export type ListenerMode = 'active' | 'manual';

/**
 * The running listener of each active workflow's trigger node in this n8n process. n8n 2.41.1
 * can call `trigger()` again for a node whose trigger still runs and drop the first response
 * unclosed (its publication reconciler re-publishing a workflow while the retry after a
 * runtime failure registers it too): the earlier listener is then closed here, so one stream
 * stays and no message is emitted twice.
 */
const running = new Map<string, MailboxListener>();

/**
 * Instant mode: one `GET /mailbox/events` stream, held open while the workflow is active.
 *
 * The stream is the doorbell, the change feed the ledger. Every event that announces mail,
 * every (re)connection and every wait while no stream is allowed runs the same catch-up as
 * polling mode (poll.ts): new mail since the saved position, the announced IDs read at once,
 * the position written before the items are emitted. So an event lost in a drop, a replay
 * Sendmux can no longer give (sync_required, a refused Last-Event-ID) or an outage costs
 * latency, never a message, and an event seen twice costs nothing.
 */
export class MailboxListener {
	private readonly closing = new AbortController();
	private lastEventId: string | undefined;
	private failures = 0;
	/** Streaks already reported in n8n's executions: stream refusals, failed catch-ups. */
	private readonly reported = { stream: false, mail: false };
	private done: Promise<void> = Promise.resolve();

	constructor(
		private readonly ctx: ITriggerFunctions,
		private readonly settings: TriggerSettings,
		private readonly mode: ListenerMode,
	) {}

	/**
	 * Opens the first connection while n8n waits for `trigger()`: a key Sendmux refuses (401,
	 * 403) then fails the activation (or the test listen) where n8n shows it, instead of a
	 * trigger that n8n would take down and start again in a loop. Any other outcome is left to
	 * the loop (a 429 or an outage falls back to the change feed).
	 */
	async open(): Promise<void> {
		if (this.mode === 'active') {
			const earlier = running.get(this.key);
			running.set(this.key, this);
			if (earlier) {
				this.ctx.logger.warn(this.note('n8n started the trigger again while it was running; the earlier event stream is closed'));
				await earlier.close();
			}
		}
		const connection = new AbortController();
		const answer = await this.request(connection);
		if (answer.kind === 'refused' && isAuthStatus(answer.statusCode)) {
			this.forget();
			throw withCredentialFix(answer.error);
		}
		if (this.mode === 'manual' && answer.kind !== 'open') {
			// A test listen shows what went wrong in the editor at once.
			if (answer.kind === 'failed') throw answer.error;
			throw answer.statusCode === 429 ? this.tooManyConnections(answer.error) : answer.error;
		}
		this.first = { connection, answer };
	}

	/** The connection open() made, for the loop to take over. */
	private first: { connection: AbortController; answer: RequestOutcome } | undefined;

	start(): void {
		this.done = this.run().catch((error: unknown) => {
			// Nothing may escape a background loop unseen.
			if (!this.closed) this.ctx.emitError(error instanceof Error ? error : new Error(String(error)));
		});
	}

	/** Aborts the stream and any wait, and resolves once the loop has stopped. */
	async close(): Promise<void> {
		this.closing.abort();
		this.forget();
		// Closed before the loop took over the first connection: it is aborted here.
		this.first?.connection.abort();
		this.first = undefined;
		await this.done;
	}

	private get key(): string {
		return `${this.ctx.getWorkflow().id ?? ''}\u0000${this.ctx.getNode().id}`;
	}

	private forget(): void {
		if (running.get(this.key) === this) running.delete(this.key);
	}

	private get closed(): boolean {
		return this.closing.signal.aborted;
	}

	private note(text: string): string {
		return `Sendmux Mailbox Trigger "${this.ctx.getNode().name}": ${text}`;
	}

	private get eventTypes(): string[] {
		return this.settings.includeSpam ? [RECEIVED, RECEIVED_SPAM] : [RECEIVED];
	}

	private async run(): Promise<void> {
		while (!this.closed) {
			const first = this.first;
			this.first = undefined;
			const connection = first?.connection ?? new AbortController();
			const abortConnection = () => connection.abort();
			this.closing.signal.addEventListener('abort', abortConnection, { once: true });
			try {
				const delay = await this.connectOnce(connection, first?.answer);
				if (delay === 'stop' || this.closed) return;
				if (delay > 0 && !(await this.wait(delay))) return;
				if (this.failures > 0 || delay === 0) await this.checkMail([]);
			} finally {
				this.closing.signal.removeEventListener('abort', abortConnection);
				connection.abort();
			}
		}
	}

	/** One request for the stream: its answer, or the error that stopped it. */
	private async request(connection: AbortController): Promise<RequestOutcome> {
		try {
			return await openEventStream(this.ctx, {
				mailbox: this.settings.mailbox,
				lastEventId: this.lastEventId,
				eventTypes: this.eventTypes,
				signal: connection.signal,
			});
		} catch (error) {
			return { kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) };
		}
	}

	/** One connection from request to end; returns how long to wait before the next, or 'stop'. */
	private async connectOnce(connection: AbortController, opened?: RequestOutcome): Promise<number | 'stop'> {
		const answer = opened ?? (await this.request(connection));
		if (answer.kind === 'failed') {
			const { error } = answer;
			if (this.closed) return 'stop';
			if (error instanceof NodeOperationError) {
				// Found before any request (a key of the wrong kind, a bad base URL): nothing will change by itself.
				this.fail(error);
				return 'stop';
			}
			this.ctx.logger.warn(this.note(`could not connect to the event stream (${error.message}); checking the change feed meanwhile`));
			return this.backoff();
		}
		if (answer.kind === 'refused') return this.refused(answer.statusCode, answer.error, answer.retryAfterMs);
		const recovered = this.failures > 0;
		this.reported.stream = false;
		this.ctx.logger.info(
			this.note(
				`event stream connected${this.lastEventId ? ` (resuming after event ${this.lastEventId})` : ''}${recovered ? ' again' : ''}`,
			),
		);
		// Whatever happened before this connection (a drop, a restart) is in the change feed.
		if (this.mode === 'active' && !(await this.checkMail([]))) return 'stop';
		const { end, retryMs, heard } = await this.consume(answer.body, connection);
		if (end === 'closed' || this.closed) return 'stop';
		// A stream ended without a single byte is no stream (a proxy closing it, say): back off.
		if (end === 'ended' && heard) return Math.min(retryMs ?? RECONNECT_MS, BACKOFF_MAX_MS);
		if (end === 'ended') {
			this.ctx.logger.warn(this.note('the event stream ended before sending anything; reconnecting with backoff'));
			return this.backoff(retryMs);
		}
		if (end === 'silent') {
			this.ctx.logger.warn(
				this.note(`no keep-alive from the event stream for ${SILENCE_MS / 1000} s; the connection is dead, reconnecting`),
			);
		} else {
			this.ctx.logger.warn(this.note('the event stream broke off; reconnecting'));
		}
		return this.backoff();
	}

	private backoff(minimumMs = 0): number {
		this.failures++;
		const exponential = Math.min(BACKOFF_START_MS * 2 ** (this.failures - 1), BACKOFF_MAX_MS);
		return Math.max(exponential, Math.min(minimumMs, RETRY_AFTER_MAX_MS));
	}

	private refused(status: number, error: NodeApiError, retryAfterMs: number | undefined): number | 'stop' {
		if (isAuthStatus(status)) {
			this.fail(error);
			return 'stop';
		}
		if (status === 400 && this.lastEventId) {
			this.ctx.logger.warn(
				this.note(
					`Sendmux cannot resume the event stream after event ${this.lastEventId} (${error.message}); catching up from the change feed and starting the stream afresh`,
				),
			);
			this.lastEventId = undefined;
			return 0;
		}
		if (status === 429) {
			this.report('stream', this.tooManyConnections(error));
			return this.backoff(retryAfterMs);
		}
		if (status >= 500) {
			this.ctx.logger.warn(
				this.note(`the event stream is unavailable (HTTP ${status}: ${error.message}); checking the change feed until it is back`),
			);
			return this.backoff(retryAfterMs);
		}
		this.report('stream', error);
		return this.backoff(retryAfterMs);
	}

	/** A 429 of the stream, explained: the limit, what the trigger does meanwhile, what to change. */
	private tooManyConnections(error: NodeApiError): NodeApiError {
		return new NodeApiError(this.ctx.getNode(), { status: 429 }, {
			message: 'Sendmux refused the event stream: too many realtime connections for this mailbox or key',
			description: `${error.description ?? ''}\n\nSendmux limits how many event streams may be open at once. Every active workflow in Instant mode holds one (and so does a "Listen for test event"). This trigger keeps working meanwhile: it checks the change feed after every retry (at least once a minute) and takes up the stream again as soon as Sendmux allows it. To stop this, deactivate workflows you no longer need, or switch some triggers to Trigger Mode "Polling".`,
			httpCode: '429',
		});
	}

	/** The stream as it comes; returns why it ended. */
	private async consume(
		body: ByteStream,
		connection: AbortController,
	): Promise<{ end: StreamEnd; retryMs?: number; heard: boolean }> {
		const parser = new SseParser(this.lastEventId ?? '');
		const reader = body[Symbol.asyncIterator]();
		let retryMs: number | undefined;
		let heard = false;
		for (;;) {
			const watch = new AbortController();
			const stopWatch = () => watch.abort();
			this.closing.signal.addEventListener('abort', stopWatch, { once: true });
			const silence = instantClock.sleep(SILENCE_MS, watch.signal, 'silence').then(
				() => 'silent' as const,
				() => 'closed' as const,
			);
			let next: IteratorResult<Uint8Array | string> | 'silent' | 'closed';
			try {
				next = await Promise.race([reader.next(), silence]);
			} catch {
				return { end: this.closed ? 'closed' : 'dropped', retryMs, heard };
			} finally {
				this.closing.signal.removeEventListener('abort', stopWatch);
				watch.abort();
			}
			if (next === 'closed' || this.closed) return { end: 'closed', retryMs, heard };
			if (next === 'silent') {
				connection.abort();
				body.destroy?.();
				return { end: 'silent', retryMs, heard };
			}
			if (next.done) {
				parser.end();
				this.lastEventId = parser.eventId || this.lastEventId;
				return { end: 'ended', retryMs, heard };
			}
			if (!heard) {
				// Only a stream that delivers ends a run of failures (one that ends empty does not).
				heard = true;
				this.failures = 0;
			}
			const idBefore = parser.eventId;
			const news = readSignals(parser.push(next.value));
			this.lastEventId = parser.eventId || undefined;
			// Sendmux cannot resume after this ID: unless it gave a new one, reconnect without it.
			if (news.syncRequired && parser.eventId === idBefore) {
				parser.forgetEventId();
				this.lastEventId = undefined;
			}
			if (news.retryMs !== undefined) retryMs = news.retryMs;
			if (!(await this.onNews(news))) return { end: 'closed', retryMs, heard };
		}
	}

	/** Acts on what a chunk brought; false when the listener must stop. */
	private async onNews(news: StreamNews): Promise<boolean> {
		if (news.unreadable > 0) {
			this.ctx.logger.warn(this.note(`${news.unreadable} event(s) on the stream were not the JSON Sendmux documents; checking for new mail anyway`));
		}
		if (this.mode === 'manual') return news.announced.length === 0 || !(await this.emitTestEvent(news.announced));
		if (news.syncRequired) {
			this.ctx.logger.warn(
				this.note('Sendmux cannot replay the events since the last one seen (sync required); catching up from the saved position'),
			);
		}
		if (!news.received && !news.syncRequired) return true;
		return await this.checkMail(news.announced);
	}

	/**
	 * The catch-up, repeated while messages wait beyond Max Messages per Poll. False when the
	 * listener must stop (closed, or the credential was refused).
	 */
	private async checkMail(announced: string[]): Promise<boolean> {
		if (this.mode === 'manual') return !this.closed;
		let ids = announced;
		for (let round = 0; round < MAX_ROUNDS && !this.closed; round++) {
			let result;
			try {
				result = await catchUp(this.ctx, this.settings, { announced: ids, stillActive: () => !this.closed });
			} catch (error) {
				if (this.closed) return false;
				if (isAuthStatus(statusOf(error))) {
					this.fail(error as NodeApiError);
					return false;
				}
				this.report('mail', error as ExecutionError);
				return true;
			}
			this.reported.mail = false;
			if (this.closed) return false;
			// The position is written (catchUp); n8n saves it when we emit.
			if (result.items.length) this.ctx.emit([result.items]);
			if (!result.more) return true;
			ids = [];
		}
		return !this.closed;
	}

	/** "Listen for test event": the first announced message that matches, read like any other. */
	private async emitTestEvent(announced: string[]): Promise<boolean> {
		const folders = await folderRoles(this.ctx, this.settings);
		const { chosen } = await selectMessages(this.ctx, { ...this.settings, maxPerPoll: 1 }, folders, announced);
		if (!chosen.length || this.closed) return false;
		this.ctx.emit([[await toOutputItem(this.ctx, this.settings, chosen[0])]]);
		return true;
	}

	/** Waits `ms` unless the trigger closes first; false when it closed. */
	private async wait(ms: number): Promise<boolean> {
		try {
			await instantClock.sleep(ms, this.closing.signal, 'reconnect');
			return !this.closed;
		} catch {
			return false;
		}
	}

	/**
	 * A failure the trigger cannot get past by itself (the key was refused): n8n shows it,
	 * runs the error workflow and takes the trigger down, then tries to start it again.
	 */
	private fail(error: NodeApiError | NodeOperationError): void {
		if (this.closed) return;
		this.closing.abort();
		this.forget();
		this.ctx.emitError(withCredentialFix(error));
	}

	/**
	 * A problem the trigger works around (it keeps checking the change feed) but the user
	 * should know of: a failed execution in n8n's list, once per streak, and a log line each time.
	 */
	private report(streak: 'stream' | 'mail', error: ExecutionError): void {
		this.ctx.logger.warn(this.note(error.message));
		if (this.reported[streak] || this.closed) return;
		this.reported[streak] = true;
		if (this.mode === 'manual') {
			this.closing.abort();
			this.ctx.emitError(error);
			return;
		}
		this.ctx.saveFailedExecution(error);
	}
}
