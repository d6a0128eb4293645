import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { resolveWebhookId, webhookLocator } from '../../shared/locators';
import { ifMatchOption, readIfMatch } from '../../shared/writeOptions';
import { sendmuxRequest } from '../../transport/request';
import { checkEventTypes, checkHttpsUrl, checkMailboxIds, eventTypesProperty, mailboxIdsProperty } from './fields';

const displayOptions = { show: { resource: ['webhook'], operation: ['update'] } };

const properties: INodeProperties[] = [
	webhookLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the others stay as they are',
		options: [
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description:
					'Whether Sendmux delivers events. Turning a failing subscription back on clears its failing flag.',
			},
			eventTypesProperty({ description: 'Replaces the whole list of event types (at least one)' }),
			{
				...mailboxIdsProperty,
				description:
					'Replaces the mailbox scope. Add the field with no IDs to receive events for every mailbox of the team again.',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'A label shown in the Sendmux dashboard. Leave empty to remove the label.',
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				placeholder: 'https://hooks.example.com/sendmux',
				description: 'A new HTTPS endpoint. Plain http:// is refused.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			ifMatchOption,
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface UpdateFields {
	enabled?: boolean;
	eventTypes?: unknown;
	mailboxIds?: unknown;
	name?: string;
	url?: string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = resolveWebhookId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as UpdateFields;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.url !== undefined) body.url = checkHttpsUrl(this, fields.url, itemIndex);
	if (fields.eventTypes !== undefined) body.event_types = checkEventTypes(this, fields.eventTypes, itemIndex);
	if (fields.mailboxIds !== undefined) {
		body.filters = { mailbox_ids: checkMailboxIds(this, fields.mailboxIds, itemIndex) };
	}
	// Sendmux clears the label on null; an empty Name field is the UI's way to say so.
	if (fields.name !== undefined) body.name = fields.name.trim() || null;
	if (fields.enabled !== undefined) body.enabled = fields.enabled;
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), `Nothing to update in item ${itemIndex}`, {
			itemIndex,
			description: 'Add at least one field under Update Fields (URL, Event Types, Mailbox IDs, Name or Enabled).',
		});
	}
	const ifMatch = readIfMatch(this, itemIndex, options);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'PATCH',
		path: `/webhooks/${encodeURIComponent(webhookId)}`,
		body,
		ifMatch,
		itemIndex,
	});
	return response.data as IDataObject;
}
