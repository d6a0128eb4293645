import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { collectPages } from '../../transport/pagination';
import { mailboxQs } from '../mailboxShared/scope';

const displayOptions = { show: { resource: ['mailboxAccount'], operation: ['getQuotas'] } };

const properties: INodeProperties[] = [
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Only quotas with this name' },
			{
				displayName: 'Resource Type',
				name: 'resourceType',
				type: 'options',
				options: [
					{ name: 'Count', value: 'count' },
					{ name: 'Octets (Bytes)', value: 'octets' },
				],
				default: 'octets',
				description: 'Only quotas that count items or that count bytes',
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'options',
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Domain', value: 'domain' },
					{ name: 'Global', value: 'global' },
				],
				default: 'account',
				description: 'Only quotas that apply at this level',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'string',
				default: '',
				placeholder: 'e.g. Mail',
				description: 'Only quotas that count this type of data',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

const FILTERS: Array<[field: string, param: string]> = [
	['name', 'name'],
	['resourceType', 'resource_type'],
	['scope', 'scope'],
	['type', 'type'],
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { ...mailboxQs(this, itemIndex) };
	for (const [field, param] of FILTERS) {
		const value = String(filters[field] ?? '').trim();
		if (value) qs[param] = value;
	}
	return await collectPages<IDataObject>(
		this,
		{ surface: 'mailbox', method: 'GET', path: '/mailbox/quotas', qs, itemIndex },
		{ limit, maxPageSize: 100 },
	);
}
