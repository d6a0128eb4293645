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

const displayOptions = { show: { resource: [RESOURCE], operation: ['testConnection'] } };

const properties: INodeProperties[] = [
	sendingAccountLocator({
		hint: 'Custom SMTP accounts only. The output’s success field says whether it worked; a failed test is not a node error.',
	}),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const accountId = resolveSendingAccountId(this, itemIndex);
	return await checkedAccountWrite(this, itemIndex, accountId, 'test', async () => ({
		id: accountId,
		...(await postAccountAction(this, itemIndex, 'test', accountId)),
	}));
}
