import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { resolveWebhookId, webhookLocator } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['webhook'], operation: ['get'] } };

const properties: INodeProperties[] = [
	webhookLocator({
		hint: 'The output carries the etag of the subscription: pass it to Update → Only If Unchanged (ETag) to update safely.',
	}),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = resolveWebhookId(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: `/webhooks/${encodeURIComponent(webhookId)}`,
		itemIndex,
	});
	const webhook = response.data as IDataObject;
	// The ETag travels in a header; output it so an Update can be made "only if unchanged".
	return response.etag ? { ...webhook, etag: response.etag } : webhook;
}
