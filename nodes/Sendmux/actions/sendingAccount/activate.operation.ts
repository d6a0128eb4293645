import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { resolveSendingAccountId, sendingAccountLocator } from '../../shared/locators';
import { postAccountAction } from './accountAction';
import { checkedAccountWrite } from './protection';
import { RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['activate'] } };

const properties: INodeProperties[] = [
	sendingAccountLocator({
		hint: 'A Gmail or Outlook account without a live connection becomes pending until reconnected in the Sendmux app',
	}),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const accountId = resolveSendingAccountId(this, itemIndex);
	return await checkedAccountWrite(this, itemIndex, accountId, 'activate', async () => await postAccountAction(this, itemIndex, 'activate', accountId));
}
