import type { IDataObject } from 'n8n-workflow';

/**
 * Where the trigger stands in the mailbox, kept in the workflow's static data under one
 * top-level key (n8n saves static data only when a top-level key is assigned, and only when
 * a poll emits items: see `commitPosition`).
 *
 * Every message the mailbox received up to `state` has been emitted, is waiting in `queue`,
 * or did not match. Going back to an older saved position (n8n restarted after polls that
 * emitted nothing) therefore only re-reads messages that were filtered out before, and they
 * are filtered out again; `recent` stops anything emitted from being emitted twice.
 */
export interface MailboxPosition {
	version: 1;
	/** The mailbox the position belongs to ('' = the key's own mailbox). */
	scope: string;
	/** Sendmux's message state (`new_state` of GET /mailbox/changes). */
	state: string;
	/** IDs `state` already covers that were not emitted yet (over Max per Poll), oldest first. */
	queue: string[];
	/**
	 * When set, messages received after this instant are still being listed (a resync or a
	 * backfill); the change feed waits until the listing is done, so order stays oldest first.
	 */
	catchUpAfter: string | null;
	/** The newest `received_at` emitted, or when the position was first recorded: a resync starts here. */
	anchor: string;
	/** IDs emitted lately, oldest first, at most RECENT_LIMIT. */
	recent: string[];
}

export const POSITION_KEY = 'position';

/** How many emitted IDs are remembered against replays and overlapping polls. */
export const RECENT_LIMIT = 1000;

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

function isPosition(value: unknown): value is MailboxPosition {
	if (!value || typeof value !== 'object') return false;
	const candidate = value as Partial<MailboxPosition>;
	return (
		candidate.version === 1 &&
		typeof candidate.scope === 'string' &&
		typeof candidate.state === 'string' &&
		candidate.state.length > 0 &&
		isStringArray(candidate.queue) &&
		(candidate.catchUpAfter === null || typeof candidate.catchUpAfter === 'string') &&
		typeof candidate.anchor === 'string' &&
		isStringArray(candidate.recent)
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
	return { ...position, queue: [...position.queue], recent: [...position.recent] };
}

/** Stores `position` by assigning the top-level key, which is what makes n8n save it. */
export function writePosition(staticData: IDataObject, position: MailboxPosition): void {
	staticData[POSITION_KEY] = copyOf(position) as unknown as IDataObject;
}

function newer(a: string, b: string): string {
	const ta = Date.parse(a);
	const tb = Date.parse(b);
	if (Number.isNaN(tb)) return a;
	if (Number.isNaN(ta)) return b;
	return tb > ta ? b : a;
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
	next: Omit<MailboxPosition, 'recent' | 'anchor' | 'version'> & { anchor: string; recent: string[] },
	emitted: T[],
): T[] {
	const current = readPosition(staticData, next.scope);
	const before = current.kind === 'found' ? current.position : undefined;
	const already = new Set(before?.recent ?? next.recent);
	const fresh = emitted.filter((message) => !already.has(message.id));
	let anchor = before ? newer(before.anchor, next.anchor) : next.anchor;
	for (const message of fresh) if (message.receivedAt) anchor = newer(anchor, message.receivedAt);
	const recent = [...(before?.recent ?? next.recent), ...fresh.map((message) => message.id)].slice(-RECENT_LIMIT);
	writePosition(staticData, {
		version: 1,
		scope: next.scope,
		state: next.state,
		queue: next.queue.filter((id) => !already.has(id)),
		catchUpAfter: next.catchUpAfter,
		anchor,
		recent,
	});
	return fresh;
}
