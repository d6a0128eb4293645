import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { MessageOutput, MessageReadOptions } from '../Sendmux/actions/mailboxShared/messageOutput';
import { toRfc3339Utc } from '../Sendmux/shared/dates';
import type { LocatorValue } from '../Sendmux/shared/locators';
import type { MailboxTriggerContext } from './context';
import { MAX_MESSAGES_PER_POLL } from './description';

export interface MessageFilters {
	from: string;
	subject: string;
	hasAttachment: boolean;
}

/** The node's parameters, read and checked once per poll, before any request. */
export interface TriggerSettings {
	/** `{ mailbox_id }` when a mailbox was chosen, else `{}` (the key's own mailbox). */
	mailbox: IDataObject;
	/** The chosen mailbox ID, '' for the key's own: the stored position belongs to it. */
	scope: string;
	/** The watched folder's ID; '' means the Inbox. */
	folderId: string;
	includeSpam: boolean;
	includeSent: boolean;
	filters: MessageFilters;
	output: MessageOutput;
	options: MessageReadOptions;
	maxPerPoll: number;
	/** RFC 3339: on first activation, also emit messages received after this. */
	includeExistingSince?: string;
}

function locatorText(value: unknown): string {
	const raw = typeof value === 'object' && value !== null ? (value as LocatorValue).value : value;
	return String(raw ?? '').trim();
}

export function readSettings(ctx: MailboxTriggerContext): TriggerSettings {
	const scope = locatorText(ctx.getNodeParameter('mailbox', { mode: 'list', value: '' }));
	const filters = ctx.getNodeParameter('filters', {}) as Partial<MessageFilters>;
	const maxPerPoll = Number(ctx.getNodeParameter('maxMessagesPerPoll', 50));
	if (!Number.isInteger(maxPerPoll) || maxPerPoll < 1 || maxPerPoll > MAX_MESSAGES_PER_POLL) {
		throw new NodeOperationError(ctx.getNode(), `Max Messages per Poll must be a whole number from 1 to ${MAX_MESSAGES_PER_POLL}`, {
			description: `It is ${JSON.stringify(ctx.getNodeParameter('maxMessagesPerPoll', 50))}. Messages beyond it wait for the next check, so a small number loses nothing.`,
		});
	}
	const since = ctx.getNodeParameter('includeExistingSince', '') as unknown;
	let includeExistingSince: string | undefined;
	try {
		includeExistingSince = toRfc3339Utc(ctx, since, 'Include Existing Messages Since', 0);
	} catch {
		throw new NodeOperationError(ctx.getNode(), `Include Existing Messages Since is not a date: ${JSON.stringify(since).slice(0, 80)}`, {
			description: 'Pick a date in the date picker, or give an ISO 8601 date such as 2026-11-01T08:30:00Z. Leave it empty to start with mail that arrives after activation.',
		});
	}
	return {
		mailbox: scope ? { mailbox_id: scope } : {},
		scope,
		folderId: locatorText(ctx.getNodeParameter('folder', { mode: 'list', value: '' })),
		includeSpam: ctx.getNodeParameter('includeSpam', false) === true,
		includeSent: ctx.getNodeParameter('includeSent', false) === true,
		filters: {
			from: String(filters.from ?? '').trim(),
			subject: String(filters.subject ?? '').trim(),
			hasAttachment: filters.hasAttachment === true,
		},
		output: ctx.getNodeParameter('output', 'cleanContent') as MessageOutput,
		options: ctx.getNodeParameter('options', {}) as MessageReadOptions,
		maxPerPoll,
		includeExistingSince,
	};
}
