import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { idPattern, mailboxLocator, resolveMailboxId } from '../../shared/locators';
import { KEY_PREFIX } from '../../transport/apiKey';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['mailbox'], operation: ['revokeKey'] } };

const KEY_ID = new RegExp(idPattern('smx'));

const properties: INodeProperties[] = [
	mailboxLocator(),
	{
		displayName: 'Key ID',
		name: 'keyId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'smx_clxxxxxxxxxxxxxxxxxxxxxxxxx',
		description:
			"The key's public ID (credential.public_id in the output of Create or Create Key), not the key itself",
		hint: 'The key stops working at once, for the API and for IMAP/SMTP. Revoking an already revoked key changes nothing.',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const mailboxId = await resolveMailboxId(this, itemIndex);
	const keyId = String(this.getNodeParameter('keyId', itemIndex) ?? '').trim();
	if (!KEY_ID.test(keyId)) {
		// Never repeat the value: it may be the secret key itself, pasted by mistake.
		const isSecret = Object.values(KEY_PREFIX).some((prefix) => keyId.startsWith(prefix));
		throw new NodeOperationError(
			this.getNode(),
			isSecret
				? `Key ID of item ${itemIndex} holds a secret key, not a key ID`
				: `Key ID of item ${itemIndex} is not a key ID (those look like smx_…)`,
			{
				itemIndex,
				description:
					'Enter the key\'s public ID, credential.public_id in the output of Create or Create Key. Never paste a key itself into a node field.',
			},
		);
	}
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'DELETE',
		path: `/mailboxes/${encodeURIComponent(mailboxId)}/keys/${encodeURIComponent(keyId)}`,
		itemIndex,
	});
	const data = response.data as { id?: string } | undefined;
	return { deleted: true, id: data?.id ?? keyId };
}
