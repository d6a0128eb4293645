import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { messageFilterQs, messageFiltersProperty, searchTextProperty } from '../mailboxShared/filters';
import { mailboxQs } from '../mailboxShared/scope';

const displayOptions = { show: { resource: ['message'], operation: ['count'] } };

const properties: INodeProperties[] = [searchTextProperty(), messageFiltersProperty()];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'mailbox',
		method: 'GET',
		path: '/mailbox/messages/count',
		qs: { ...messageFilterQs(this, itemIndex), ...mailboxQs(this, itemIndex) },
		itemIndex,
	});
	const { total } = response.data as { total: number };
	return { total };
}
