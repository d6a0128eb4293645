import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['billing'], operation: ['getSpendSummary'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Days',
		name: 'days',
		type: 'options',
		options: [
			{ name: 'Last 7 Days', value: '7' },
			{ name: 'Last 30 Days', value: '30' },
			{ name: 'Last 90 Days', value: '90' },
		],
		default: '30',
		description: 'How far back to add up purchases and usage',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const days = String(this.getNodeParameter('days', itemIndex));
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: '/billing/summary',
		qs: { days },
		itemIndex,
	});
	return response.data as IDataObject;
}
