import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { resolveWebhookId, webhookLocator } from '../../shared/locators';
import { collectPages } from '../../transport/pagination';
import { EVENT_OPTIONS } from '../../shared/events';

const displayOptions = { show: { resource: ['webhook'], operation: ['getManyDeliveries'] } };

const properties: INodeProperties[] = [
	webhookLocator(),
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Event Type',
				name: 'eventType',
				type: 'options',
				options: EVENT_OPTIONS,
				default: 'message.bounced',
				description: 'Only deliveries of this event type',
			},
			{
				displayName: 'Result',
				name: 'result',
				type: 'options',
				options: [
					{ name: 'Failed', value: 'failed', description: 'The attempt failed; Sendmux may still retry' },
					{
						name: 'Permanent Failure',
						value: 'permanent_failure',
						description: 'Sendmux gave up on this event',
					},
					{ name: 'Retrying', value: 'retrying', description: 'A retry is scheduled' },
					{ name: 'Success', value: 'success', description: 'The endpoint answered 2xx' },
				],
				default: 'failed',
				description: 'Only delivery attempts with this result',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const webhookId = resolveWebhookId(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { eventType?: string; result?: string };
	const qs: IDataObject = {};
	if (filters.eventType) qs.event_type = filters.eventType;
	if (filters.result) qs.result = filters.result;
	return await collectPages<IDataObject>(
		this,
		{
			surface: 'management',
			method: 'GET',
			path: `/webhooks/${encodeURIComponent(webhookId)}/deliveries`,
			qs,
			itemIndex,
		},
		{ limit, maxPageSize: 100 },
	);
}
