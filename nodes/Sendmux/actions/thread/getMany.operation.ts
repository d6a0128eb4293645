import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { toRfc3339Utc } from '../../shared/dates';
import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { folderLocator, type LocatorValue } from '../../shared/locators';
import { collectPages } from '../../transport/pagination';
import { searchTextProperty } from '../mailboxShared/filters';
import { mailboxQs } from '../mailboxShared/scope';
import { simplifySummary, withoutDownloadUrls } from '../mailboxShared/simplify';
import type { MailboxAddress, MailboxMessageSummary } from '../mailboxShared/types';

const displayOptions = { show: { resource: ['thread'], operation: ['getMany'] } };

const properties: INodeProperties[] = [
	{ ...searchTextProperty(), description: 'Words to search for in the messages of each conversation' },
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			folderLocator({ required: false, description: 'Only conversations with messages in this folder' }),
			{
				displayName: 'Has Attachment',
				name: 'hasAttachment',
				type: 'boolean',
				default: false,
				description: 'Whether to return only conversations with attachments',
			},
			{
				displayName: 'Participant',
				name: 'participant',
				type: 'string',
				default: '',
				placeholder: 'e.g. ann@example.com',
				description: 'Only conversations this address or name took part in',
			},
			{
				displayName: 'Unread Only',
				name: 'unreadOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only conversations with unread messages',
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only conversations with activity after this moment, as an ISO 8601 date-time such as 2025-03-01T00:00:00Z',
			},
			{
				displayName: 'Updated Before',
				name: 'updatedBefore',
				type: 'dateTime',
				default: '',
				description:
					'Only conversations with activity before this moment, as an ISO 8601 date-time such as 2025-03-31T23:59:59Z',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a compact view of each conversation instead of every field',
	},
	{
		displayName: 'Sort Direction',
		name: 'sortDirection',
		type: 'options',
		options: [
			{ name: 'Most Recent Activity First', value: 'desc' },
			{ name: 'Oldest Activity First', value: 'asc' },
		],
		default: 'desc',
		description: 'In which order the conversations are returned',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface ThreadSummary {
	id: string;
	subject: string | null;
	participants: MailboxAddress[];
	message_count: number;
	unread_count: number;
	has_attachments: boolean;
	folder_ids: string[];
	last_message: MailboxMessageSummary;
}

function simplifyThread(thread: ThreadSummary): IDataObject {
	return {
		id: thread.id,
		subject: thread.subject,
		participants: thread.participants as unknown as IDataObject[],
		message_count: thread.message_count,
		unread_count: thread.unread_count,
		has_attachments: thread.has_attachments,
		folder_ids: thread.folder_ids,
		last_message: thread.last_message ? simplifySummary(thread.last_message) : null,
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { ...mailboxQs(this, itemIndex) };
	const searchText = String(this.getNodeParameter('searchText', itemIndex, '') ?? '').trim();
	if (searchText) qs.q = searchText;
	const participant = String(filters.participant ?? '').trim();
	if (participant) qs.participant = participant;
	const folder = filters.folder as LocatorValue | undefined;
	if (folder?.value && String(folder.value).trim()) qs.folder_id = String(folder.value).trim();
	if (filters.unreadOnly === true) qs.is_unread = true;
	if (filters.hasAttachment === true) qs.has_attachment = true;
	if (filters.updatedAfter) qs.after = toRfc3339Utc(this, filters.updatedAfter, 'Updated After', itemIndex);
	if (filters.updatedBefore) qs.before = toRfc3339Utc(this, filters.updatedBefore, 'Updated Before', itemIndex);
	qs.sort_direction = this.getNodeParameter('sortDirection', itemIndex, 'desc') as string;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const threads = await collectPages<ThreadSummary>(
		this,
		{ surface: 'mailbox', method: 'GET', path: '/mailbox/threads', qs, itemIndex },
		{ limit, maxPageSize: 100 },
	);
	return threads.map((thread) =>
		simplify ? simplifyThread(thread) : (withoutDownloadUrls(thread) as unknown as IDataObject),
	);
}
