import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

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
import { mailboxQs } from '../mailboxShared/scope';

const displayOptions = { show: { resource: ['message'], operation: ['send'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ann@example.com, Bob Ray <bob@example.com>',
		description: 'Recipients, separated by commas',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Your order has shipped',
		description: 'Subject line, on one line',
	},
	textBodyProperty,
	htmlBodyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: composeOptions(),
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as ComposeOptions;
	const to = parseAddresses(this, this.getNodeParameter('to', itemIndex, ''), 'To', itemIndex);
	const subject = String(this.getNodeParameter('subject', itemIndex, '') ?? '');
	checkSubject(this, itemIndex, subject, true);
	const bodies = readBodies(this, itemIndex, true);
	const { cc, bcc, replyTo } = recipientLists(this, options, itemIndex);
	checkRecipientCount(this, itemIndex, to.length + cc.length + bcc.length);
	const headers = customHeaders(this, options, itemIndex);
	const mailbox = mailboxQs(this, itemIndex);
	const key = sendKey(this, itemIndex, 'send', options);
	const attachments = await optionAttachments(this, itemIndex, options, key, mailbox);
	return await sendDraft(
		this,
		itemIndex,
		{ to, cc, bcc, replyTo, subject, ...bodies, headers, attachments },
		key,
		mailbox,
	);
}
