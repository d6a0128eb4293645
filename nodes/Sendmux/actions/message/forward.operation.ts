import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { formatAddress } from '../../shared/addresses';
import { attachmentFileName, downloadAttachment, toOutgoingAttachment } from '../mailboxShared/attachments';
import {
	checkRecipientCount,
	checkSubject,
	composeOptions,
	customHeaders,
	htmlBodyProperty,
	optionAttachments,
	parseAddresses,
	readBodies,
	recipientLists,
	sendDraft,
	sendKey,
	textBodyProperty,
	type ComposeOptions,
} from '../mailboxShared/compose';
import { messageIdProperty, MESSAGE_ID_HINT } from '../mailboxShared/fields';
import { mailboxQs, requiredId } from '../mailboxShared/scope';
import type { MailboxMessageContent, OutgoingAttachment } from '../mailboxShared/types';
import { escapeHtml } from '../../shared/html';
import { prefixedSubject, readOriginal } from './original';

const displayOptions = { show: { resource: ['message'], operation: ['forward'] } };

const properties: INodeProperties[] = [
	messageIdProperty('The message to forward'),
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. team@example.com',
		description: 'Who to forward the message to, separated by commas',
	},
	{ ...textBodyProperty, description: 'A note above the forwarded message, as plain text (optional)' },
	{ ...htmlBodyProperty, description: 'A note above the forwarded message, as HTML (optional)' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: composeOptions([
			{
				displayName: 'Include Original Attachments',
				name: 'includeAttachments',
				type: 'boolean',
				default: true,
				description: "Whether to attach the original message's files",
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description: "Replaces the default subject, which is the original's with Fwd: in front",
			},
		]),
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface ForwardOptions extends ComposeOptions {
	includeAttachments?: boolean;
	subject?: string;
}

function forwardedHeaderLines(original: MailboxMessageContent): string[] {
	const { participants, dates } = original;
	return [
		'---------- Forwarded message ----------',
		`From: ${formatAddress(participants.from)}`,
		`Date: ${dates.sent_at ?? dates.received_at ?? ''}`,
		`Subject: ${original.subject ?? ''}`,
		`To: ${participants.to.map(formatAddress).join(', ')}`,
		...(participants.cc.length ? [`Cc: ${participants.cc.map(formatAddress).join(', ')}`] : []),
	];
}

function forwardBodies(
	note: { text?: string; html?: string },
	original: MailboxMessageContent,
): { text: string; html?: string } {
	const lines = forwardedHeaderLines(original);
	const originalText = original.body.text ?? '';
	const text = `${note.text ?? ''}${note.text ? '\n\n' : ''}${lines.join('\n')}\n\n${originalText}`;
	if (note.html === undefined && original.body.html === null) return { text };
	const noteHtml = note.html ?? (note.text ? escapeHtml(note.text).replace(/\n/g, '<br>') : '');
	const originalHtml = original.body.html ?? escapeHtml(originalText).replace(/\n/g, '<br>');
	const html = `${noteHtml}${noteHtml ? '<br><br>' : ''}<div>${lines.map(escapeHtml).join('<br>')}</div><br>${originalHtml}`;
	return { text, html };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageId = requiredId(this, 'messageId', 'Message ID', itemIndex, MESSAGE_ID_HINT);
	const options = this.getNodeParameter('options', itemIndex, {}) as ForwardOptions;
	const to = parseAddresses(this, this.getNodeParameter('to', itemIndex, ''), 'To', itemIndex);
	const note = readBodies(this, itemIndex, false);
	const { cc, bcc, replyTo } = recipientLists(this, options, itemIndex);
	checkRecipientCount(this, itemIndex, to.length + cc.length + bcc.length);
	const headers = customHeaders(this, options, itemIndex);
	checkSubject(this, itemIndex, options.subject ?? '', false);
	const mailbox = mailboxQs(this, itemIndex);
	const key = sendKey(this, itemIndex, 'forward', options);

	const original = await readOriginal(this, itemIndex, messageId, mailbox);
	const attachments: OutgoingAttachment[] = [];
	if (options.includeAttachments !== false) {
		for (const [index, attachment] of original.attachments.entries()) {
			const bytes = await downloadAttachment(this, itemIndex, messageId, attachment.id, mailbox);
			attachments.push(
				await toOutgoingAttachment(
					this,
					itemIndex,
					{ bytes, filename: attachmentFileName(attachment, index), contentType: attachment.content_type },
					key,
					mailbox,
				),
			);
		}
	}
	attachments.push(...(await optionAttachments(this, itemIndex, options, key, mailbox)));
	const subject = options.subject?.trim() || prefixedSubject('Fwd', original.subject);
	const result = await sendDraft(
		this,
		itemIndex,
		{ to, cc, bcc, replyTo, subject, ...forwardBodies(note, original), headers, attachments },
		key,
		mailbox,
	);
	return { ...result, forwarded: messageId, subject, attachment_count: attachments.length };
}
