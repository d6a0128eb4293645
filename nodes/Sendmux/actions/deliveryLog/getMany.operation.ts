import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { dateRangeQuery } from '../../shared/dates';
import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { pickFields, simplifyToFieldsProperty } from '../../shared/simplify';
import { collectPages } from '../../transport/pagination';
import { SIMPLIFIED_DELIVERY_LOG_FIELDS } from './fields';

const displayOptions = { show: { resource: ['deliveryLog'], operation: ['getMany'] } };

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
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description:
					"Only emails logged at or after this moment (the workflow's time zone unless the value says otherwise). A bare date such as 2026-11-01 starts at 00:00 UTC.",
			},
			{
				displayName: 'Provider ID',
				name: 'providerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. dprov_clxxxxxxxxxxxxxxxxxxxxxxxxx',
				description: 'Only emails sent through this sending account (its public ID)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'invoice',
				description: 'Text to find in the recipient, sender, subject or Message-ID',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Failed', value: 'failed', description: 'The provider could not send it' },
					{ name: 'Pending', value: 'pending', description: 'Not handed to a provider yet' },
					{ name: 'Rejected', value: 'rejected', description: 'Refused before sending' },
					{ name: 'Sent', value: 'sent', description: 'Accepted by the provider' },
				],
				default: 'failed',
				description: 'Only emails with this delivery status',
			},
			{
				displayName: 'To Date',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description:
					"Only emails logged at or before this moment (the workflow's time zone unless the value says otherwise). A bare date such as 2026-11-30 includes that whole UTC day.",
			},
		],
	},
	simplifyToFieldsProperty(displayOptions, SIMPLIFIED_DELIVERY_LOG_FIELDS),
];

export const description = updateDisplayOptions(displayOptions, properties);

interface Filters {
	fromDate?: unknown;
	providerId?: string;
	search?: string;
	status?: string;
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
	if (filters.status) qs.status = filters.status;
	if (filters.providerId?.trim()) qs.provider_id = filters.providerId.trim();
	if (filters.search?.trim()) qs.search = filters.search.trim();
	const logs = await collectPages<IDataObject>(
		this,
		{ surface: 'management', method: 'GET', path: '/emails/logs', qs, itemIndex },
		{ limit, maxPageSize: 100 },
	);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? logs.map((log) => pickFields(log, SIMPLIFIED_DELIVERY_LOG_FIELDS)) : logs;
}
