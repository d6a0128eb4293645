import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { addressListProblems, parseAddress, parseAddressList, type Address } from '../../shared/addresses';
import { readAttachmentFiles, type AttachmentEntry } from './attachments';
import { textToHtml } from '../../shared/html';
import type { Draft, EmailMessage } from './message';
import { validateMessage, type FieldLabel, type Problem } from './validate';

interface AdditionalFields {
	attachments?: { attachment?: AttachmentEntry[] };
	bcc?: unknown;
	cc?: unknown;
	customHeaders?: { header?: Array<{ name?: string; value?: string }> };
	fromName?: string;
	replyTo?: string;
	returnPath?: string;
	toName?: string;
}

type EmailFormat = 'html' | 'text' | 'both';

const FIELD_LABELS: Record<string, string> = {
	'from.email': 'From Email',
	'from.name': 'From Name',
	'to.email': 'To Email',
	'to.name': 'To Name',
	'reply_to.email': 'Reply-To',
	'reply_to.name': 'Reply-To',
	cc: 'CC',
	bcc: 'BCC',
	return_path: 'Return Path',
	subject: 'Subject',
	custom_headers: 'Custom Headers',
	attachments: 'Attachments',
};

function fieldLabel(format: EmailFormat): FieldLabel {
	const body = format === 'text' ? 'Text' : 'HTML';
	return (path) => `"${path === 'body' ? body : (FIELD_LABELS[path] ?? path)}"`;
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

/** An address field that may hold "Name <address>", with an optional separate name field. */
function addressFrom(value: unknown, nameOverride: string | undefined): Address {
	const address = parseAddress(text(value));
	const name = nameOverride?.trim();
	if (name) address.name = name;
	return address;
}

/**
 * The email the fields describe for one item, checked against every rule Sendmux enforces,
 * with its binary attachments read. Nothing is sent: a draft with problems is refused by the
 * caller before any request.
 */
export async function readDraft(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<{ draft: Draft; problems: Problem[] }> {
	const format = ctx.getNodeParameter('emailFormat', itemIndex, 'html') as EmailFormat;
	const label = fieldLabel(format);
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as AdditionalFields;
	const problems: Problem[] = [];

	const toValue = ctx.getNodeParameter('toEmail', itemIndex);
	const toList = parseAddressList(toValue);
	if (toList.length > 1) {
		problems.push({
			field: label('to.email'),
			problem: `holds ${toList.length} addresses; an email has one main recipient`,
			fix: 'Put the other addresses in CC or BCC, or use Send Batch to send one email per recipient.',
		});
	}
	const to = toList[0] ?? { email: '' };
	if (fields.toName?.trim()) to.name = fields.toName.trim();

	const html = format === 'text' ? '' : text(ctx.getNodeParameter('html', itemIndex, ''));
	const plain = format === 'html' ? '' : text(ctx.getNodeParameter('text', itemIndex, ''));
	const message: EmailMessage = {
		from: addressFrom(ctx.getNodeParameter('fromEmail', itemIndex), fields.fromName),
		to,
		subject: text(ctx.getNodeParameter('subject', itemIndex)),
		// Sendmux requires an HTML part: plain text alone is sent with a faithful HTML rendering.
		html_body: html.trim() ? html : textToHtml(plain),
	};
	if (plain.trim()) message.text_body = plain;

	const cc = parseAddressList(fields.cc);
	if (cc.length) message.cc = cc;
	const bcc = parseAddressList(fields.bcc);
	if (bcc.length) message.bcc = bcc;
	const replyTo = parseAddressList(fields.replyTo);
	if (replyTo.length > 1) {
		problems.push({
			field: label('reply_to.email'),
			problem: `holds ${replyTo.length} addresses ("${replyTo.map((a) => a.email).join('", "').slice(0, 300)}"); the Sending API takes one Reply-To address`,
			fix: 'Keep one address, e.g. support@example.com. (Message → Send of the Mailbox API accepts several.)',
		});
	}
	if (replyTo.length > 1) problems.push(...addressListProblems(replyTo, label('reply_to.email')));
	else if (replyTo.length) message.reply_to = replyTo[0];
	if (fields.returnPath?.trim()) message.return_path = fields.returnPath.trim();

	const headers = fields.customHeaders?.header ?? [];
	if (headers.length) {
		const customHeaders: IDataObject = {};
		for (const header of headers) {
			const name = text(header.name).trim();
			if (name) customHeaders[name] = text(header.value);
		}
		if (Object.keys(customHeaders).length) message.custom_headers = customHeaders as Record<string, string>;
	}

	const attachmentEntries = fields.attachments?.attachment ?? [];
	const { files, problems: fileProblems } = await readAttachmentFiles(ctx, itemIndex, attachmentEntries);
	problems.push(...validateMessage(message, label, files.length), ...fileProblems);
	return { draft: { itemIndex, message, files }, problems };
}
