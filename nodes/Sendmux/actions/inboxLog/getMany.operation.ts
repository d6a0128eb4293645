import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { dateRangeQuery } from '../../shared/dates';
import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { checkPublicId } from '../../shared/ids';
import { pickFields, simplifyToFieldsProperty } from '../../shared/simplify';
import { collectPages } from '../../transport/pagination';
import { SIMPLIFIED_INBOX_LOG_FIELDS } from './fields';

const displayOptions = { show: { resource: ['inboxLog'], operation: ['getMany'] } };

const properties: INodeProperties[] = [
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Event Type',
				name: 'eventType',
				type: 'options',
				options: [
					{ name: 'Message Received', value: 'message.received', description: 'Messages delivered to the inbox' },
					{
						name: 'Message Received (Spam)',
						value: 'message.received.spam',
						description: 'Messages classified as spam',
					},
				],
				default: 'message.received',
				description: 'Only messages of this kind',
			},
			{
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description:
					"Only messages received at or after this moment (the workflow's time zone unless the value says otherwise). A bare date such as 2026-11-01 starts at 00:00 UTC.",
			},
			{
				displayName: 'Mailbox ID',
				name: 'mailboxId',
				type: 'string',
				default: '',
				placeholder: 'mbx_clxxxxxxxxxxxxxxxxxxxxxxxxx',
				description: 'Only messages received by this mailbox (mbx_…)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'order 1234',
				description: 'Text to find in the mailbox, sender, recipient, subject or Message-ID',
			},
			{
				displayName: 'To Date',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description:
					"Only messages received at or before this moment (the workflow's time zone unless the value says otherwise). A bare date such as 2026-11-30 includes that whole UTC day.",
			},
		],
	},
	simplifyToFieldsProperty(displayOptions, SIMPLIFIED_INBOX_LOG_FIELDS),
];

export const description = updateDisplayOptions(displayOptions, properties);

interface Filters {
	eventType?: string;
	fromDate?: unknown;
	mailboxId?: string;
	search?: string;
	toDate?: unknown;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const qs: IDataObject = dateRangeQuery(
		this,
		itemIndex,
		{ value: filters.fromDate, fieldName: 'From Date' },
		{ value: filters.toDate, fieldName: 'To Date' },
	);
	if (filters.mailboxId?.trim()) {
		qs.mailbox_id = checkPublicId(this, filters.mailboxId, {
			prefix: 'mbx',
			fieldName: 'Mailbox ID',
			itemIndex,
			whereToFindIt: 'take the id field of Mailbox → Get Many (an address is not accepted here)',
		});
	}
	if (filters.eventType) qs.event_type = filters.eventType;
	if (filters.search?.trim()) qs.search = filters.search.trim();
	const logs = await collectPages<IDataObject>(
		this,
		{ surface: 'management', method: 'GET', path: '/inboxes/logs', qs, itemIndex },
		{ limit, maxPageSize: 100 },
	);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? logs.map((log) => pickFields(log, SIMPLIFIED_INBOX_LOG_FIELDS)) : logs;
}
