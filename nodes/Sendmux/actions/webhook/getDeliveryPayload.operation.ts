import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { checkPublicId } from '../../shared/ids';
import { resolveWebhookId, webhookLocator } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['webhook'], operation: ['getDeliveryPayload'] } };

const properties: INodeProperties[] = [
	webhookLocator(),
	{
		displayName: 'Delivery ID',
		name: 'deliveryId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'whda_clxxxxxxxxxxxxxxxxxxxxxxxxx',
		description:
			'The ID of the delivery attempt whose request body to fetch (whda_…), as listed by Webhook → Get Many Deliveries',
		hint: 'Sendmux keeps payloads for a limited time: see payload_available and payload_expires_at on the delivery',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = resolveWebhookId(this, itemIndex);
	const deliveryId = checkPublicId(this, this.getNodeParameter('deliveryId', itemIndex), {
		prefix: 'whda',
		fieldName: 'Delivery ID',
		itemIndex,
		whereToFindIt: 'take the id field of an item from Webhook → Get Many Deliveries',
	});
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: `/webhooks/${encodeURIComponent(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/payload`,
		itemIndex,
	});
	return response.data as IDataObject;
}
