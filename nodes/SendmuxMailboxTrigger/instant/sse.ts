/**
 * A server-sent events parser, as the WHATWG HTML standard ("Interpreting an event stream")
 * defines it, for bytes that arrive in chunks split anywhere: inside a line, between CR and
 * LF, inside a multi-byte UTF-8 character. Pure: no I/O, no timers.
 */

/** One dispatched event. */
export interface ServerSentEvent {
	/** `event:` (the standard's "message" when the block named none). */
	type: string;
	/** The `data:` lines joined with "\n". */
	data: string;
	/** The last event ID in force when this event was dispatched ('' when none was ever set). */
	lastEventId: string;
}

/** What one chunk brought, in the order it arrived. */
export type StreamSignal =
	| { kind: 'event'; event: ServerSentEvent }
	/** A comment line (`:` first): the server's keep-alive. */
	| { kind: 'comment'; text: string }
	/** `retry:` with a whole number of milliseconds: the reconnection time the server asks for. */
	| { kind: 'retry'; ms: number }
	/**
	 * A block that set `id:` without any data: nothing is dispatched (the standard), but the
	 * last event ID moved, so a reconnection resumes after it.
	 */
	| { kind: 'id'; lastEventId: string };

const LF = 0x0a;
const CR = 0x0d;

export class SseParser {
	private readonly decoder = new TextDecoder('utf-8');
	/** Decoded text not yet ended by a line break. */
	private pending = '';
	/** The previous chunk ended with CR: a LF opening the next chunk belongs to it. */
	private afterCr = false;
	private data: string[] = [];
	private type = '';
	private idSetInBlock = false;
	private lastEventId = '';
	private started = false;

	constructor(lastEventId = '') {
		this.lastEventId = lastEventId;
	}

	/** The ID a reconnection sends as Last-Event-ID. */
	get eventId(): string {
		return this.lastEventId;
	}

	/** Forgets the last event ID (the server can no longer resume after it). */
	forgetEventId(): void {
		this.lastEventId = '';
	}

	/** Feeds one chunk; returns what it completed. */
	push(chunk: Uint8Array | string): StreamSignal[] {
		let text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
		if (!this.started && text.length > 0) {
			// One leading byte order mark is ignored.
			this.started = true;
			if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		}
		const out: StreamSignal[] = [];
		let start = 0;
		for (let index = 0; index < text.length; index++) {
			const code = text.charCodeAt(index);
			if (code === LF && this.afterCr && index === 0 && this.pending === '') {
				// The LF of a CRLF split across chunks.
				this.afterCr = false;
				start = 1;
				continue;
			}
			this.afterCr = false;
			if (code !== LF && code !== CR) continue;
			const line = this.pending + text.slice(start, index);
			this.pending = '';
			if (code === CR) {
				if (index + 1 < text.length) {
					if (text.charCodeAt(index + 1) === LF) index++;
				} else {
					this.afterCr = true;
				}
			}
			start = index + 1;
			this.line(line, out);
		}
		this.pending += text.slice(start);
		return out;
	}

	/** The stream ended: an unfinished block is discarded, as the standard says. */
	end(): void {
		this.decoder.decode();
		this.pending = '';
		this.resetBlock();
	}

	private resetBlock(): void {
		this.data = [];
		this.type = '';
		this.idSetInBlock = false;
	}

	private line(line: string, out: StreamSignal[]): void {
		if (line === '') {
			this.dispatch(out);
			return;
		}
		if (line.startsWith(':')) {
			out.push({ kind: 'comment', text: line.slice(1).replace(/^ /, '') });
			return;
		}
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		let value = colon === -1 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		switch (field) {
			case 'data':
				this.data.push(value);
				break;
			case 'event':
				this.type = value;
				break;
			case 'id':
				// An ID holding NULL is ignored (the standard).
				if (!value.includes('\u0000')) {
					this.lastEventId = value;
					this.idSetInBlock = true;
				}
				break;
			case 'retry':
				if (/^\d+$/.test(value)) out.push({ kind: 'retry', ms: Number(value) });
				break;
			default:
				// Unknown fields are ignored.
				break;
		}
	}

	private dispatch(out: StreamSignal[]): void {
		if (this.data.length === 0) {
			if (this.idSetInBlock) out.push({ kind: 'id', lastEventId: this.lastEventId });
			this.resetBlock();
			return;
		}
		out.push({
			kind: 'event',
			event: { type: this.type || 'message', data: this.data.join('\n'), lastEventId: this.lastEventId },
		});
		this.resetBlock();
	}
}
