import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { mailboxLocator, resolveMailboxId } from '../../shared/locators';
import { idempotencyKeyOption } from '../../shared/writeOptions';
import { idempotencyKeyFor } from '../../transport/idempotency';
import { refuseOutOfSpec } from '../../shared/specRules';
import { sendmuxRequest } from '../../transport/request';
import { addSecretHint, secretNoticeProperty } from './secretNotice';

const displayOptions = { show: { resource: ['mailbox'], operation: ['createKey'] } };

const properties: INodeProperties[] = [
	mailboxLocator(),
	{
		displayName: 'Key Name',
		name: 'appName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Support agent',
		description: 'A label for the new key, to recognise it later (up to 255 characters)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [idempotencyKeyOption],
	},
	secretNoticeProperty('createKeySecretNotice'),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const appName = String(this.getNodeParameter('appName', itemIndex) ?? '').trim();
	// Before a mailbox given by address is looked up: nothing is sent for a bad name.
	refuseOutOfSpec(this.getNode(), { method: 'POST', path: '/mailboxes/{public_id}/keys', body: { app_name: appName }, itemIndex });
	const mailboxId = await resolveMailboxId(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { idempotencyKey?: string };
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: `/mailboxes/${encodeURIComponent(mailboxId)}/keys`,
		body: { app_name: appName },
		idempotencyKey: idempotencyKeyFor(this, itemIndex, ['mailbox.createKey'], options.idempotencyKey),
		itemIndex,
	});
	addSecretHint(this);
	return { mailbox_id: mailboxId, ...(response.data as IDataObject) };
}
