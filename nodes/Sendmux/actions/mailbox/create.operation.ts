import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { idempotencyKeyOption } from '../../shared/writeOptions';
import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';
import { mailboxAddress, quotaProperty, sendScopeBody, sendScopeProperty } from './fields';
import { addSecretHint, secretNoticeProperty } from './secretNotice';

const displayOptions = { show: { resource: ['mailbox'], operation: ['create'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'agent@mail.example.com',
		required: true,
		default: '',
		description:
			'Address of the new mailbox, on a verified send-and-receive domain of the team or on myagent.mx. Check it first with Mailbox → Check Availability.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'Name shown in the From header of mail sent from this mailbox',
			},
			quotaProperty,
			sendScopeProperty,
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [idempotencyKeyOption],
	},
	secretNoticeProperty('createSecretNotice'),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const email = mailboxAddress(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as { idempotencyKey?: string };
	const body: IDataObject = { email };
	const displayName = String(fields.displayName ?? '').trim();
	if (displayName) body.display_name = displayName;
	if (fields.quotaBytes !== undefined) body.quota_bytes = Number(fields.quotaBytes);
	const sendScope = sendScopeBody(this, itemIndex, fields.sendScope as IDataObject | undefined);
	if (sendScope) body.send_scope = sendScope;

	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: '/mailboxes',
		body,
		idempotencyKey: idempotencyKeyFor(this, itemIndex, ['mailbox.create'], options.idempotencyKey),
		itemIndex,
	});
	const result = response.data as { credential: IDataObject | null; warning: string | null };
	if (result.credential) {
		addSecretHint(this);
	} else {
		this.addExecutionHints({
			message: `Sendmux created the mailbox without a key${result.warning ? `: ${result.warning}` : ''}. Run Mailbox → Create Key to get one.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	return response.data as IDataObject;
}
