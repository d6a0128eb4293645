import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { resolveSendingAccountId, sendingAccountLocator } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';
import { checkedAccountWrite } from './protection';
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
	return await checkedAccountWrite(this, itemIndex, accountId, 'delete', async () => {
		const response = await sendmuxRequest.call(this, {
			surface: 'management',
			method: 'DELETE',
			path: accountPath(accountId),
			itemIndex,
		});
		return response.data as IDataObject;
	});
}
