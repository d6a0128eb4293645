import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { mailboxQs, requiredId, segment } from '../mailboxShared/scope';
import { withoutDownloadUrls } from '../mailboxShared/simplify';
import { threadIdProperty, THREAD_ID_HINT } from './fields';

const displayOptions = { show: { resource: ['thread'], operation: ['get'] } };

const properties: INodeProperties[] = [threadIdProperty('The conversation to get')];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const threadId = requiredId(this, 'threadId', 'Thread ID', itemIndex, THREAD_ID_HINT);
	const response = await sendmuxRequest.call(this, {
		surface: 'mailbox',
		method: 'GET',
		path: `/mailbox/threads/${segment(threadId)}`,
		qs: mailboxQs(this, itemIndex),
		itemIndex,
	});
	return withoutDownloadUrls(response.data) as IDataObject;
}
