import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { byDisplayName } from '../../shared/descriptions';
import { resolveSendingAccountId, sendingAccountLocator } from '../../shared/locators';
import { asNodeError } from '../../shared/operation';
import { ifMatchOption, readIfMatch, withEtag } from '../../shared/writeOptions';
import { sendmuxRequest } from '../../transport/request';
import { accountBody, quotasBody, quotasProperty, senderFieldDefinitions, smtpFieldDefinitions } from './fields';
import { checkedAccountWrite } from './protection';
import { withoutPassword } from './secrets';
import { accountPath, RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['update'] } };

const properties: INodeProperties[] = [
	sendingAccountLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the others keep their values',
		options: [...Object.values(smtpFieldDefinitions()), ...senderFieldDefinitions(true)].sort(byDisplayName),
	},
	quotasProperty(true),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			ifMatchOption,
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	try {
		return await updateAccount(this, itemIndex);
	} catch (error) {
		throw asNodeError(this.getNode(), withoutPassword(error), itemIndex);
	}
}

async function updateAccount(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const accountId = resolveSendingAccountId(ctx, itemIndex);
	const fields = ctx.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = accountBody(ctx, itemIndex, fields, true);
	const quotas = quotasBody(ctx, itemIndex);
	if (quotas) body.quotas = quotas;
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(ctx.getNode(), `Nothing to update in item ${itemIndex}`, {
			itemIndex,
			description: 'Add at least one field under Update Fields, or a quota under Sending Quotas.',
		});
	}
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const ifMatch = readIfMatch(ctx, itemIndex, options);
	return await checkedAccountWrite(ctx, itemIndex, accountId, 'update', async () => {
		const response = await sendmuxRequest.call(ctx, {
			surface: 'management',
			method: 'PATCH',
			path: accountPath(accountId),
			body,
			ifMatch,
			redact: typeof body.smtp_password === 'string' ? [body.smtp_password] : undefined,
			itemIndex,
		});
		return withEtag(response.data as IDataObject, response.etag);
	});
}
