import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { domainLocator, resolveDomainId } from '../../shared/locators';
import { withEtag } from '../../shared/writeOptions';
import { sendmuxRequest } from '../../transport/request';
import { domainOutput, domainSimplifyProperty } from './simplify';

const displayOptions = { show: { resource: ['domain'], operation: ['get'] } };

const properties: INodeProperties[] = [domainLocator(), domainSimplifyProperty];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const domainId = await resolveDomainId(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: `/domains/${encodeURIComponent(domainId)}`,
		itemIndex,
	});
	// The ETag feeds a later Update's "Only If Unchanged".
	return withEtag(domainOutput(response.data as IDataObject, simplify), response.etag);
}
