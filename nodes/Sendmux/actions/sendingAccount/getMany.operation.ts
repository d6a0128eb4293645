import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { pickFields, simplifyToFieldsProperty } from '../../shared/simplify';
import { collectPages } from '../../transport/pagination';
import { RESOURCE, SIMPLIFIED_ACCOUNT_FIELDS } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['getMany'] } };

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
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active', description: 'Enabled and sending' },
					{ name: 'Error', value: 'error', description: 'Failing; see status_reason' },
					{ name: 'Inactive', value: 'inactive', description: 'Switched off' },
					{ name: 'Pending', value: 'pending', description: 'Waiting, e.g. for an OAuth reconnection' },
				],
				default: 'active',
				description: 'Only accounts with this status',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Amazon SES (Shared)', value: 'amazon_ses' },
					{ name: 'Gmail (Connected)', value: 'gmail_api' },
					{ name: 'Outlook (Connected)', value: 'outlook_api' },
					{ name: 'SMTP (Custom)', value: 'smtp' },
				],
				default: 'smtp',
				description: 'Only accounts of this type',
			},
		],
	},
	simplifyToFieldsProperty(displayOptions, SIMPLIFIED_ACCOUNT_FIELDS),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { status?: string; type?: string };
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	if (filters.type) qs.type = filters.type;
	const accounts = await collectPages<IDataObject>(
		this,
		{ surface: 'management', method: 'GET', path: '/providers', qs, itemIndex },
		{ limit, maxPageSize: 100 },
	);
	return simplify ? accounts.map((account) => pickFields(account, SIMPLIFIED_ACCOUNT_FIELDS)) : accounts;
}
