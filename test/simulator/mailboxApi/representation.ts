/** Mailbox API shapes: message summaries and details, raw and clean content, threads, folders. */
import { createHash } from 'node:crypto';

import { isoOrNull } from '../resources/common';
import { SYSTEM_KEYWORDS, type FolderRecord, type MailAddress, type MailMessageRecord, type MailStore } from './store';

export function attachmentsOf(message: MailMessageRecord, appBaseUrl: string) {
	return message.attachments.map((a) => ({
		id: a.id,
		filename: a.filename,
		content_type: a.contentType,
		size_bytes: a.bytes.length,
		disposition: a.disposition,
		content_id: a.contentId,
		download_url: `${appBaseUrl}/mailbox/messages/${message.id}/attachments/${a.id}`,
	}));
}

const stripHtml = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

export function previewOf(message: MailMessageRecord): string | null {
	const source = message.text ?? (message.html ? stripHtml(message.html) : null);
	return source === null ? null : source.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export function flagsOf(message: MailMessageRecord) {
	return {
		seen: message.keywords.includes(SYSTEM_KEYWORDS.seen),
		flagged: message.keywords.includes(SYSTEM_KEYWORDS.flagged),
		answered: message.keywords.includes(SYSTEM_KEYWORDS.answered),
		draft: message.keywords.includes(SYSTEM_KEYWORDS.draft),
	};
}

/** A message as lists show it; `sparse` leaves out the optional attachment list and the preview. */
export function messageSummary(message: MailMessageRecord, appBaseUrl: string, sparse = false) {
	const full = fullSummary(message, appBaseUrl);
	if (!sparse) return full;
	const partial: Partial<typeof full> = { ...full, preview: null };
	delete partial.attachments;
	return partial;
}

function fullSummary(message: MailMessageRecord, appBaseUrl: string) {
	return {
		id: message.id,
		thread_id: message.threadId,
		folder_ids: message.folderIds,
		from: message.from,
		to: message.to,
		cc: message.cc,
		bcc: message.bcc,
		subject: message.subject,
		preview: previewOf(message),
		received_at: isoOrNull(message.receivedAt),
		sent_at: isoOrNull(message.sentAt),
		size_bytes: message.sizeBytes,
		has_attachments: message.attachments.length > 0,
		keywords: message.keywords,
		flags: flagsOf(message),
		attachments: attachmentsOf(message, appBaseUrl),
	};
}

export function messageDetail(message: MailMessageRecord, appBaseUrl: string) {
	return { ...fullSummary(message, appBaseUrl), text_body: message.text, html_body: message.html };
}

function truncate(value: string | null, max: number | undefined): { value: string | null; truncated: boolean } {
	if (value === null || max === undefined || value.length <= max) return { value, truncated: false };
	return { value: value.slice(0, max), truncated: true };
}

export function rawBody(message: MailMessageRecord, store: MailStore, part: 'text' | 'html' | 'both', max?: number) {
	const text = truncate(part === 'html' ? null : message.text, max);
	const html = truncate(part === 'text' ? null : message.html, max);
	const truncated = text.truncated || html.truncated;
	return {
		id: message.id,
		thread_id: message.threadId,
		part,
		body: { text: text.value, html: html.value, is_truncated: truncated, truncated_at_chars: truncated ? (max ?? null) : null },
		states: { email_state: store.state },
	};
}

export interface ContentOptions {
	part?: 'auto' | 'text' | 'html' | 'both';
	max_body_chars?: number;
	strip_signature?: boolean;
	strip_quotes?: boolean;
	include_links?: boolean;
	include_html?: boolean;
	include_headers?: 'none' | 'selected' | 'full';
	include_attachments?: 'none' | 'metadata';
}

function stripSignature(text: string): string {
	const at = text.search(/^-- ?$/m);
	return at === -1 ? text : text.slice(0, at).trimEnd();
}

function stripQuotes(text: string): string {
	return text
		.split('\n')
		.filter((line) => !line.startsWith('>'))
		.join('\n')
		.replace(/\n?On .+ wrote:\s*$/s, '')
		.trimEnd();
}

/** Deterministic clean JSON content, as `/content` and `:batch-get` return it. */
export function messageContent(message: MailMessageRecord, store: MailStore, appBaseUrl: string, options: ContentOptions) {
	const part = options.part ?? 'auto';
	const useHtml = part === 'html' || (part === 'auto' && message.text === null && message.html !== null);
	let text = useHtml ? (message.html ? stripHtml(message.html) : null) : message.text;
	const signatureStripped = Boolean(options.strip_signature && text !== null && stripSignature(text) !== text);
	if (options.strip_signature && text !== null) text = stripSignature(text);
	const quotesStripped = Boolean(options.strip_quotes && text !== null && stripQuotes(text) !== text);
	if (options.strip_quotes && text !== null) text = stripQuotes(text);
	const links = options.include_links ? [...new Set(`${message.text ?? ''} ${message.html ?? ''}`.match(/https?:\/\/[^\s"'<>)]+/g) ?? [])] : [];
	const body = truncate(text, options.max_body_chars);
	const html = options.include_html ? truncate(message.html, options.max_body_chars) : { value: null, truncated: false };
	const headersMode = options.include_headers ?? 'selected';
	const optionHash = createHash('sha1').update(JSON.stringify(options)).digest('hex').slice(0, 16);
	return {
		id: message.id,
		thread_id: message.threadId,
		subject: message.subject,
		participants: { from: message.from, to: message.to, cc: message.cc, bcc: message.bcc, reply_to: message.replyTo },
		dates: { received_at: isoOrNull(message.receivedAt), sent_at: isoOrNull(message.sentAt) },
		body: {
			format: text === null ? null : useHtml ? 'html' : 'text',
			text: body.value,
			html: html.value,
			is_truncated: body.truncated || html.truncated,
			truncated_at_chars: body.truncated || html.truncated ? (options.max_body_chars ?? null) : null,
			extracted_links: links,
			signature_stripped: signatureStripped,
			quotes_stripped: quotesStripped,
		},
		headers: {
			mode: headersMode,
			selected:
				headersMode === 'none'
					? null
					: { message_id: [message.rfcMessageId], in_reply_to: message.inReplyTo, references: message.references, reply_to: message.replyTo },
			full: headersMode === 'full' ? fullHeaders(message) : null,
		},
		attachments: options.include_attachments === 'none' ? [] : attachmentsOf(message, appBaseUrl),
		states: { email_state: store.state, option_hash: optionHash },
	};
}

function fullHeaders(message: MailMessageRecord): Array<{ name: string; value: string }> {
	const list = (addresses: MailAddress[]) => addresses.map((a) => (a.name ? `"${a.name}" <${a.email}>` : a.email)).join(', ');
	const headers = [
		{ name: 'Message-ID', value: message.rfcMessageId },
		{ name: 'From', value: list([message.from]) },
		{ name: 'To', value: list(message.to) },
		...(message.cc.length ? [{ name: 'Cc', value: list(message.cc) }] : []),
		{ name: 'Subject', value: message.subject ?? '' },
		{ name: 'Date', value: new Date(message.sentAt ?? message.createdAt).toUTCString() },
		...(message.inReplyTo ? [{ name: 'In-Reply-To', value: message.inReplyTo }] : []),
		...(message.references.length ? [{ name: 'References', value: message.references.join(' ') }] : []),
	];
	return [...headers, ...message.extraHeaders];
}

export function threadSummary(threadId: string, store: MailStore, appBaseUrl: string) {
	const messages = store.threadMessages(threadId);
	const last = messages[messages.length - 1];
	const participants = new Map<string, MailAddress>();
	for (const m of messages) for (const a of [m.from, ...m.to, ...m.cc]) if (!participants.has(a.email)) participants.set(a.email, a);
	return {
		id: threadId,
		subject: messages[0]?.subject ?? null,
		participants: [...participants.values()],
		message_count: messages.length,
		unread_count: messages.filter((m) => !m.keywords.includes(SYSTEM_KEYWORDS.seen)).length,
		has_attachments: messages.some((m) => m.attachments.length > 0),
		folder_ids: [...new Set(messages.flatMap((m) => m.folderIds))],
		last_message: fullSummary(last, appBaseUrl),
		states: { email_state: store.state, thread_state: store.state },
	};
}

export function folderRepresentation(folder: FolderRecord, store: MailStore) {
	const inFolder = store.messages.values().filter((m) => m.folderIds.includes(folder.id));
	return {
		id: folder.id,
		name: folder.name,
		parent_id: folder.parentId,
		role: folder.role,
		sort_order: folder.sortOrder,
		total_messages: inFolder.length,
		unread_messages: inFolder.filter((m) => !m.keywords.includes(SYSTEM_KEYWORDS.seen)).length,
		can_add_items: folder.role !== 'drafts',
	};
}
