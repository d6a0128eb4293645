import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { sendmuxRequest, type SendmuxContext } from '../../transport/request';
import { segment } from './scope';
import { cleanContent, rawBody, simplifyMessage } from './simplify';
import type {
	MailboxAttachment,
	MailboxBatchGetItem,
	MailboxMessageContent,
	MailboxMessageSummary,
	MailboxRawBody,
} from './types';

/**
 * How a message is read: Message → Get and the Sendmux Mailbox Trigger share these fields and
 * functions, so the same choice gives the same item in both.
 */
export type MessageOutput = 'cleanContent' | 'simplified' | 'raw';

export const messageOutputProperty: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Clean Content',
			value: 'cleanContent',
			description:
				'The readable text, with quoted replies and signatures removed and length capped: best for AI agents',
		},
		{
			name: 'Raw',
			value: 'raw',
			description: 'The stored text and HTML bodies, unprocessed',
		},
		{
			name: 'Simplified',
			value: 'simplified',
			description: 'Sender, recipients, subject, dates, flags, folders, attachment names and the text body',
		},
	],
	default: 'cleanContent',
};

export const messageReadOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Binary Property Prefix',
			name: 'binaryPrefix',
			type: 'string',
			default: 'attachment_',
			description: 'Attachments go in binary properties named this plus 0, 1, 2…',
			displayOptions: { show: { downloadAttachments: [true] } },
		},
		{
			displayName: 'Body Part',
			name: 'part',
			type: 'options',
			options: [
				{ name: 'Automatic (Text When Available)', value: 'auto' },
				{ name: 'Text', value: 'text' },
				{ name: 'HTML', value: 'html' },
			],
			default: 'auto',
			description: 'Which body to read the content from',
			displayOptions: { show: { '/output': ['cleanContent'] } },
		},
		{
			displayName: 'Body Parts',
			name: 'rawPart',
			type: 'options',
			options: [
				{ name: 'Text and HTML', value: 'both' },
				{ name: 'Text', value: 'text' },
				{ name: 'HTML', value: 'html' },
			],
			default: 'both',
			description: 'Which stored bodies to return',
			displayOptions: { show: { '/output': ['raw'] } },
		},
		{
			displayName: 'Download Attachments',
			name: 'downloadAttachments',
			type: 'boolean',
			default: false,
			description:
				'Whether to download every attachment as binary data (attachment_0, attachment_1…) with its file name and type',
		},
		{
			displayName: 'Headers',
			name: 'includeHeaders',
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Threading and Reply-To', value: 'selected', description: 'Message-ID, In-Reply-To, References, Reply-To' },
				{ name: 'All', value: 'full' },
			],
			default: 'none',
			description: 'Which email headers to add to the content',
			displayOptions: { show: { '/output': ['cleanContent'] } },
		},
		{
			displayName: 'Include HTML',
			name: 'includeHtml',
			type: 'boolean',
			default: false,
			description: 'Whether to add the HTML body next to the text',
			displayOptions: { show: { '/output': ['cleanContent'] } },
		},
		{
			displayName: 'Include Links',
			name: 'includeLinks',
			type: 'boolean',
			default: false,
			description: 'Whether to list the links found in the body',
			displayOptions: { show: { '/output': ['cleanContent'] } },
		},
		{
			displayName: 'Max Characters',
			name: 'maxChars',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1000000 },
			default: 20000,
			description:
				'Cut the body after this many characters (is_truncated then says so). 0 means no limit. Keeps AI agent prompts small.',
			displayOptions: { show: { '/output': ['cleanContent', 'raw'] } },
		},
		{
			displayName: 'Strip Quoted Replies',
			name: 'stripQuotes',
			type: 'boolean',
			default: true,
			description: 'Whether to remove the quoted earlier messages below a reply',
			displayOptions: { show: { '/output': ['cleanContent'] } },
		},
		{
			displayName: 'Strip Signature',
			name: 'stripSignature',
			type: 'boolean',
			default: true,
			description: "Whether to remove the sender's signature",
			displayOptions: { show: { '/output': ['cleanContent'] } },
		},
	],
};

export interface MessageReadOptions {
	part?: 'auto' | 'text' | 'html';
	rawPart?: 'text' | 'html' | 'both';
	downloadAttachments?: boolean;
	binaryPrefix?: string;
	includeHeaders?: 'none' | 'selected' | 'full';
	includeHtml?: boolean;
	includeLinks?: boolean;
	maxChars?: number;
	stripQuotes?: boolean;
	stripSignature?: boolean;
}

/** A message as output JSON, with the attachment list its attachments download from. */
export interface ReadMessage {
	json: IDataObject;
	attachments: MailboxAttachment[];
	/** The message has attachments but the read did not list them (see attachmentsToDownload). */
	unlisted?: boolean;
}

/** The binary property name prefix Download Attachments writes to. */
export function binaryPrefixOf(options: MessageReadOptions): string {
	return options.binaryPrefix?.trim() || 'attachment_';
}

/** The body character cap for these options; undefined means no cap. */
export function maxChars(options: MessageReadOptions, fallback: number): number | undefined {
	const value = options.maxChars ?? fallback;
	return value > 0 ? value : undefined;
}

/** Query parameters of GET …/content for these options. */
export function contentQs(options: MessageReadOptions): IDataObject {
	const qs: IDataObject = {
		part: options.part ?? 'auto',
		strip_quotes: options.stripQuotes ?? true,
		strip_signature: options.stripSignature ?? true,
		include_links: options.includeLinks ?? false,
		include_html: options.includeHtml ?? false,
		include_headers: options.includeHeaders ?? 'none',
		include_attachments: 'metadata',
	};
	const max = maxChars(options, 20000);
	if (max) qs.max_body_chars = max;
	return qs;
}

/** The `:batch-get` body that reads `ids` in this output mode with these options. */
export function batchGetBody(output: MessageOutput, options: MessageReadOptions, ids: string[]): IDataObject {
	if (output === 'simplified') {
		return { ids, body_mode: 'raw', part: 'text', include_headers: 'none', include_attachments: 'metadata' };
	}
	if (output === 'raw') {
		const body: IDataObject = {
			ids,
			body_mode: 'raw',
			part: options.rawPart ?? 'both',
			include_headers: 'none',
			include_attachments: 'metadata',
		};
		const max = maxChars(options, 0);
		if (max) body.max_body_chars = max;
		return body;
	}
	const qs = contentQs(options);
	const body: IDataObject = {
		ids,
		body_mode: 'clean_json',
		part: qs.part,
		strip_quotes: qs.strip_quotes,
		strip_signature: qs.strip_signature,
		include_links: qs.include_links,
		include_html: qs.include_html,
		include_headers: qs.include_headers,
		include_attachments: 'metadata',
	};
	if (qs.max_body_chars) body.max_body_chars = qs.max_body_chars;
	return body;
}

/**
 * Clean content for a message Sendmux gave no content for (`content` is nullable): its summary,
 * with no text, so the item still carries who, what and when.
 */
function contentFromSummary(message: MailboxMessageSummary, attachments: MailboxAttachment[]): MailboxMessageContent {
	return {
		id: message.id,
		thread_id: message.thread_id,
		subject: message.subject,
		participants: { from: message.from, to: message.to, cc: message.cc, bcc: message.bcc, reply_to: [] },
		dates: { received_at: message.received_at, sent_at: message.sent_at },
		body: {
			format: null,
			text: null,
			html: null,
			extracted_links: [],
			is_truncated: false,
			truncated_at_chars: null,
			quotes_stripped: false,
			signature_stripped: false,
		},
		headers: { mode: 'none', selected: { message_id: [], in_reply_to: null, references: [], reply_to: [] }, full: [] },
		attachments,
		states: { email_state: null, option_hash: '' },
	};
}

/** A raw body for a message Sendmux gave none for (`raw_body` is nullable): the same shape, empty. */
function emptyRawBody(message: MailboxMessageSummary, part: MailboxRawBody['part']): MailboxRawBody {
	return {
		id: message.id,
		thread_id: message.thread_id,
		part,
		body: { text: null, html: null, is_truncated: false, truncated_at_chars: null },
		states: { email_state: null },
	};
}

/**
 * One `:batch-get` result as output JSON in this output mode. Sendmux fills only the body shape
 * asked for (`content` for Clean Content, `raw_body` for Simplified and Raw); the other is
 * `null`, and either may be `null` for a message without a readable body.
 */
export function fromBatchItem(output: MessageOutput, options: MessageReadOptions, item: MailboxBatchGetItem): ReadMessage {
	const fromContent = item.content?.attachments;
	const listed = fromContent?.length ? fromContent : (item.message.attachments ?? fromContent);
	const attachments = listed ?? [];
	const unlisted = listed === undefined && item.message.has_attachments;
	if (output === 'simplified') {
		const message = { ...item.message, attachments };
		return { json: simplifyMessage(message, item.raw_body?.body.text ?? null), attachments, unlisted };
	}
	if (output === 'raw') {
		const body = item.raw_body ?? emptyRawBody(item.message, options.rawPart ?? 'both');
		return { json: rawBody(body), attachments, unlisted };
	}
	const content = item.content ?? contentFromSummary(item.message, attachments);
	return { json: cleanContent(content), attachments, unlisted };
}

/** Attachment metadata of one message, read from its content (the smallest read that lists them). */
export async function readAttachmentList(
	ctx: SendmuxContext,
	messageId: string,
	mailbox: IDataObject,
	itemIndex = 0,
): Promise<MailboxAttachment[]> {
	const response = await sendmuxRequest.call(ctx, {
		surface: 'mailbox',
		method: 'GET',
		path: `/mailbox/messages/${segment(messageId)}/content`,
		qs: { part: 'text', max_body_chars: 1, include_headers: 'none', include_attachments: 'metadata', ...mailbox },
		itemIndex,
	});
	return (response.data as MailboxMessageContent).attachments;
}

/**
 * The attachments to download for a read message: its list, or, when the read did not list
 * them (the list is optional in the spec) although the message has some, a read of the list.
 */
export async function attachmentsToDownload(
	ctx: SendmuxContext,
	read: ReadMessage,
	messageId: string,
	mailbox: IDataObject,
	itemIndex = 0,
): Promise<MailboxAttachment[]> {
	if (!read.unlisted) return read.attachments;
	return await readAttachmentList(ctx, messageId, mailbox, itemIndex);
}
