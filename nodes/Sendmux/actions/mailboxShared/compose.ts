import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { byDisplayName } from '../../shared/descriptions';
import { identityLocator } from '../../shared/locators';
import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';
import { addressListProblems, parseAddressList, recipientCountProblem } from '../../shared/addresses';
import { customHeaderProblems, headersFromRows } from '../../shared/headers';
import { refuseIfAny } from '../../shared/problems';
import { subjectProblem } from '../../shared/subjects';
import { attachmentsFromBinary, attachmentsOption } from './attachments';
import { chosenFrom } from './identities';
import type { MailboxAddress, OutgoingAttachment, SendMailboxMessageBody } from './types';

export const textBodyProperty: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	default: '',
	typeOptions: { rows: 5 },
	description: 'Plain-text body. Give Text, HTML or both.',
};

export const htmlBodyProperty: INodeProperties = {
	displayName: 'HTML',
	name: 'html',
	type: 'string',
	default: '',
	typeOptions: { rows: 5 },
	description: 'HTML body. Give Text, HTML or both; mail clients show HTML when they can.',
};

const ccOption: INodeProperties = {
	displayName: 'CC',
	name: 'cc',
	type: 'string',
	default: '',
	placeholder: 'e.g. ann@example.com, Bob Ray <bob@example.com>',
	description: 'Copy recipients, separated by commas',
};

const bccOption: INodeProperties = {
	displayName: 'BCC',
	name: 'bcc',
	type: 'string',
	default: '',
	placeholder: 'e.g. audit@example.com',
	description: 'Blind-copy recipients, separated by commas',
};

const replyToOption: INodeProperties = {
	displayName: 'Reply-To',
	name: 'replyTo',
	type: 'string',
	default: '',
	placeholder: 'e.g. support@example.com',
	description: 'Where answers should go, if not to the sender. Separate several with commas.',
};

const customHeadersOption: INodeProperties = {
	displayName: 'Custom Headers',
	name: 'customHeaders',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Header',
	description: 'Extra email headers; names must start with X-',
	options: [
		{
			displayName: 'Header',
			name: 'header',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. X-Ticket-ID',
					description: 'Header name, starting with X-',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. 4711',
					description: 'Header value, on one line',
				},
			],
		},
	],
};

const uploadedAttachmentsOption: INodeProperties = {
	displayName: 'Uploaded Attachments',
	name: 'uploadedAttachments',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Uploaded File',
	description: 'Files uploaded earlier with Attachment → Upload, attached by blob ID',
	options: [
		{
			displayName: 'File',
			name: 'file',
			values: [
				{
					displayName: 'Blob ID',
					name: 'blobId',
					type: 'string',
					default: '',
					placeholder: 'e.g. {{ $json.blob_id }}',
					description: 'The blob_id that Attachment → Upload returned',
				},
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'e.g. {{ $json.filename }}',
					description: 'Name the recipient sees, such as invoice.pdf',
				},
				{
					displayName: 'MIME Type',
					name: 'contentType',
					type: 'string',
					default: 'application/octet-stream',
					placeholder: 'e.g. {{ $json.content_type }}',
					description: 'Content type of the file, such as application/pdf',
				},
			],
		},
	],
};

const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.orderId }}-confirmation',
	description:
		'A key unique to this message, so it is sent once even if the workflow runs again. Leave empty: the node derives one per execution and item, stable across Retry On Fail.',
};

/** The options every outgoing message (send, reply, forward) shares. */
export function composeOptions(extra: INodeProperties[] = [], withCc = true): INodeProperties[] {
	return [
		...(withCc ? [ccOption, bccOption] : [bccOption]),
		...extra,
		attachmentsOption,
		customHeadersOption,
		identityLocator(),
		idempotencyKeyOption,
		replyToOption,
		uploadedAttachmentsOption,
	].sort(byDisplayName);
}

export interface ComposeOptions {
	cc?: string;
	bcc?: string;
	replyTo?: string;
	attachments?: string;
	customHeaders?: { header?: Array<{ name: string; value: string }> };
	uploadedAttachments?: { file?: Array<{ blobId: string; fileName: string; contentType: string }> };
	idempotencyKey?: string;
}

export function readBodies(ctx: IExecuteFunctions, itemIndex: number, required: boolean): { text?: string; html?: string } {
	const text = String(ctx.getNodeParameter('text', itemIndex, '') ?? '');
	const html = String(ctx.getNodeParameter('html', itemIndex, '') ?? '');
	if (required && !text.trim() && !html.trim()) {
		throw new NodeOperationError(ctx.getNode(), `Text and HTML are both empty in item ${itemIndex}`, {
			itemIndex,
			description: 'Write the message in Text, HTML or both.',
		});
	}
	return { ...(text.trim() ? { text } : {}), ...(html.trim() ? { html } : {}) };
}

/**
 * Recipients as the Mailbox API wants them: `{ email, name }` with `name: null` when none was
 * given (the API requires the field). Accepts a comma-separated text, an array of such texts,
 * or `{ email, name }` objects from an expression; a bad entry is refused, named.
 */
export function parseAddresses(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): MailboxAddress[] {
	const list = parseAddressList(value);
	refuseIfAny(ctx, itemIndex, addressListProblems(list, field));
	return list.map(({ email, name }) => ({ email, name: name ?? null }));
}

/** The Custom Headers rows of the options, refused when a name or value cannot be sent. */
export function customHeaders(
	ctx: IExecuteFunctions,
	options: ComposeOptions,
	itemIndex: number,
): Record<string, string> {
	const headers = headersFromRows(options.customHeaders?.header);
	refuseIfAny(ctx, itemIndex, customHeaderProblems(headers, 'Custom Headers'));
	return headers;
}

/** A subject the user typed (or mapped), refused when it cannot be sent; empty allowed unless `required`. */
export function checkSubject(ctx: IExecuteFunctions, itemIndex: number, subject: string, required: boolean): void {
	const problem = subjectProblem(subject, 'Subject', required);
	refuseIfAny(ctx, itemIndex, problem ? [problem] : []);
}

/** To, CC and BCC together within Sendmux's recipient cap. */
export function checkRecipientCount(ctx: IExecuteFunctions, itemIndex: number, count: number): void {
	const problem = recipientCountProblem(count);
	refuseIfAny(ctx, itemIndex, problem ? [problem] : []);
}

export function recipientLists(
	ctx: IExecuteFunctions,
	options: ComposeOptions,
	itemIndex: number,
): { cc: MailboxAddress[]; bcc: MailboxAddress[]; replyTo: MailboxAddress[] } {
	return {
		cc: parseAddresses(ctx, options.cc, 'CC', itemIndex),
		bcc: parseAddresses(ctx, options.bcc, 'BCC', itemIndex),
		replyTo: parseAddresses(ctx, options.replyTo, 'Reply-To', itemIndex),
	};
}

/** The send key for this item: the user's, or one derived per execution, node, run and item. */
export function sendKey(ctx: IExecuteFunctions, itemIndex: number, operation: string, options: ComposeOptions): string {
	return idempotencyKeyFor(ctx, itemIndex, ['mailbox-message', operation], options.idempotencyKey?.trim());
}

export interface Draft {
	to: MailboxAddress[];
	cc: MailboxAddress[];
	bcc: MailboxAddress[];
	replyTo: MailboxAddress[];
	subject: string;
	text?: string;
	html?: string;
	headers: Record<string, string>;
	attachments: OutgoingAttachment[];
}

/** Attachments named in the options, read from the item's binary data. */
export async function optionAttachments(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: ComposeOptions,
	key: string,
	mailbox: IDataObject,
): Promise<OutgoingAttachment[]> {
	const spec = String(options.attachments ?? '').trim();
	const fromBinary = spec ? await attachmentsFromBinary(ctx, itemIndex, spec, key, mailbox) : [];
	const uploaded: OutgoingAttachment[] = [];
	for (const file of options.uploadedAttachments?.file ?? []) {
		const blobId = String(file.blobId ?? '').trim();
		const filename = String(file.fileName ?? '').trim();
		if (!blobId || !filename) {
			throw new NodeOperationError(ctx.getNode(), `An uploaded attachment of item ${itemIndex} lacks its Blob ID or File Name`, {
				itemIndex,
				description: 'Map both from Attachment → Upload: {{ $json.blob_id }} and {{ $json.filename }}.',
			});
		}
		uploaded.push({ blob_id: blobId, filename, content_type: String(file.contentType ?? '').trim() || 'application/octet-stream' });
	}
	return [...fromBinary, ...uploaded];
}

/** POST /mailbox/messages/send with a stable Idempotency-Key; returns `{ message_id, status }`. */
export async function sendDraft(
	ctx: IExecuteFunctions,
	itemIndex: number,
	draft: Draft,
	key: string,
	mailbox: IDataObject,
): Promise<IDataObject> {
	if (!draft.to.length) {
		throw new NodeOperationError(ctx.getNode(), `No recipient in item ${itemIndex}`, {
			itemIndex,
			description: 'Give at least one address in To.',
		});
	}
	// The same rules as Email → Send, also for what reply and forward derived from the original.
	checkSubject(ctx, itemIndex, draft.subject, false);
	checkRecipientCount(ctx, itemIndex, draft.to.length + draft.cc.length + draft.bcc.length);
	const body: SendMailboxMessageBody = { to: draft.to, subject: draft.subject };
	const from = await chosenFrom(ctx, 'options.identity', itemIndex, mailbox);
	if (from) body.from = from;
	if (draft.cc.length) body.cc = draft.cc;
	if (draft.bcc.length) body.bcc = draft.bcc;
	if (draft.replyTo.length) body.reply_to = draft.replyTo;
	if (draft.text !== undefined) body.text_body = draft.text;
	if (draft.html !== undefined) body.html_body = draft.html;
	if (Object.keys(draft.headers).length) body.custom_headers = draft.headers;
	if (draft.attachments.length) body.attachments = draft.attachments;
	const response = await sendmuxRequest.call(ctx, {
		surface: 'mailbox',
		method: 'POST',
		path: '/mailbox/messages/send',
		qs: mailbox,
		body: body as unknown as IDataObject,
		idempotencyKey: key,
		sends: 'the message',
		itemIndex,
	});
	return response.data as IDataObject;
}
