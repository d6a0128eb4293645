import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readIfMatch } from '../../shared/writeOptions';
import { folderLocator } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';
import { ifMatchOption } from '../mailboxShared/fields';
import { mailboxQs, segment } from '../mailboxShared/scope';
import { folderId, placement } from './shared';

const displayOptions = { show: { resource: ['folder'], operation: ['update'] } };

const properties: INodeProperties[] = [
	folderLocator({ description: 'The folder to change' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The new name of the folder' },
			folderLocator({
				displayName: 'Parent Folder',
				name: 'parent',
				required: false,
				description: 'Move the folder inside this one',
			}),
			{
				displayName: 'Sort Order',
				name: 'sortOrder',
				type: 'number',
				default: 0,
				description: 'Position among its sibling folders; lower comes first',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [ifMatchOption],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = folderId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = placement(this, 'updateFields', itemIndex);
	const name = String(fields.name ?? '').trim();
	if (name) body.name = name;
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), `Nothing to update in item ${itemIndex}`, {
			itemIndex,
			description: 'Add at least one of Update Fields: Name, Parent Folder or Sort Order.',
		});
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as { ifMatch?: string };
	const response = await sendmuxRequest.call(this, {
		surface: 'mailbox',
		method: 'PATCH',
		path: `/mailbox/folders/${segment(id)}`,
		qs: mailboxQs(this, itemIndex),
		body,
		ifMatch: readIfMatch(this, itemIndex, options),
		itemIndex,
	});
	return response.data as IDataObject;
}
