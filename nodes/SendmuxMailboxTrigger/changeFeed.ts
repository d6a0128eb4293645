import { NodeApiError, NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import type { MailboxMessageSummary } from '../Sendmux/actions/mailboxShared/types';
import { asNodeError } from '../Sendmux/shared/operation';
import { sendmuxRequest } from '../Sendmux/transport/request';

/** `GET /mailbox/changes` (legacy message shape), as the spec's MailboxChanges defines it. */
interface MailboxChanges {
	old_state: string | null;
	new_state: string;
	has_more: boolean;
	created: string[];
	updated: string[];
	destroyed: string[];
	sync_required?: boolean;
}

/** The most change records one call returns (the endpoint's `limit` maximum). */
const CHANGES_PAGE_SIZE = 500;

/** The largest page of GET /mailbox/messages. */
const MESSAGES_PAGE_SIZE = 100;

/** The mailbox's current message state: where "from now on" starts. */
export async function currentState(ctx: IPollFunctions, mailbox: IDataObject): Promise<string> {
	const response = await sendmuxRequest.call(ctx, {
		surface: 'mailbox',
		method: 'GET',
		path: '/mailbox/changes',
		// Without a since-state Sendmux answers with the current state and no changes.
		qs: { ...mailbox },
	});
	return (response.data as MailboxChanges).new_state;
}

export type ChangePage =
	| { expired: false; created: string[]; newState: string; hasMore: boolean }
	| { expired: true };

/** Whether Sendmux refused a state as unknown or too old (documented as 400 "Invalid sync state"). */
function isStateRefused(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const details = error.context.sendmux as { statusCode?: number } | undefined;
	return details?.statusCode === 400;
}

/** One page of message changes since `state`; `expired` when Sendmux asks for a resync. */
export async function changesSince(ctx: IPollFunctions, mailbox: IDataObject, state: string): Promise<ChangePage> {
	let changes: MailboxChanges;
	try {
		const response = await sendmuxRequest.call(ctx, {
			surface: 'mailbox',
			method: 'GET',
			path: '/mailbox/changes',
			qs: { messages_since_state: state, limit: CHANGES_PAGE_SIZE, ...mailbox },
		});
		changes = response.data as MailboxChanges;
	} catch (error) {
		if (isStateRefused(error)) return { expired: true };
		throw asNodeError(ctx.getNode(), error);
	}
	if (changes.sync_required === true) return { expired: true };
	return { expired: false, created: changes.created, newState: changes.new_state, hasMore: changes.has_more };
}

export interface ListedAfter {
	/** Messages received after the instant, oldest first. */
	messages: MailboxMessageSummary[];
	/** Every message after the instant was listed. */
	complete: boolean;
}

/**
 * Messages received after `after`, oldest first, at most `room` of them. Used to resync after
 * the change feed expired and to backfill: the feed itself has no history to replay.
 */
export async function listReceivedAfter(
	ctx: IPollFunctions,
	mailbox: IDataObject,
	after: string,
	room: number,
): Promise<ListedAfter> {
	const messages: MailboxMessageSummary[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	while (messages.length < room) {
		const qs: IDataObject = {
			after,
			sort_by: 'received_at',
			sort_direction: 'asc',
			limit: MESSAGES_PAGE_SIZE,
			...mailbox,
		};
		if (cursor !== undefined) qs.cursor = cursor;
		const page = await sendmuxRequest.call(ctx, { surface: 'mailbox', method: 'GET', path: '/mailbox/messages', qs });
		const items = Array.isArray(page.data) ? (page.data as MailboxMessageSummary[]) : [];
		const wanted = items.slice(0, room - messages.length);
		messages.push(...wanted);
		const next = page.pagination?.has_more ? page.pagination.next_cursor : undefined;
		if (wanted.length < items.length) return { messages, complete: false };
		if (!next || items.length === 0) return { messages, complete: true };
		if (seenCursors.has(next)) {
			throw new NodeOperationError(ctx.getNode(), 'Sendmux returned the cursor of a page already read on /mailbox/messages; stopping to avoid a loop');
		}
		seenCursors.add(next);
		cursor = next;
	}
	return { messages, complete: false };
}
