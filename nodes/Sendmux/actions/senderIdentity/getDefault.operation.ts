import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { mailboxQs } from '../mailboxShared/scope';

const displayOptions = { show: { resource: ['senderIdentity'], operation: ['getDefault'] } };

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'mailbox',
		method: 'GET',
		path: '/mailbox/identity',
		qs: mailboxQs(this, itemIndex),
		itemIndex,
	});
	return response.data as IDataObject;
}
