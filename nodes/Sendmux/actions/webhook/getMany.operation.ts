import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { returnAllOrLimit } from '../../shared/descriptions';
import { collectPages } from '../../transport/pagination';

const displayOptions = { show: { resource: ['webhook'], operation: ['getMany'] } };

const properties: INodeProperties[] = [...returnAllOrLimit(displayOptions)];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	return await collectPages<IDataObject>(
		this,
		{ surface: 'management', method: 'GET', path: '/webhooks', itemIndex },
		{ limit, maxPageSize: 100 },
	);
}
