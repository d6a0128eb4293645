import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { readIfMatch } from '../../shared/writeOptions';
import { sendmuxRequest } from '../../transport/request';
import { distinctIds, outcomesFromLists, runBatched, type PlannedItem } from '../mailboxShared/batch';
import { ifMatchOption, messageIdProperty, MESSAGE_ID_HINT } from '../mailboxShared/fields';
import { mailboxQs, requiredId, segment } from '../mailboxShared/scope';
import type { MailboxBatchFailure } from '../mailboxShared/types';

const displayOptions = { show: { resource: ['message'], operation: ['delete'] } };

const properties: INodeProperties[] = [
	messageIdProperty('The message to delete'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				...ifMatchOption,
				description: `${ifMatchOption.description} Items with an ETag are deleted one by one; the others are grouped into batch calls.`,
			},
			{
				displayName: 'Permanently',
				name: 'permanent',
				type: 'boolean',
				default: false,
				description:
					'Whether to erase the message for good. Off (the default) moves it to Trash, where it can be restored.',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface DeletePlan {
	permanent: boolean;
	ifMatch?: string;
	mailbox: IDataObject;
}

function deletedJson(entry: PlannedItem<DeletePlan>): IDataObject {
	return { id: entry.id, deleted: true, permanent: entry.plan.permanent };
}

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatched<DeletePlan>(this, items, {
		verb: 'deleted',
		plan: (itemIndex) => {
			const id = requiredId(this, 'messageId', 'Message ID', itemIndex, MESSAGE_ID_HINT);
			const options = this.getNodeParameter('options', itemIndex, {}) as { ifMatch?: string; permanent?: boolean };
			const permanent = options.permanent === true;
			const ifMatch = readIfMatch(this, itemIndex, options);
			const mailbox = mailboxQs(this, itemIndex);
			return {
				itemIndex,
				id,
				groupKey: JSON.stringify([mailbox, permanent]),
				alone: ifMatch !== undefined,
				plan: { permanent, ifMatch, mailbox },
			};
		},
		runOne: async (entry) => {
			await sendmuxRequest.call(this, {
				surface: 'mailbox',
				method: 'DELETE',
				path: `/mailbox/messages/${segment(entry.id)}`,
				qs: { ...(entry.plan.permanent ? { permanent: true } : {}), ...entry.plan.mailbox },
				ifMatch: entry.plan.ifMatch,
				itemIndex: entry.itemIndex,
			});
			return { json: deletedJson(entry) };
		},
		runMany: async (entries) => {
			const { permanent, mailbox } = entries[0].plan;
			const response = await sendmuxRequest.call(this, {
				surface: 'mailbox',
				method: 'POST',
				path: '/mailbox/messages:batch-delete',
				qs: mailbox,
				body: { ids: distinctIds(entries), ...(permanent ? { permanent: true } : {}) },
				itemIndex: entries[0].itemIndex,
			});
			const result = response.data as { deleted: string[]; not_found: string[]; failed: MailboxBatchFailure[] };
			return outcomesFromLists(this, entries, { ...result, done: result.deleted }, 'deleted', deletedJson);
		},
	});
}
