import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { collectPages } from '../../transport/pagination';
import { mailboxQs, requiredId, segment } from '../mailboxShared/scope';
import { simplifySummary, withoutDownloadUrls } from '../mailboxShared/simplify';
import type { MailboxMessageSummary } from '../mailboxShared/types';
import { threadIdProperty, THREAD_ID_HINT } from './fields';

const displayOptions = { show: { resource: ['thread'], operation: ['getMessages'] } };

const properties: INodeProperties[] = [
	threadIdProperty('The conversation whose messages to list'),
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a compact view of each message instead of every field',
	},
	{
		displayName: 'Order',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Newest First', value: 'desc' },
			{ name: 'Oldest First', value: 'asc' },
		],
		default: 'asc',
		description: 'In which order the messages of the conversation are returned',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const threadId = requiredId(this, 'threadId', 'Thread ID', itemIndex, THREAD_ID_HINT);
	const limit = readLimit(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const messages = await collectPages<MailboxMessageSummary>(
		this,
		{
			surface: 'mailbox',
			method: 'GET',
			path: `/mailbox/threads/${segment(threadId)}/messages`,
			qs: { sort: this.getNodeParameter('sort', itemIndex, 'asc') as string, ...mailboxQs(this, itemIndex) },
			itemIndex,
		},
		{ limit, maxPageSize: 100 },
	);
	return messages.map((message) =>
		simplify ? simplifySummary(message) : (withoutDownloadUrls(message) as unknown as IDataObject),
	);
}
