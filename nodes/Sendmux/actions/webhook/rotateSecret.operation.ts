import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { resolveWebhookId, webhookLocator } from '../../shared/locators';
import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';
import { addSecretHint, SECRET_ONCE_NOTICE } from './fields';

const displayOptions = { show: { resource: ['webhook'], operation: ['rotateSecret'] } };

const properties: INodeProperties[] = [
	{
		displayName: `${SECRET_ONCE_NOTICE} The old secret stops working at once: update every endpoint that verifies signatures.`,
		name: 'rotateNotice',
		type: 'notice',
		default: '',
	},
	webhookLocator(),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = resolveWebhookId(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: `/webhooks/${encodeURIComponent(webhookId)}/rotate-secret`,
		// A retried rotation must not rotate twice: the first new secret would be lost.
		idempotencyKey: idempotencyKeyFor(this, itemIndex, ['webhook', 'rotate-secret', webhookId]),
		itemIndex,
	});
	addSecretHint(this);
	return response.data as IDataObject;
}
