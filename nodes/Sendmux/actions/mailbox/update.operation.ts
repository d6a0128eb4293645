import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { mailboxLocator, resolveMailboxId } from '../../shared/locators';
import { ifMatchOption, readIfMatch, withEtag } from '../../shared/writeOptions';
import { sendmuxRequest } from '../../transport/request';
import { quotaProperty, sendScopeBody, sendScopeProperty } from './fields';

const displayOptions = { show: { resource: ['mailbox'], operation: ['update'] } };

const properties: INodeProperties[] = [
	mailboxLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'Name shown in the From header of mail sent from this mailbox. Leave empty to remove it.',
			},
			quotaProperty,
			sendScopeProperty,
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
	const mailboxId = await resolveMailboxId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if ('displayName' in fields) {
		// An empty display name clears it, which Sendmux spells null.
		const displayName = String(fields.displayName ?? '').trim();
		body.display_name = displayName === '' ? null : displayName;
	}
	if (fields.quotaBytes !== undefined) body.quota_bytes = Number(fields.quotaBytes);
	const sendScope = sendScopeBody(this, itemIndex, fields.sendScope as IDataObject | undefined);
	if (sendScope) body.send_scope = sendScope;
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), `Nothing to update in item ${itemIndex}`, {
			itemIndex,
			description: 'Add at least one field under Update Fields: Display Name, Storage Quota or Send Scope.',
		});
	}
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'PATCH',
		path: `/mailboxes/${encodeURIComponent(mailboxId)}`,
		body,
		ifMatch: readIfMatch(this, itemIndex, options),
		itemIndex,
	});
	return withEtag(response.data as IDataObject, response.etag);
}
