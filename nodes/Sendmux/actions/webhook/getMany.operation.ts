import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { collectPages } from '../../transport/pagination';

const displayOptions = { show: { resource: ['webhook'], operation: ['getMany'] } };

const properties: INodeProperties[] = [...returnAllOrLimit(displayOptions)];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	return await collectPages<IDataObject>(
		this,
		{ surface: 'management', method: 'GET', path: '/webhooks', itemIndex },
		{ limit, maxPageSize: 100 },
	);
}
