import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';
import { RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['requestSharedSesLimitIncrease'] } };

const properties: INodeProperties[] = [
	{
		displayName:
			'Asks Sendmux to review the shared Amazon SES daily sending limit. The limit does not change until the request is approved; follow it with Get Shared SES Limit.',
		name: 'requestSharedSesNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: '/providers/shared-amazon-ses-limit-request',
		idempotencyKey: idempotencyKeyFor(this, itemIndex, [RESOURCE, 'requestSharedSesLimitIncrease']),
		itemIndex,
	});
	return response.data as IDataObject;
}
