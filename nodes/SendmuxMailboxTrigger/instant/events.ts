import type { StreamSignal } from './sse';

/** `MailboxRealtimeEvent.event_type` values that announce received mail. */
export const RECEIVED = 'message.received';
export const RECEIVED_SPAM = 'message.received.spam';
export const SYNC_REQUIRED = 'sync_required';

/** What a batch of stream signals asks the trigger to do. */
export interface StreamNews {
	/** Message IDs of received mail the events named (a `null` message names none). */
	announced: string[];
	/** Some event announced received mail: look for new mail now. */
	received: boolean;
	/** Sendmux cannot replay the events since the ID asked for: catch up from the saved position. */
	syncRequired: boolean;
	/** The reconnection delay Sendmux asked for (`retry:`), the last one given. */
	retryMs?: number;
	/** Event data that was not the JSON the spec describes (logged; the catch-up still runs). */
	unreadable: number;
}

interface RealtimeEventShape {
	event_type?: unknown;
	message?: { id?: unknown } | null;
}

function parseData(data: string): RealtimeEventShape | undefined {
	try {
		const value = JSON.parse(data) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as RealtimeEventShape) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Reads signals as Sendmux sends them: the event type is the data's `event_type` (or the SSE
 * `event:` name); `sync_required` may come as such an event or as a comment saying so.
 * Anything unexpected counts as received mail: the catch-up that follows is always safe.
 */
export function readSignals(signals: StreamSignal[]): StreamNews {
	const news: StreamNews = { announced: [], received: false, syncRequired: false, unreadable: 0 };
	for (const signal of signals) {
		if (signal.kind === 'retry') news.retryMs = signal.ms;
		if (signal.kind === 'comment' && signal.text.trim().toLowerCase().startsWith(SYNC_REQUIRED)) news.syncRequired = true;
		if (signal.kind !== 'event') continue;
		const data = parseData(signal.event.data);
		const type = typeof data?.event_type === 'string' ? data.event_type : signal.event.type;
		if (type === SYNC_REQUIRED) {
			news.syncRequired = true;
			continue;
		}
		if (!data) news.unreadable++;
		news.received = true;
		const id = data?.message?.id;
		if (typeof id === 'string' && id && !news.announced.includes(id)) news.announced.push(id);
	}
	return news;
}
