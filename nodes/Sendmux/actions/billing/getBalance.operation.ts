import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['billing'], operation: ['getBalance'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Amounts are decimal strings in USD (e.g. "45.230000") so no precision is lost; use Number() in an expression to compare them',
		name: 'amountsNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: '/billing/balance',
		itemIndex,
	});
	return response.data as IDataObject;
}
