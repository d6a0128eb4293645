import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { asNodeError } from '../../shared/operation';
import { idempotencyKeyOption } from '../../shared/writeOptions';
import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';
import { accountBody, quotasBody, quotasProperty, senderFieldDefinitions, smtpFieldDefinitions } from './fields';
import { withoutPassword } from './secrets';
import { RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['create'] } };

const smtp = smtpFieldDefinitions();
const REQUIRED_FIELDS = ['name', 'smtpHost', 'smtpPort', 'smtpProtocol', 'smtpUsername', 'smtpPassword'];

const properties: INodeProperties[] = [
	...REQUIRED_FIELDS.map((field) => ({ ...smtp[field], required: true })),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: senderFieldDefinitions(false),
	},
	quotasProperty(false),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [idempotencyKeyOption],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Creates a custom SMTP account. The password travels in this one request only: it is
 * never echoed in the output (Sendmux returns `has_smtp_password`), the transport strips it
 * from any error built from Sendmux's answer, and errors carry the node with it masked.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	try {
		return await createAccount(this, itemIndex);
	} catch (error) {
		throw asNodeError(this.getNode(), withoutPassword(error), itemIndex);
	}
}

async function createAccount(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields: IDataObject = {};
	for (const field of REQUIRED_FIELDS) fields[field] = ctx.getNodeParameter(field, itemIndex);
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = accountBody(ctx, itemIndex, { ...additional, ...fields }, false);
	const quotas = quotasBody(ctx, itemIndex);
	if (quotas) body.quotas = quotas;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { idempotencyKey?: string };
	const response = await sendmuxRequest.call(ctx, {
		surface: 'management',
		method: 'POST',
		path: '/providers',
		body,
		idempotencyKey: idempotencyKeyFor(ctx, itemIndex, [RESOURCE, 'create'], options.idempotencyKey),
		redact: [String(body.smtp_password)],
		itemIndex,
	});
	return response.data as IDataObject;
}
