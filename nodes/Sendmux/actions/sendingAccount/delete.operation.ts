import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { resolveSendingAccountId, sendingAccountLocator } from '../../shared/locators';
import { asNodeError } from '../../shared/operation';
import { sendmuxRequest } from '../../transport/request';
import { accountAllowing, withAllowedInstead } from './protection';
import { accountPath, RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['delete'] } };

const properties: INodeProperties[] = [
	sendingAccountLocator({
		hint: 'The shared Amazon SES account cannot be deleted; Deactivate it instead',
	}),
];

export const description = updateDisplayOptions(displayOptions, properties);

/** Deletes a custom or connected account; outputs `{ deleted: true, id }`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const accountId = resolveSendingAccountId(this, itemIndex);
	await accountAllowing(this, itemIndex, accountId, 'delete');
	try {
		const response = await sendmuxRequest.call(this, {
			surface: 'management',
			method: 'DELETE',
			path: accountPath(accountId),
			itemIndex,
		});
		return response.data as IDataObject;
	} catch (error) {
		throw asNodeError(this.getNode(), withAllowedInstead(error, 'delete'), itemIndex);
	}
}
