import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { attachmentsToBinary } from '../mailboxShared/attachments';
import { distinctIds, batchItemError, runBatched, type ItemOutcome, type PlannedItem } from '../mailboxShared/batch';
import { messageIdProperty, MESSAGE_ID_HINT } from '../mailboxShared/fields';
import {
	attachmentsToDownload,
	batchGetBody,
	binaryPrefixOf,
	contentQs,
	fromBatchItem,
	maxChars,
	messageOutputProperty,
	messageReadOptionsProperty,
	readAttachmentList,
	type MessageOutput,
	type MessageReadOptions,
	type ReadMessage,
} from '../mailboxShared/messageOutput';
import { mailboxQs, requiredId, segment } from '../mailboxShared/scope';
import { cleanContent, rawBody, simplifyFullMessage } from '../mailboxShared/simplify';
import type {
	MailboxAttachment,
	MailboxBatchGetItem,
	MailboxMessage,
	MailboxMessageContent,
	MailboxRawBody,
} from '../mailboxShared/types';

const displayOptions = { show: { resource: ['message'], operation: ['get'] } };

const properties: INodeProperties[] = [
	messageIdProperty('The message to read'),
	messageOutputProperty,
	messageReadOptionsProperty,
];

export const description = updateDisplayOptions(displayOptions, properties);

interface GetPlan {
	output: MessageOutput;
	options: MessageReadOptions;
	mailbox: IDataObject;
}

async function getOne(ctx: IExecuteFunctions, entry: PlannedItem<GetPlan>): Promise<ReadMessage> {
	const { output, options, mailbox } = entry.plan;
	const base = `/mailbox/messages/${segment(entry.id)}`;
	const get = async <T>(path: string, qs: IDataObject = {}) =>
		(
			await sendmuxRequest.call(ctx, {
				surface: 'mailbox',
				method: 'GET',
				path,
				qs: { ...qs, ...mailbox },
				itemIndex: entry.itemIndex,
			})
		).data as T;
	if (output === 'simplified') {
		const message = await get<MailboxMessage>(base);
		// `attachments` is optional on a message: when it is absent, the list is read on download.
		const unlisted = message.attachments === undefined && message.has_attachments;
		return { json: simplifyFullMessage(message), attachments: message.attachments ?? [], unlisted };
	}
	if (output === 'cleanContent') {
		const content = await get<MailboxMessageContent>(`${base}/content`, contentQs(options));
		return { json: cleanContent(content), attachments: content.attachments };
	}
	const qs: IDataObject = { part: options.rawPart ?? 'both' };
	const max = maxChars(options, 0);
	if (max) qs.max_body_chars = max;
	const body = await get<MailboxRawBody>(`${base}/body`, qs);
	let attachments: MailboxAttachment[] = [];
	if (options.downloadAttachments) {
		// The raw body has no attachment list: read just the metadata.
		attachments = await readAttachmentList(ctx, entry.id, mailbox, entry.itemIndex);
	}
	return { json: rawBody(body), attachments };
}

function jsonOnly(read: ReadMessage): { json: IDataObject } {
	return { json: read.json };
}

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// What each item read, kept between the read and the downloads.
	const readByItem = new Map<number, ReadMessage>();
	return await runBatched<GetPlan>(this, items, {
		verb: 'read',
		plan: (itemIndex) => {
			const id = requiredId(this, 'messageId', 'Message ID', itemIndex, MESSAGE_ID_HINT);
			const output = this.getNodeParameter('output', itemIndex, 'cleanContent') as MessageOutput;
			const options = this.getNodeParameter('options', itemIndex, {}) as MessageReadOptions;
			const mailbox = mailboxQs(this, itemIndex);
			return {
				itemIndex,
				id,
				groupKey: JSON.stringify([mailbox, output, batchGetBody(output, options, [])]),
				plan: { output, options, mailbox },
			};
		},
		runOne: async (entry) => {
			const read = await getOne(this, entry);
			readByItem.set(entry.itemIndex, read);
			return jsonOnly(read);
		},
		runMany: async (entries) => {
			const { plan } = entries[0];
			const response = await sendmuxRequest.call(this, {
				surface: 'mailbox',
				method: 'POST',
				path: '/mailbox/messages:batch-get',
				repeatable: true,
				qs: plan.mailbox,
				body: batchGetBody(plan.output, plan.options, distinctIds(entries)),
				itemIndex: entries[0].itemIndex,
			});
			const result = response.data as { messages: MailboxBatchGetItem[]; not_found: string[] };
			const byId = new Map(result.messages.map((item) => [item.message.id, item]));
			const notFound = new Set(result.not_found);
			const outcomes = new Map<number, ItemOutcome>();
			for (const entry of entries) {
				const item = byId.get(entry.id);
				if (!item) {
					// Neither read nor listed as not found: no outcome, reported as such by runBatched.
					if (notFound.has(entry.id)) {
						outcomes.set(entry.itemIndex, { error: batchItemError(this, entry.itemIndex, entry.id, 'read', 'not_found') });
					}
					continue;
				}
				const read = fromBatchItem(plan.output, plan.options, item);
				readByItem.set(entry.itemIndex, read);
				outcomes.set(entry.itemIndex, jsonOnly(read));
			}
			return outcomes;
		},
		finish: async (entry, success) => {
			const { options, mailbox } = entry.plan;
			if (!options.downloadAttachments) return success;
			const read = readByItem.get(entry.itemIndex);
			const attachments = read ? await attachmentsToDownload(this, read, entry.id, mailbox, entry.itemIndex) : [];
			const binary = await attachmentsToBinary(
				this,
				entry.itemIndex,
				entry.id,
				attachments,
				binaryPrefixOf(options),
				mailbox,
			);
			return Object.keys(binary).length ? { ...success, binary } : success;
		},
	});
}
