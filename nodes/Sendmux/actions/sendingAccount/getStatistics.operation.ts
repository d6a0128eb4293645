import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['getStatistics'] } };

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(displayOptions, properties);

/** Counts of the team's sending accounts: total, by status and by type. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: '/providers/stats',
		itemIndex,
	});
	return response.data as IDataObject;
}
