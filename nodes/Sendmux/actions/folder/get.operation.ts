import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { folderLocator } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';
import { mailboxQs, segment } from '../mailboxShared/scope';
import { folderId } from './shared';

const displayOptions = { show: { resource: ['folder'], operation: ['get'] } };

const properties: INodeProperties[] = [folderLocator({ description: 'The folder to get' })];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await sendmuxRequest.call(this, {
		surface: 'mailbox',
		method: 'GET',
		path: `/mailbox/folders/${segment(folderId(this, itemIndex))}`,
		qs: mailboxQs(this, itemIndex),
		itemIndex,
	});
	return { ...(response.data as IDataObject), ...(response.etag ? { etag: response.etag } : {}) };
}
