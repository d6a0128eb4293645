import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { collectPages } from '../../transport/pagination';

const displayOptions = { show: { resource: ['mailbox'], operation: ['getMany'] } };

const properties: INodeProperties[] = [
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Include Deleted',
		name: 'includeDeleted',
		type: 'boolean',
		default: false,
		description: 'Whether to list deleted mailboxes too (status "deleted")',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const includeDeleted = this.getNodeParameter('includeDeleted', itemIndex, false) as boolean;
	return await collectPages<IDataObject>(
		this,
		{
			surface: 'management',
			method: 'GET',
			path: '/mailboxes',
			// Sendmux accepts only "true"; leaving it out lists active and suspended mailboxes.
			qs: includeDeleted ? { include_deleted: 'true' } : {},
			itemIndex,
		},
		{ limit, maxPageSize: 100 },
	);
}
