import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['getUsage'] } };

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(displayOptions, properties);

interface ProviderUsage {
	window_days: number;
	providers: IDataObject[];
}

/**
 * One output item per sending account (today's and the trailing 7 days' delivery counts),
 * so a workflow can filter or alert per account; each item carries the window it covers.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: '/providers/usage',
		itemIndex,
	});
	const usage = response.data as ProviderUsage;
	return (usage.providers ?? []).map((account) => ({ ...account, window_days: usage.window_days }));
}
