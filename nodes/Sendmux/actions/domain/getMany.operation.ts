import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { collectPages } from '../../transport/pagination';
import { domainOutput, domainSimplifyProperty } from './simplify';

const displayOptions = { show: { resource: ['domain'], operation: ['getMany'] } };

const properties: INodeProperties[] = [...returnAllOrLimit(displayOptions), domainSimplifyProperty];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const domains = await collectPages<IDataObject>(
		this,
		{ surface: 'management', method: 'GET', path: '/domains', itemIndex },
		{ limit, maxPageSize: 100 },
	);
	return domains.map((domain) => domainOutput(domain, simplify));
}
