import {
	NodeOperationError,
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

const displayOptions = { show: { resource: ['message'], operation: ['update'] } };

const properties: INodeProperties[] = [
	messageIdProperty('The message to change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Add Keywords',
				name: 'addKeywords',
				type: 'string',
				default: '',
				placeholder: 'e.g. agent_triaged, needs_reply',
				description:
					'Keywords (labels) to set on the message, separated by commas. Sendmux stores them in lowercase.',
			},
			{
				displayName: 'Flagged',
				name: 'flagged',
				type: 'boolean',
				default: true,
				description: 'Whether the message is flagged (starred)',
			},
			{
				displayName: 'Remove Keywords',
				name: 'removeKeywords',
				type: 'string',
				default: '',
				placeholder: 'e.g. needs_reply',
				description: 'Keywords (labels) to clear from the message, separated by commas',
			},
			{
				displayName: 'Seen',
				name: 'seen',
				type: 'boolean',
				default: true,
				description: 'Whether the message is marked as read',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				...ifMatchOption,
				description: `${ifMatchOption.description} Items with an ETag are updated one by one; the others are grouped into batch calls.`,
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface MessagePatch {
	seen?: boolean;
	flagged?: boolean;
	keywords?: Record<string, boolean>;
}

interface UpdatePlan {
	patch: MessagePatch;
	ifMatch?: string;
	mailbox: IDataObject;
}

/** Keyword names: no spaces or control characters; Sendmux lowercases them. */
function keywordList(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string[] {
	const entries = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	const keywords = entries.map((k) => k.trim()).filter(Boolean);
	for (const keyword of keywords) {
		const hasControl = [...keyword].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
		if (hasControl || /[\s()[\]{}%*"\\]/.test(keyword) || keyword.length > 255) {
			throw new NodeOperationError(ctx.getNode(), `${field} of item ${itemIndex} has an invalid keyword: "${keyword}"`, {
				itemIndex,
				description: 'Keywords are single words such as needs_reply or agent-triaged: no spaces, brackets, quotes, % or *.',
			});
		}
	}
	return keywords.map((k) => k.toLowerCase());
}

function readPatch(ctx: IExecuteFunctions, itemIndex: number): MessagePatch {
	const fields = ctx.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const patch: MessagePatch = {};
	if (typeof fields.seen === 'boolean') patch.seen = fields.seen;
	if (typeof fields.flagged === 'boolean') patch.flagged = fields.flagged;
	const add = keywordList(ctx, fields.addKeywords, 'Add Keywords', itemIndex);
	const remove = keywordList(ctx, fields.removeKeywords, 'Remove Keywords', itemIndex);
	const both = add.filter((k) => remove.includes(k));
	if (both.length) {
		throw new NodeOperationError(ctx.getNode(), `Keyword "${both[0]}" is both added and removed in item ${itemIndex}`, {
			itemIndex,
			description: 'Name each keyword in Add Keywords or in Remove Keywords, not both.',
		});
	}
	if (add.length || remove.length) {
		patch.keywords = Object.fromEntries([...add.map((k) => [k, true]), ...remove.map((k) => [k, false])]);
	}
	if (!Object.keys(patch).length) {
		throw new NodeOperationError(ctx.getNode(), `Nothing to update in item ${itemIndex}`, {
			itemIndex,
			description: 'Add at least one of Update Fields: Seen, Flagged, Add Keywords or Remove Keywords.',
		});
	}
	return patch;
}

/** The output for an updated message: its ID and what was applied. */
function updatedJson(entry: PlannedItem<UpdatePlan>): IDataObject {
	const { patch } = entry.plan;
	const json: IDataObject = { id: entry.id, updated: true };
	if (patch.seen !== undefined) json.seen = patch.seen;
	if (patch.flagged !== undefined) json.flagged = patch.flagged;
	if (patch.keywords) {
		json.keywords_added = Object.keys(patch.keywords).filter((k) => patch.keywords?.[k]);
		json.keywords_removed = Object.keys(patch.keywords).filter((k) => !patch.keywords?.[k]);
	}
	return json;
}

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatched<UpdatePlan>(this, items, {
		verb: 'updated',
		plan: (itemIndex) => {
			const id = requiredId(this, 'messageId', 'Message ID', itemIndex, MESSAGE_ID_HINT);
			const patch = readPatch(this, itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as { ifMatch?: string };
			const ifMatch = readIfMatch(this, itemIndex, options);
			const mailbox = mailboxQs(this, itemIndex);
			return {
				itemIndex,
				id,
				groupKey: JSON.stringify([mailbox, patch]),
				alone: ifMatch !== undefined,
				plan: { patch, ifMatch, mailbox },
			};
		},
		runOne: async (entry) => {
			await sendmuxRequest.call(this, {
				surface: 'mailbox',
				method: 'PATCH',
				path: `/mailbox/messages/${segment(entry.id)}`,
				qs: entry.plan.mailbox,
				body: entry.plan.patch as IDataObject,
				ifMatch: entry.plan.ifMatch,
				repeatable: true,
				itemIndex: entry.itemIndex,
			});
			return { json: updatedJson(entry) };
		},
		runMany: async (entries) => {
			const { patch, mailbox } = entries[0].plan;
			const response = await sendmuxRequest.call(this, {
				surface: 'mailbox',
				method: 'POST',
				path: '/mailbox/messages:batch-update',
				repeatable: true,
				qs: mailbox,
				body: { ids: distinctIds(entries), ...patch } as IDataObject,
				itemIndex: entries[0].itemIndex,
			});
			const result = response.data as { updated: string[]; not_found: string[]; failed: MailboxBatchFailure[] };
			return outcomesFromLists(this, entries, { ...result, done: result.updated }, 'updated', updatedJson);
		},
	});
}
