import type { INodeExecutionData } from 'n8n-workflow';

import { attachmentsToBinary } from '../Sendmux/actions/mailboxShared/attachments';
import { MAX_BATCH_IDS } from '../Sendmux/actions/mailboxShared/batch';
import {
	attachmentsToDownload,
	batchGetBody,
	binaryPrefixOf,
	fromBatchItem,
} from '../Sendmux/actions/mailboxShared/messageOutput';
import type { MailboxBatchGetItem } from '../Sendmux/actions/mailboxShared/types';
import { sendmuxRequest } from '../Sendmux/transport/request';
import type { MailboxTriggerContext } from './context';
import { isWanted, type FolderRoles } from './selection';
import type { TriggerSettings } from './settings';

/** `POST /mailbox/messages:batch-get` for at most 100 IDs, in the chosen output mode. */
async function batchGet(ctx: MailboxTriggerContext, settings: TriggerSettings, ids: string[]): Promise<MailboxBatchGetItem[]> {
	const response = await sendmuxRequest.call(ctx, {
		surface: 'mailbox',
		method: 'POST',
		path: '/mailbox/messages:batch-get',
		// A read sent as POST: repeating it changes nothing, so transient failures are retried.
		repeatable: true,
		qs: { ...settings.mailbox },
		body: batchGetBody(settings.output, settings.options, ids),
	});
	return (response.data as { messages: MailboxBatchGetItem[] }).messages;
}

export interface Selection {
	/** Wanted messages, at most Max per Poll, in the order their IDs were given. */
	chosen: MailboxBatchGetItem[];
	/** IDs not looked at, or wanted beyond Max per Poll: the next poll's queue, in order. */
	rest: string[];
}

/**
 * Reads `ids` in calls of up to 100, in order, keeping the wanted ones until Max per Poll is
 * reached. Messages deleted meanwhile (not found) and unwanted ones are dropped.
 */
export async function selectMessages(
	ctx: MailboxTriggerContext,
	settings: TriggerSettings,
	folders: FolderRoles,
	ids: string[],
): Promise<Selection> {
	const chosen: MailboxBatchGetItem[] = [];
	const overflow: string[] = [];
	let read = 0;
	while (read < ids.length && chosen.length < settings.maxPerPoll) {
		const call = ids.slice(read, read + MAX_BATCH_IDS);
		read += call.length;
		const byId = new Map((await batchGet(ctx, settings, call)).map((item) => [item.message.id, item]));
		for (const id of call) {
			const item = byId.get(id);
			if (!item || !isWanted(item.message, folders, settings)) continue;
			if (chosen.length < settings.maxPerPoll) chosen.push(item);
			else overflow.push(id);
		}
	}
	return { chosen, rest: [...overflow, ...ids.slice(read)] };
}

/** One message as Message → Get gives it, with its attachments as binary data when asked. */
export async function toOutputItem(
	ctx: MailboxTriggerContext,
	settings: TriggerSettings,
	item: MailboxBatchGetItem,
): Promise<INodeExecutionData> {
	const read = fromBatchItem(settings.output, settings.options, item);
	if (!settings.options.downloadAttachments) return { json: read.json };
	const attachments = await attachmentsToDownload(ctx, read, item.message.id, settings.mailbox);
	if (attachments.length === 0) return { json: read.json };
	const binary = await attachmentsToBinary(ctx, 0, item.message.id, attachments, binaryPrefixOf(settings.options), settings.mailbox);
	return { json: read.json, binary };
}

/** Oldest first by `received_at`; messages without one keep their place in the change order. */
export function oldestFirst(items: MailboxBatchGetItem[]): MailboxBatchGetItem[] {
	const time = (item: MailboxBatchGetItem) => Date.parse(item.message.received_at ?? '') || 0;
	return items
		.map((item, index) => ({ item, index }))
		.sort((a, b) => time(a.item) - time(b.item) || a.index - b.index)
		.map(({ item }) => item);
}
