import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { segment } from '../mailboxShared/scope';
import type { MailboxMessageContent } from '../mailboxShared/types';

/**
 * The message being answered or forwarded, whole: participants, threading headers, both
 * bodies unstripped (for quoting), attachment metadata.
 */
export async function readOriginal(
	ctx: IExecuteFunctions,
	itemIndex: number,
	messageId: string,
	mailbox: IDataObject,
): Promise<MailboxMessageContent> {
	const response = await sendmuxRequest.call(ctx, {
		surface: 'mailbox',
		method: 'GET',
		path: `/mailbox/messages/${segment(messageId)}/content`,
		qs: {
			part: 'auto',
			strip_quotes: false,
			strip_signature: false,
			include_html: true,
			include_headers: 'selected',
			include_attachments: 'metadata',
			...mailbox,
		},
		itemIndex,
	});
	return response.data as MailboxMessageContent;
}

/** A Message-ID as it goes into In-Reply-To and References: in angle brackets. */
export function angled(messageId: string): string {
	const trimmed = messageId.trim();
	return trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
}

/** `prefix` + subject, unless the subject already starts with it (Re: Re: is noise). */
export function prefixedSubject(prefix: 'Re' | 'Fwd', subject: string | null): string {
	const base = (subject ?? '').trim();
	const already = prefix === 'Re' ? /^re:/i : /^(fwd?|fw):/i;
	return already.test(base) ? base : `${prefix}: ${base}`.trim();
}


/** The original's text with "> " before every line, as mail clients quote. */
export function quoteText(text: string): string {
	return text
		.replace(/\r\n/g, '\n')
		.split('\n')
		.map((line) => (line ? `> ${line}` : '>'))
		.join('\n');
}
