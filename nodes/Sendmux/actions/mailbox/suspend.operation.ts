import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { mailboxLocator, resolveMailboxId } from '../../shared/locators';
import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['mailbox'], operation: ['suspend'] } };

const properties: INodeProperties[] = [
	mailboxLocator({ hint: 'A suspended mailbox keeps its mail, keys and settings but cannot receive, send or log in until resumed.' }),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const mailboxId = await resolveMailboxId(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: `/mailboxes/${encodeURIComponent(mailboxId)}/suspend`,
		idempotencyKey: idempotencyKeyFor(this, itemIndex, ['mailbox.suspend']),
		itemIndex,
	});
	return response.data as IDataObject;
}
