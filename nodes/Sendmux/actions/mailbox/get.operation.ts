import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { mailboxLocator, resolveMailboxId } from '../../shared/locators';
import { withEtag } from '../../shared/writeOptions';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['mailbox'], operation: ['get'] } };

const properties: INodeProperties[] = [mailboxLocator()];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const mailboxId = await resolveMailboxId(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: `/mailboxes/${encodeURIComponent(mailboxId)}`,
		itemIndex,
	});
	// The ETag feeds a later Update's "Only If Unchanged".
	return withEtag(response.data as IDataObject, response.etag);
}
