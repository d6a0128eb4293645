import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { resolveWebhookId, webhookLocator } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['webhook'], operation: ['delete'] } };

const properties: INodeProperties[] = [webhookLocator()];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = resolveWebhookId(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'DELETE',
		path: `/webhooks/${encodeURIComponent(webhookId)}`,
		itemIndex,
	});
	const data = (response.data ?? {}) as { id?: string };
	return { deleted: true, id: data.id ?? webhookId };
}
