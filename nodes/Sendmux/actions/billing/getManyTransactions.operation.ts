import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { collectPages } from '../../transport/pagination';

const displayOptions = { show: { resource: ['billing'], operation: ['getManyTransactions'] } };

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
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Adjustment', value: 'ADJUSTMENT', description: 'Manual corrections by Sendmux' },
					{ name: 'Auto Top-Up', value: 'AUTO_TOPUP', description: 'Automatic credit purchases' },
					{ name: 'Purchase', value: 'PURCHASE', description: 'Credits bought' },
					{ name: 'Refund', value: 'REFUND', description: 'Credits refunded' },
					{ name: 'Usage', value: 'USAGE', description: 'Credits spent on email' },
				],
				default: 'USAGE',
				description: 'Only transactions of this type',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { type?: string };
	return await collectPages<IDataObject>(
		this,
		{
			surface: 'management',
			method: 'GET',
			path: '/billing/transactions',
			qs: filters.type ? { type: filters.type } : {},
			itemIndex,
		},
		{ limit, maxPageSize: 100 },
	);
}
