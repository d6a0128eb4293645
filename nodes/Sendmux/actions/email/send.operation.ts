import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { deriveKey, idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';
import { finishMessage } from './attachments';
import { readDraft } from './draft';
import { idempotencyKeyOption, messageFields } from './fields';
import { refuse } from './validate';

const displayOptions = { show: { resource: ['email'], operation: ['send'] } };

const properties: INodeProperties[] = [
	...messageFields(false),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [idempotencyKeyOption(false)],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { draft, problems } = await readDraft(this, itemIndex);
	if (problems.length) throw refuse(this.getNode(), itemIndex, problems);

	const options = this.getNodeParameter('options', itemIndex, {}) as { idempotencyKey?: string };
	const key = idempotencyKeyFor(this, itemIndex, ['send'], options.idempotencyKey?.trim());
	const message = await finishMessage(this, draft, (file) => deriveKey(key, `attachment-${file}`));
	const response = await sendmuxRequest.call(this, {
		surface: 'sending',
		method: 'POST',
		path: '/emails/send',
		body: message as unknown as IDataObject,
		idempotencyKey: key,
		sends: 'the email',
		itemIndex,
	});
	const data = response.data as { message_id: string; status: string };
	return {
		message_id: data.message_id,
		status: data.status,
		request_id: response.requestId ?? null,
		idempotency_key: key,
	};
}
