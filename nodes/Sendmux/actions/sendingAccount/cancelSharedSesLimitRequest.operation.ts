import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { checkPublicId } from '../../shared/ids';
import { sendmuxRequest } from '../../transport/request';
import { RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['cancelSharedSesLimitRequest'] } };

const REQUEST_ID_PREFIX = 'slir';

const properties: INodeProperties[] = [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'slir_clxxxxxxxxxxxxxxxxxxxxxxxxx',
		description:
			'ID of the pending shared Amazon SES limit request to cancel. Approved or denied requests cannot be cancelled.',
		hint: 'From Get Shared SES Limit (pending_request.id) or Request Shared SES Limit Increase (request.ID)',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const requestId = checkPublicId(this, this.getNodeParameter('requestId', itemIndex), {
		prefix: REQUEST_ID_PREFIX,
		fieldName: 'Request ID',
		itemIndex,
		whereToFindIt: 'use pending_request.id from Sending Account → Get Shared SES Limit',
	});
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'DELETE',
		path: `/providers/shared-amazon-ses-limit-request/${encodeURIComponent(requestId)}`,
		itemIndex,
	});
	return response.data as IDataObject;
}
