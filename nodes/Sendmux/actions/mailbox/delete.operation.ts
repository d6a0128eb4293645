import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { mailboxLocator, resolveMailboxId } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['mailbox'], operation: ['delete'] } };

const properties: INodeProperties[] = [
	mailboxLocator({ hint: 'Deleting a mailbox also revokes all its keys. To stop it only for a while, use Suspend.' }),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const mailboxId = await resolveMailboxId(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'DELETE',
		path: `/mailboxes/${encodeURIComponent(mailboxId)}`,
		itemIndex,
	});
	const data = response.data as { id?: string } | undefined;
	return { deleted: true, id: data?.id ?? mailboxId };
}
