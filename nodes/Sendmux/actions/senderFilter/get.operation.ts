import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { withEtag } from '../../shared/writeOptions';
import { sendmuxRequest } from '../../transport/request';
import { filtersPath, targetProperties } from './target';

const displayOptions = { show: { resource: ['senderFilter'], operation: ['get'] } };

const properties: INodeProperties[] = [...targetProperties];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: await filtersPath(this, itemIndex),
		itemIndex,
	});
	// The ETag feeds a later Replace's "Only If Unchanged".
	return withEtag(response.data as IDataObject, response.etag);
}
