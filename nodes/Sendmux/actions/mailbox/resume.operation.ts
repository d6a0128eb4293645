import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { mailboxLocator, resolveMailboxId } from '../../shared/locators';
import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['mailbox'], operation: ['resume'] } };

const properties: INodeProperties[] = [
	mailboxLocator({ hint: 'The mailbox can receive, send and log in again. Resuming an active mailbox changes nothing.' }),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const mailboxId = await resolveMailboxId(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: `/mailboxes/${encodeURIComponent(mailboxId)}/resume`,
		idempotencyKey: idempotencyKeyFor(this, itemIndex, ['mailbox.resume']),
		itemIndex,
	});
	return response.data as IDataObject;
}
