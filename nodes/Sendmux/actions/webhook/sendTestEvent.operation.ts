import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { resolveWebhookId, webhookLocator } from '../../shared/locators';
import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['webhook'], operation: ['sendTestEvent'] } };

const properties: INodeProperties[] = [
	webhookLocator({
		hint: 'The webhook must list the Sendmux Test event type. The output event_id is the X-Sendmux-Event-Id header it receives.',
	}),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = resolveWebhookId(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: `/webhooks/${encodeURIComponent(webhookId)}/test`,
		idempotencyKey: idempotencyKeyFor(this, itemIndex, ['webhook', 'test', webhookId]),
		itemIndex,
	});
	return { webhook_id: webhookId, ...(response.data as IDataObject) };
}
