import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { formatAddress, uniqueAddresses } from '../../shared/addresses';
import {
	checkSubject,
	composeOptions,
	customHeaders,
	htmlBodyProperty,
	optionAttachments,
	readBodies,
	recipientLists,
	sendDraft,
	sendKey,
	textBodyProperty,
	type ComposeOptions,
} from '../mailboxShared/compose';
import { messageIdProperty, MESSAGE_ID_HINT } from '../mailboxShared/fields';
import { mailboxIdentities } from '../mailboxShared/identities';
import { mailboxQs, requiredId } from '../mailboxShared/scope';
import type { MailboxAddress, MailboxMessageContent } from '../mailboxShared/types';
import { escapeHtml } from '../../shared/html';
import { angled, prefixedSubject, quoteText, readOriginal } from './original';

const displayOptions = { show: { resource: ['message'], operation: ['reply'] } };

const properties: INodeProperties[] = [
	messageIdProperty('The message to answer'),
	{ ...textBodyProperty, description: 'The reply, as plain text. Give Text, HTML or both.' },
	{ ...htmlBodyProperty, description: 'The reply, as HTML. Give Text, HTML or both.' },
	{
		displayName: 'Reply All',
		name: 'replyAll',
		type: 'boolean',
		default: false,
		description:
			"Whether to copy everyone the original went to (its To and CC, without this mailbox's own addresses)",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: composeOptions([
			{
				displayName: 'Quote Original',
				name: 'quoteOriginal',
				type: 'boolean',
				default: false,
				description: 'Whether to add the original message below the reply, quoted, as mail clients do',
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description: "Replaces the default subject, which is the original's with Re: in front",
			},
		]),
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface ReplyOptions extends ComposeOptions {
	quoteOriginal?: boolean;
	subject?: string;
}

/**
 * Who the reply goes to: the original's Reply-To, else its sender; for a message this
 * mailbox sent itself, its recipients. Reply All adds the original's To and CC.
 */
function replyRecipients(
	original: MailboxMessageContent,
	ownAddresses: Set<string>,
	replyAll: boolean,
): { to: MailboxAddress[]; cc: MailboxAddress[] } {
	const { participants } = original;
	const from = participants.from;
	const fromSelf = !!from && ownAddresses.has(from.email.toLowerCase());
	const replyTo = participants.reply_to.length ? participants.reply_to : original.headers.selected.reply_to;
	let to: MailboxAddress[];
	if (fromSelf) to = participants.to;
	else if (replyTo.length) to = replyTo;
	else to = from ? [from] : [];
	to = uniqueAddresses(to.map(({ email, name }) => ({ email, name })));
	if (!replyAll) return { to, cc: [] };
	const others = [...participants.to, ...participants.cc].map(({ email, name }) => ({ email, name }));
	const cc = uniqueAddresses(others, [...ownAddresses, ...to.map((a) => a.email)]);
	return { to: fromSelf ? to : to.filter((a) => !ownAddresses.has(a.email.toLowerCase())), cc };
}

/** In-Reply-To and References from the original's Message-ID, so clients thread the reply. */
function threadingHeaders(original: MailboxMessageContent): Record<string, string> {
	const messageId = original.headers.selected.message_id[0];
	if (!messageId) return {};
	const references = [...original.headers.selected.references.map(angled), angled(messageId)];
	return { 'In-Reply-To': angled(messageId), References: [...new Set(references)].join(' ') };
}

function withQuote(
	bodies: { text?: string; html?: string },
	original: MailboxMessageContent,
): { text?: string; html?: string } {
	const when = original.dates.sent_at ?? original.dates.received_at;
	const intro = `On ${when ?? 'an earlier date'}, ${formatAddress(original.participants.from) || 'the sender'} wrote:`;
	const originalText = original.body.text ?? '';
	const out = { ...bodies };
	if (bodies.text !== undefined) out.text = `${bodies.text}\n\n${intro}\n${quoteText(originalText)}`;
	if (bodies.html !== undefined) {
		const quoted = original.body.html ?? escapeHtml(originalText).replace(/\n/g, '<br>');
		out.html = `${bodies.html}<br><div>${escapeHtml(intro)}</div><blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${quoted}</blockquote>`;
	}
	return out;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageId = requiredId(this, 'messageId', 'Message ID', itemIndex, MESSAGE_ID_HINT);
	const options = this.getNodeParameter('options', itemIndex, {}) as ReplyOptions;
	const replyAll = this.getNodeParameter('replyAll', itemIndex, false) as boolean;
	let bodies = readBodies(this, itemIndex, true);
	const extra = recipientLists(this, options, itemIndex);
	const headers = customHeaders(this, options, itemIndex);
	checkSubject(this, itemIndex, options.subject ?? '', false);
	const mailbox = mailboxQs(this, itemIndex);
	const key = sendKey(this, itemIndex, 'reply', options);

	const original = await readOriginal(this, itemIndex, messageId, mailbox);
	const identities = await mailboxIdentities(this, itemIndex, mailbox);
	const own = new Set(identities.map((identity) => identity.email.toLowerCase()));
	const { to, cc } = replyRecipients(original, own, replyAll);
	if (!to.length) {
		throw new NodeOperationError(this.getNode(), `Message ${messageId} has no sender to reply to (item ${itemIndex})`, {
			itemIndex,
			description: 'Use Message → Send with the recipients instead.',
		});
	}
	if (options.quoteOriginal) bodies = withQuote(bodies, original);
	const subject = options.subject?.trim() || prefixedSubject('Re', original.subject);
	const threading = threadingHeaders(original);
	const attachments = await optionAttachments(this, itemIndex, options, key, mailbox);
	const result = await sendDraft(
		this,
		itemIndex,
		{
			to,
			cc: uniqueAddresses([...cc, ...extra.cc], to.map((a) => a.email)),
			bcc: extra.bcc,
			replyTo: extra.replyTo,
			subject,
			...bodies,
			headers: { ...headers, ...threading },
			attachments,
		},
		key,
		mailbox,
	);
	return {
		...result,
		replied_to: messageId,
		thread_id: original.thread_id,
		in_reply_to: threading['In-Reply-To'] ?? null,
		to: to as unknown as IDataObject[],
		cc: cc as unknown as IDataObject[],
		subject,
	};
}
