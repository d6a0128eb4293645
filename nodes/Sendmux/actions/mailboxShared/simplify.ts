import type { IDataObject } from 'n8n-workflow';

import type {
	MailboxAttachment,
	MailboxMessage,
	MailboxMessageContent,
	MailboxMessageSummary,
	MailboxRawBody,
} from './types';

/**
 * Attachment metadata as output: `download_url` is dropped, since it embeds a short-lived
 * download token that grants access without the key. Use the Attachment → Download operation.
 */
export function attachmentInfo(attachment: MailboxAttachment): IDataObject {
	return {
		id: attachment.id,
		filename: attachment.filename,
		content_type: attachment.content_type,
		size_bytes: attachment.size_bytes,
		...(attachment.content_id ? { content_id: attachment.content_id } : {}),
		...(attachment.disposition ? { disposition: attachment.disposition } : {}),
	};
}

/** A Sendmux object with every attachment's `download_url` removed, otherwise unchanged. */
export function withoutDownloadUrls<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => withoutDownloadUrls(entry) as unknown) as T;
	if (!value || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		if (key === 'download_url') continue;
		out[key] = withoutDownloadUrls(entry);
	}
	return out as T;
}

/** The compact view of a message in lists: who, what, when, state. */
export function simplifySummary(message: MailboxMessageSummary): IDataObject {
	return {
		id: message.id,
		thread_id: message.thread_id,
		subject: message.subject,
		from: message.from as IDataObject | null,
		to: message.to as unknown as IDataObject[],
		cc: message.cc as unknown as IDataObject[],
		received_at: message.received_at,
		preview: message.preview,
		unread: !message.flags.seen,
		flagged: message.flags.flagged,
		answered: message.flags.answered,
		keywords: message.keywords,
		folder_ids: message.folder_ids,
		has_attachments: message.has_attachments,
		attachment_names: (message.attachments ?? []).map((a) => a.filename ?? a.id),
	};
}

/** Get → Simplified: the summary plus the plain-text body. */
export function simplifyMessage(message: MailboxMessageSummary, text: string | null): IDataObject {
	return { ...simplifySummary(message), text };
}

export function simplifyFullMessage(message: MailboxMessage): IDataObject {
	return simplifyMessage(message, message.text_body);
}

/**
 * Get → Clean Content: the message as an AI agent should read it. Only what was asked for
 * appears (HTML, links, headers), so the item stays small.
 */
export function cleanContent(content: MailboxMessageContent): IDataObject {
	const out: IDataObject = {
		id: content.id,
		thread_id: content.thread_id,
		subject: content.subject,
		from: content.participants.from as IDataObject | null,
		to: content.participants.to as unknown as IDataObject[],
		cc: content.participants.cc as unknown as IDataObject[],
		received_at: content.dates.received_at,
		sent_at: content.dates.sent_at,
		text: content.body.text,
	};
	if (content.participants.reply_to.length) out.reply_to = content.participants.reply_to as unknown as IDataObject[];
	if (content.body.html !== null) out.html = content.body.html;
	if (content.body.extracted_links.length) out.links = content.body.extracted_links;
	out.is_truncated = content.body.is_truncated;
	out.quotes_stripped = content.body.quotes_stripped;
	out.signature_stripped = content.body.signature_stripped;
	if (content.headers.mode === 'selected') out.headers = content.headers.selected as unknown as IDataObject;
	if (content.headers.mode === 'full') out.headers = content.headers.full as unknown as IDataObject[];
	out.attachments = content.attachments.map(attachmentInfo);
	return out;
}

/** Get → Raw: the stored text and HTML bodies as Sendmux returns them. */
export function rawBody(body: MailboxRawBody): IDataObject {
	return body as unknown as IDataObject;
}
