import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { listForMessage } from '../../shared/lists';
import { sendmuxRequest } from '../../transport/request';
import { attachmentFileName, downloadAttachment } from '../mailboxShared/attachments';
import { messageIdProperty, MESSAGE_ID_HINT } from '../mailboxShared/fields';
import { mailboxQs, requiredId, segment } from '../mailboxShared/scope';
import { attachmentInfo } from '../mailboxShared/simplify';
import type { MailboxMessageContent } from '../mailboxShared/types';

const displayOptions = { show: { resource: ['attachment'], operation: ['download'] } };

const properties: INodeProperties[] = [
	messageIdProperty('The message the attachment belongs to'),
	{
		displayName: 'Attachment ID',
		name: 'attachmentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. blob_a1b2c3',
		description: 'The ID of the attachment, from the attachments list of Message → Get',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const messageId = requiredId(this, 'messageId', 'Message ID', itemIndex, MESSAGE_ID_HINT);
	const attachmentId = requiredId(
		this,
		'attachmentId',
		'Attachment ID',
		itemIndex,
		'Map the attachment ID from Message → Get, for example {{ $json.attachments[0].id }}.',
	);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim() || 'data';
	const mailbox = mailboxQs(this, itemIndex);
	// File name and type come from the message's attachment list (metadata only, no body).
	const meta = (
		await sendmuxRequest.call(this, {
			surface: 'mailbox',
			method: 'GET',
			path: `/mailbox/messages/${segment(messageId)}/content`,
			qs: { part: 'text', max_body_chars: 1, include_headers: 'none', include_attachments: 'metadata', ...mailbox },
			itemIndex,
		})
	).data as MailboxMessageContent;
	const index = meta.attachments.findIndex((a) => a.id === attachmentId);
	if (index < 0) {
		throw new NodeOperationError(this.getNode(), `Message ${messageId} has no attachment ${attachmentId} (item ${itemIndex})`, {
			itemIndex,
			description: `Its attachments are: ${listForMessage(meta.attachments.map((a) => `${a.id} (${a.filename ?? 'no name'})`))}.`,
		});
	}
	const attachment = meta.attachments[index];
	const bytes = await downloadAttachment(this, itemIndex, messageId, attachmentId, mailbox);
	const binary = await this.helpers.prepareBinaryData(bytes, attachmentFileName(attachment, index), attachment.content_type);
	return [{ json: { message_id: messageId, ...attachmentInfo(attachment) }, binary: { [property]: binary } }];
}
