import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { collectPages } from '../../transport/pagination';
import { messageFilterQs, messageFiltersProperty, searchTextProperty } from '../mailboxShared/filters';
import { mailboxQs } from '../mailboxShared/scope';
import { simplifySummary, withoutDownloadUrls } from '../mailboxShared/simplify';
import type { MailboxMessageSummary } from '../mailboxShared/types';

const displayOptions = { show: { resource: ['message'], operation: ['getMany'] } };

const properties: INodeProperties[] = [
	searchTextProperty(),
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return a compact view of each message (who, subject, preview, state) instead of every field',
	},
	messageFiltersProperty(),
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'From', value: 'from' },
					{ name: 'Received At', value: 'received_at' },
					{ name: 'Sent At', value: 'sent_at' },
					{ name: 'Size', value: 'size_bytes' },
					{ name: 'Subject', value: 'subject' },
					{ name: 'To', value: 'to' },
				],
				default: 'received_at',
				description: 'Which field to sort the messages by',
			},
			{
				displayName: 'Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Newest / Largest / Z First', value: 'desc' },
					{ name: 'Oldest / Smallest / A First', value: 'asc' },
				],
				default: 'desc',
				description: 'Whether the newest, largest or last in the alphabet comes first',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const sort = this.getNodeParameter('sort', itemIndex, {}) as { sortBy?: string; sortDirection?: string };
	const qs: IDataObject = { ...messageFilterQs(this, itemIndex), ...mailboxQs(this, itemIndex) };
	if (sort.sortBy) qs.sort_by = sort.sortBy;
	if (sort.sortDirection) qs.sort_direction = sort.sortDirection;
	const messages = await collectPages<MailboxMessageSummary>(
		this,
		{ surface: 'mailbox', method: 'GET', path: '/mailbox/messages', qs, itemIndex },
		{ limit, maxPageSize: 100 },
	);
	return messages.map((message) =>
		simplify ? simplifySummary(message) : (withoutDownloadUrls(message) as unknown as IDataObject),
	);
}
