import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { folderLocator } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';
import { mailboxQs } from '../mailboxShared/scope';
import { placement } from './shared';

const displayOptions = { show: { resource: ['folder'], operation: ['create'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Receipts',
		description: 'The name of the new folder',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			folderLocator({
				displayName: 'Parent Folder',
				name: 'parent',
				required: false,
				description: 'Create the folder inside this one. Leave empty for a top-level folder.',
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
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter('name', itemIndex, '') ?? '').trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), `Name is empty in item ${itemIndex}`, {
			itemIndex,
			description: 'Give the new folder a name.',
		});
	}
	const response = await sendmuxRequest.call(this, {
		surface: 'mailbox',
		method: 'POST',
		path: '/mailbox/folders',
		qs: mailboxQs(this, itemIndex),
		body: { name, ...placement(this, 'additionalFields', itemIndex) },
		itemIndex,
	});
	return response.data as IDataObject;
}
