import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { mailboxQs } from '../mailboxShared/scope';

const displayOptions = { show: { resource: ['mailboxAccount'], operation: ['get'] } };

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(displayOptions, properties);

/** GET /mailbox/me: which mailbox this key acts as. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'mailbox',
		method: 'GET',
		path: '/mailbox/me',
		qs: mailboxQs(this, itemIndex),
		itemIndex,
	});
	return response.data as IDataObject;
}
