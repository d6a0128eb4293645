import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['getSharedSesLimit'] } };

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(displayOptions, properties);

/** The shared Amazon SES daily limit and the pending increase request, if any. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: '/providers/shared-amazon-ses-limit-request',
		itemIndex,
	});
	return response.data as IDataObject;
}
