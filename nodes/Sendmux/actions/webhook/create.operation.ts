import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';
import {
	addSecretHint,
	checkEventTypes,
	checkHttpsUrl,
	checkMailboxIds,
	eventTypesProperty,
	mailboxIdsProperty,
	SECRET_ONCE_NOTICE,
} from './fields';

const displayOptions = { show: { resource: ['webhook'], operation: ['create'] } };

const properties: INodeProperties[] = [
	{
		displayName: SECRET_ONCE_NOTICE,
		name: 'secretNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://hooks.example.com/sendmux',
		description: 'The HTTPS endpoint Sendmux posts signed events to. Plain http:// is refused.',
		hint: 'To receive events in n8n itself, the Sendmux Trigger node registers its own webhook for you',
	},
	eventTypesProperty({ required: true }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether Sendmux delivers events right away. Off creates the subscription paused.',
			},
			mailboxIdsProperty,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'A label shown in the Sendmux dashboard (at most 255 characters)',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface AdditionalFields {
	enabled?: boolean;
	mailboxIds?: unknown;
	name?: string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const url = checkHttpsUrl(this, this.getNodeParameter('url', itemIndex), itemIndex);
	const eventTypes = checkEventTypes(this, this.getNodeParameter('eventTypes', itemIndex), itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as AdditionalFields;
	const body: IDataObject = { url, event_types: eventTypes };
	const name = additional.name?.trim();
	if (name) body.name = name;
	if (additional.enabled !== undefined) body.enabled = additional.enabled;
	if (additional.mailboxIds !== undefined) {
		body.filters = { mailbox_ids: checkMailboxIds(this, additional.mailboxIds, itemIndex) };
	}
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: '/webhooks',
		body,
		idempotencyKey: idempotencyKeyFor(this, itemIndex, ['webhook', 'create']),
		itemIndex,
	});
	addSecretHint(this);
	// The one response that holds the signing secret: output it, the user cannot read it again.
	return response.data as IDataObject;
}
