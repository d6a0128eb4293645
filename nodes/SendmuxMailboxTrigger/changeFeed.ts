import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { MailboxMessageSummary } from '../Sendmux/actions/mailboxShared/types';
import { asNodeError } from '../Sendmux/shared/operation';
import { sendmuxRequest } from '../Sendmux/transport/request';
import type { MailboxTriggerContext } from './context';

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
export async function currentState(ctx: MailboxTriggerContext, mailbox: IDataObject): Promise<string> {
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

/** The query parameter that carries the state: Sendmux names it in the error when it refuses one. */
const STATE_PARAM = 'messages_since_state';

/**
 * Whether Sendmux refused the state itself as unknown or too old: the spec's 400 "Invalid sync
 * state", which names the state parameter. Any other 400 (a bad mailbox ID, say) is a real
 * error and is reported, not treated as a reason to resync.
 */
function isStateRefused(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const details = error.context.sendmux as { statusCode?: number; param?: string } | undefined;
	if (details?.statusCode !== 400) return false;
	return details.param === STATE_PARAM || details.param === 'since_state' || /sync state/i.test(error.message);
}

/** One page of message changes since `state`; `expired` when Sendmux asks for a resync. */
export async function changesSince(ctx: MailboxTriggerContext, mailbox: IDataObject, state: string): Promise<ChangePage> {
	let changes: MailboxChanges;
	try {
		const response = await sendmuxRequest.call(ctx, {
			surface: 'mailbox',
			method: 'GET',
			path: '/mailbox/changes',
			qs: { [STATE_PARAM]: state, limit: CHANGES_PAGE_SIZE, ...mailbox },
		});
		changes = response.data as MailboxChanges;
	} catch (error) {
		if (isStateRefused(error)) return { expired: true };
		throw asNodeError(ctx.getNode(), error);
	}
	if (changes.sync_required === true) return { expired: true };
	return { expired: false, created: changes.created, newState: changes.new_state, hasMore: changes.has_more };
}

/** One page of the messages received at or after an instant, oldest first. */
export interface ReceivedPage {
	messages: MailboxMessageSummary[];
	/** The cursor of the next page, when there is one. */
	next?: string;
}

/**
 * A page of GET /mailbox/messages sorted by received time, oldest first, from `after`. Used to
 * resync after the change feed expired, to backfill, and to look back after a restart: the
 * feed itself has no history to replay. `cursor` continues a listing within one poll.
 */
export async function receivedPage(
	ctx: MailboxTriggerContext,
	mailbox: IDataObject,
	after: string,
	cursor: string | undefined,
): Promise<ReceivedPage> {
	const qs: IDataObject = { after, sort_by: 'received_at', sort_direction: 'asc', limit: MESSAGES_PAGE_SIZE, ...mailbox };
	if (cursor !== undefined) qs.cursor = cursor;
	const page = await sendmuxRequest.call(ctx, { surface: 'mailbox', method: 'GET', path: '/mailbox/messages', qs });
	const messages = Array.isArray(page.data) ? (page.data as MailboxMessageSummary[]) : [];
	const next = page.pagination?.has_more ? page.pagination.next_cursor : undefined;
	if (next !== undefined && messages.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Sendmux returned an empty page of /mailbox/messages that says more follow; stopping to avoid a loop', {
			description: 'The trigger will try again at the next check.',
		});
	}
	return { messages, next };
}
