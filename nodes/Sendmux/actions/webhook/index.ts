import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as create from './create.operation';
import * as deleteWebhook from './delete.operation';
import * as get from './get.operation';
import * as getDeliveryPayload from './getDeliveryPayload.operation';
import * as getMany from './getMany.operation';
import * as getManyDeliveries from './getManyDeliveries.operation';
import * as rotateSecret from './rotateSecret.operation';
import * as sendTestEvent from './sendTestEvent.operation';
import * as update from './update.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['webhook'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a webhook',
			description: 'Subscribe an HTTPS endpoint to Sendmux events; the output holds the signing secret, once',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a webhook',
			description: 'Remove a webhook subscription; Sendmux stops delivering to it',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a webhook',
			description: 'Get a webhook subscription with its ETag (never its secret)',
		},
		{
			name: 'Get Delivery Payload',
			value: 'getDeliveryPayload',
			action: 'Get the payload of a webhook delivery',
			description: 'Get the exact event body Sendmux posted in one delivery attempt',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many webhooks',
			description: "List the team's webhook subscriptions",
		},
		{
			name: 'Get Many Deliveries',
			value: 'getManyDeliveries',
			action: 'Get many deliveries of a webhook',
			description: 'List delivery attempts of a webhook, filtered by event type or result',
		},
		{
			name: 'Rotate Secret',
			value: 'rotateSecret',
			action: 'Rotate the signing secret of a webhook',
			description: 'Issue a new signing secret; the output holds it, once, and the old one stops working',
		},
		{
			name: 'Send Test Event',
			value: 'sendTestEvent',
			action: 'Send a test event to a webhook',
			description: 'Publish a sendmux.test event to check that the endpoint receives and verifies events',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a webhook',
			description: 'Change URL, event types, mailbox scope, name or enabled state, optionally only if unchanged',
		},
	],
	default: 'getMany',
};

export const webhook: ResourceModule = {
	description: [
		operationPicker,
		...create.description,
		...deleteWebhook.description,
		...get.description,
		...getDeliveryPayload.description,
		...getMany.description,
		...getManyDeliveries.description,
		...rotateSecret.description,
		...sendTestEvent.description,
		...update.description,
	],
	operations: {
		create,
		delete: deleteWebhook,
		get,
		getDeliveryPayload,
		getMany,
		getManyDeliveries,
		rotateSecret,
		sendTestEvent,
		update,
	},
};
