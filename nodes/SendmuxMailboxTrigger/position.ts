import type { IDataObject } from 'n8n-workflow';

/**
 * Where the trigger stands in the mailbox, kept in the workflow's static data under one
 * top-level key (n8n saves static data only when a top-level key is assigned, and only when
 * a poll emits items: see `commitPosition`).
 *
 * Every message the mailbox received up to `state` has been emitted, is waiting in `queue`,
 * or did not match. Going back to an older saved position (n8n restarted after polls that
 * emitted nothing) therefore only re-reads messages that were filtered out before, and they
 * are filtered out again; `emitted` stops anything emitted from being emitted twice.
 */
export interface MailboxPosition {
	version: 2;
	/** The mailbox the position belongs to ('' = the key's own mailbox). */
	scope: string;
	/** Sendmux's message state (`new_state` of GET /mailbox/changes). */
	state: string;
	/** IDs `state` already covers that were not emitted yet (over Max per Poll), oldest first. */
	queue: string[];
	/**
	 * A listing by received time in progress (a resync, a backfill or the restart look-back),
	 * or null. The change feed waits until it is done, so messages keep coming oldest first.
	 */
	listing: ListingMark | null;
	/** The newest `received_at` emitted, or when the position was first recorded: a resync starts here. */
	anchor: string;
	/** Messages emitted, oldest first: `[id, received_at in ms or null]`. See `keptEmitted`. */
	emitted: EmittedEntry[];
}

/**
 * How far a listing by received time has come, as a key that equal timestamps cannot blur:
 * every message received before `from` is done (emitted, queued or filtered out), and so are
 * those received exactly at `from` whose IDs are in `doneAtFrom`.
 */
export interface ListingMark {
	/** RFC 3339 instant. */
	from: string;
	doneAtFrom: string[];
}

export type EmittedEntry = [id: string, receivedAtMs: number | null];

export const POSITION_KEY = 'position';

/** At least this many emitted IDs are remembered, whatever their time (replays of the feed). */
export const RECENT_LIMIT = 1000;

/**
 * A resync lists from this long before the newest emitted message (`anchor`), so a message
 * received just before it but reported by the feed later is not lost. Every message emitted
 * within this window of the anchor is remembered, however many there are, so none of them is
 * emitted again by a resync.
 */
export const RESYNC_OVERLAP_MS = 60_000;

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

function isEmittedEntries(value: unknown): value is EmittedEntry[] {
	return (
		Array.isArray(value) &&
		value.every(
			(entry) =>
				Array.isArray(entry) &&
				entry.length === 2 &&
				typeof entry[0] === 'string' &&
				(entry[1] === null || typeof entry[1] === 'number'),
		)
	);
}

function isListingMark(value: unknown): value is ListingMark {
	if (!value || typeof value !== 'object') return false;
	const candidate = value as Partial<ListingMark>;
	return typeof candidate.from === 'string' && !Number.isNaN(Date.parse(candidate.from)) && isStringArray(candidate.doneAtFrom);
}

function isPosition(value: unknown): value is MailboxPosition {
	if (!value || typeof value !== 'object') return false;
	const candidate = value as Partial<MailboxPosition>;
	return (
		candidate.version === 2 &&
		typeof candidate.scope === 'string' &&
		typeof candidate.state === 'string' &&
		candidate.state.length > 0 &&
		isStringArray(candidate.queue) &&
		(candidate.listing === null || isListingMark(candidate.listing)) &&
		typeof candidate.anchor === 'string' &&
		isEmittedEntries(candidate.emitted)
	);
}

export type StoredPosition =
	| { kind: 'found'; position: MailboxPosition }
	| { kind: 'none' }
	| { kind: 'otherMailbox'; scope: string }
	| { kind: 'unreadable' };

/** The stored position, as a copy the poll may change freely. */
export function readPosition(staticData: IDataObject, scope: string): StoredPosition {
	const stored = staticData[POSITION_KEY];
	if (stored === undefined) return { kind: 'none' };
	if (!isPosition(stored)) return { kind: 'unreadable' };
	if (stored.scope !== scope) return { kind: 'otherMailbox', scope: stored.scope };
	return { kind: 'found', position: copyOf(stored) };
}

function copyOf(position: MailboxPosition): MailboxPosition {
	return {
		...position,
		queue: [...position.queue],
		listing: position.listing ? { ...position.listing, doneAtFrom: [...position.listing.doneAtFrom] } : null,
		emitted: position.emitted.map(([id, at]) => [id, at]),
	};
}

/** Stores `position` by assigning the top-level key, which is what makes n8n save it. */
export function writePosition(staticData: IDataObject, position: MailboxPosition): void {
	staticData[POSITION_KEY] = copyOf(position) as unknown as IDataObject;
}

/** Milliseconds of an RFC 3339 time, or null when there is none. */
export function timeOf(value: string | null | undefined): number | null {
	const ms = Date.parse(value ?? '');
	return Number.isNaN(ms) ? null : ms;
}

function newer(a: string, b: string): string {
	const ta = timeOf(a);
	const tb = timeOf(b);
	if (tb === null) return a;
	if (ta === null) return b;
	return tb > ta ? b : a;
}

/**
 * The emitted entries worth keeping: the last RECENT_LIMIT, and every one received within
 * RESYNC_OVERLAP_MS of the anchor. The anchor only moves forward, so an entry dropped here
 * is older than any later resync's listing start: correctness never depends on a count.
 */
export function keptEmitted(entries: EmittedEntry[], anchor: string): EmittedEntry[] {
	const floor = (timeOf(anchor) ?? Number.POSITIVE_INFINITY) - RESYNC_OVERLAP_MS;
	const countFrom = entries.length - RECENT_LIMIT;
	return entries.filter(([, at], index) => index >= countFrom || (at !== null && at >= floor));
}

export interface EmittedMessage {
	id: string;
	receivedAt: string | null;
}

/**
 * Writes the poll's new position and returns the messages that may be emitted. Runs with no
 * await in between reading and writing, so a poll that overlapped this one and finished
 * first is seen: whatever it emitted is dropped here, and its emitted IDs are kept.
 */
export function commitPosition<T extends EmittedMessage>(
	staticData: IDataObject,
	next: Omit<MailboxPosition, 'version'>,
	emitted: T[],
): T[] {
	const current = readPosition(staticData, next.scope);
	const before = current.kind === 'found' ? current.position : undefined;
	const already = new Set((before?.emitted ?? next.emitted).map(([id]) => id));
	const fresh = emitted.filter((message) => !already.has(message.id));
	let anchor = before ? newer(before.anchor, next.anchor) : next.anchor;
	for (const message of fresh) if (message.receivedAt) anchor = newer(anchor, message.receivedAt);
	const entries: EmittedEntry[] = [
		...(before?.emitted ?? next.emitted),
		...fresh.map((message): EmittedEntry => [message.id, timeOf(message.receivedAt)]),
	];
	writePosition(staticData, {
		version: 2,
		scope: next.scope,
		state: next.state,
		queue: next.queue.filter((id) => !already.has(id)),
		listing: next.listing,
		anchor,
		emitted: keptEmitted(entries, anchor),
	});
	return fresh;
}
