import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { mailboxAddress } from './fields';

const displayOptions = { show: { resource: ['mailbox'], operation: ['checkAvailability'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'agent@myagent.mx',
		required: true,
		default: '',
		description: 'The address to check before creating a mailbox with it',
		hint: 'The output says whether it is available and, if not, why (taken, reserved, domain not available…)',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const email = mailboxAddress(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: '/mailboxes/availability',
		qs: { email },
		itemIndex,
	});
	return response.data as IDataObject;
}
