import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';
import { RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['requestLimitIncrease'] } };

const properties: INodeProperties[] = [
	{
		displayName:
			'Asks Sendmux to raise how many custom or connected sending accounts the team may have. Check can_request_increase with Get Limits first: a request already pending is refused.',
		name: 'requestLimitIncreaseNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: '/providers/limits/sending-accounts/request-increase',
		idempotencyKey: idempotencyKeyFor(this, itemIndex, [RESOURCE, 'requestLimitIncrease']),
		itemIndex,
	});
	return response.data as IDataObject;
}
