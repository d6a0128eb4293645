import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { MailboxTriggerContext } from './context';
import { receivedPage } from './changeFeed';
import { timeOf, type ListingMark } from './position';

/** What one poll's share of a listing found. */
export interface ListingStep {
	/** IDs of messages not listed before and not known, oldest first. */
	ids: string[];
	/** Where the next poll goes on, or null when every message has been listed. */
	mark: ListingMark | null;
	/** Pages that brought something new (pages of listed or known messages are not counted). */
	calls: number;
}

/**
 * Lists the messages received at or after `mark.from` that are not done yet, oldest first,
 * until `room` new IDs were found or `maxCalls` pages brought new ones, and returns the mark to
 * go on from. The mark is received time plus the IDs listed at exactly that time, so neither
 * equal timestamps (any number of them) nor the listing's own cursor can make it skip a message
 * or stall. Messages received before `from` and IDs in `doneAtFrom` are skipped, whatever the
 * listing's order among equal times. Known messages (`isKnown`: already emitted or queued) move
 * the mark but use up neither room nor calls: a resync walks past any number of them in one
 * poll, so it reaches new mail in the poll that emits it (only a poll that emits is saved).
 */
export async function continueListing(
	ctx: MailboxTriggerContext,
	mailbox: IDataObject,
	mark: ListingMark,
	room: number,
	maxCalls: number,
	isKnown: (id: string) => boolean,
): Promise<ListingStep> {
	let fromMs = timeOf(mark.from) ?? 0;
	let doneAtFrom = [...mark.doneAtFrom];
	let done = new Set(doneAtFrom);
	// A millisecond earlier: whether Sendmux's `after` includes the instant or not, it is listed.
	const after = new Date(fromMs - 1).toISOString();
	const ids: string[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	let calls = 0;
	for (;;) {
		const page = await receivedPage(ctx, mailbox, after, cursor);
		let moved = false;
		for (const message of page.messages) {
			const at = timeOf(message.received_at);
			if (at !== null && at < fromMs) continue;
			// Without a received time its place is wherever Sendmux sorts it: it counts as at `from`.
			if ((at === null || at === fromMs) && done.has(message.id)) continue;
			if (!isKnown(message.id)) {
				moved = true;
				ids.push(message.id);
			}
			if (at !== null && at > fromMs) {
				fromMs = at;
				doneAtFrom = [];
				done = new Set();
			}
			doneAtFrom.push(message.id);
			done.add(message.id);
		}
		if (page.next === undefined) return { ids, mark: null, calls };
		if (seenCursors.has(page.next)) {
			throw new NodeOperationError(ctx.getNode(), 'Sendmux returned the cursor of a page already read on /mailbox/messages; stopping to avoid a loop', {
				description: 'The trigger will try again at the next check.',
			});
		}
		seenCursors.add(page.next);
		cursor = page.next;
		if (moved) calls++;
		if (ids.length >= room || calls >= maxCalls) {
			return { ids, mark: { from: new Date(fromMs).toISOString(), doneAtFrom }, calls };
		}
	}
}
