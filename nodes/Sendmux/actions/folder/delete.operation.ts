import {
	NodeApiError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readIfMatch } from '../../shared/writeOptions';
import { folderLocator } from '../../shared/locators';
import { checkedWrite, type Refusal } from '../../shared/checkedWrite';
import { sendmuxRequest } from '../../transport/request';
import { ifMatchOption } from '../mailboxShared/fields';
import { mailboxQs, segment } from '../mailboxShared/scope';
import type { MailboxFolder } from '../mailboxShared/types';
import { folderId } from './shared';

const displayOptions = { show: { resource: ['folder'], operation: ['delete'] } };

const properties: INodeProperties[] = [
	folderLocator({ description: 'The folder to delete. It must be empty and not a built-in folder.' }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [ifMatchOption],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

const WHY_NOT = 'Only empty folders you created can be deleted; built-in folders (Inbox, Sent, Trash…) stay.';

/** Why Sendmux would refuse to delete this folder, in words a user can act on. */
function folderRefusal(folder: MailboxFolder): Refusal | undefined {
	if (folder.role) {
		return { message: `Folder "${folder.name}" is a built-in folder (${folder.role}) and cannot be deleted`, description: WHY_NOT };
	}
	if (folder.total_messages > 0) {
		return {
			message: `Folder "${folder.name}" still holds ${folder.total_messages} message(s)`,
			description: `Move or delete its messages first (Message → Get Many with the Folder filter, then Message → Delete). ${WHY_NOT}`,
		};
	}
	return undefined;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = folderId(this, itemIndex);
	const mailbox = mailboxQs(this, itemIndex);
	const path = `/mailbox/folders/${segment(id)}`;
	const options = this.getNodeParameter('options', itemIndex, {}) as { ifMatch?: string };
	const ifMatch = readIfMatch(this, itemIndex, options);
	// The project's rule for state-dependent writes: built-in and non-empty folders get a
	// precise message instead of a bare 409.
	return await checkedWrite(this, itemIndex, {
		read: async () =>
			(await sendmuxRequest.call(this, { surface: 'mailbox', method: 'GET', path, qs: mailbox, itemIndex }))
				.data as MailboxFolder,
		refusal: folderRefusal,
		write: async () =>
			(
				await sendmuxRequest.call(this, {
					surface: 'mailbox',
					method: 'DELETE',
					path,
					qs: mailbox,
					ifMatch,
					itemIndex,
				})
			).data as IDataObject,
		explainRefusal: (error) => {
			// A folder that filled up, or became a parent, since it was read.
			if (error instanceof NodeApiError && error.httpCode === '409' && ifMatch === undefined) {
				error.description = `${error.description ?? ''}\n${WHY_NOT} The folder may have received messages or subfolders since it was read.`.trim();
			}
			return error;
		},
	});
}
