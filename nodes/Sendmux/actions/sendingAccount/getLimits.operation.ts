import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['getLimits'] } };

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(displayOptions, properties);

/** How many custom accounts the team may have, and the shared Amazon SES daily limit state. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: '/providers/limits',
		itemIndex,
	});
	return response.data as IDataObject;
}
