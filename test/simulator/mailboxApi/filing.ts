/**
 * Messages as a mailbox files them: inbound mail into Inbox (or Junk), the mailbox's own
 * sends into Sent, both threaded by In-Reply-To / References.
 */
import { publicId, rfcMessageId } from '../ids';
import type { MailboxRecord } from '../state';
import type { Address } from '../types';
import { SYSTEM_KEYWORDS, type MailAddress, type MailMessageRecord, type MailStore } from './store';

export interface OutboundMessage {
	from: Address;
	to: Address[];
	cc?: Address[];
	bcc?: Address[];
	replyTo?: Address[];
	subject: string;
	html?: string | null;
	text?: string | null;
	attachments?: Array<{ filename: string; contentType: string; bytes: Buffer }>;
	headers?: Record<string, string>;
}

export interface InboundMessage {
	/** The mailbox receiving it: its ID or address. */
	mailbox: string;
	from: Address;
	to?: Address[];
	cc?: Address[];
	subject: string;
	text?: string;
	html?: string;
	/** Message-ID header; one is made up when omitted. */
	messageId?: string;
	inReplyTo?: string;
	references?: string[];
	headers?: Record<string, string>;
	spam?: boolean;
	attachments?: Array<{ filename: string; contentType?: string; content: string | Buffer }>;
}

export const asMailAddress = (address: Address): MailAddress => ({ email: address.email.toLowerCase(), name: address.name ?? null });

export function headerValue(headers: Record<string, string>, name: string): string | undefined {
	const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	return entry?.[1];
}

/** Mail arriving in `mailbox`, joined to the thread it answers. */
export function inboundRecord(store: MailStore, mailbox: MailboxRecord, input: InboundMessage, receivedAt: number): MailMessageRecord {
		const references = input.references ?? (input.inReplyTo ? [input.inReplyTo] : []);
	const message: MailMessageRecord = {
		id: publicId('msg'),
		createdAt: receivedAt,
		threadId: store.threadFor(input.inReplyTo ?? null, references) ?? publicId('thr'),
		folderIds: [store.folderByRole(input.spam ? 'junk' : 'inbox').id],
		from: asMailAddress(input.from),
		to: (input.to ?? [{ email: mailbox.email, name: mailbox.displayName }]).map(asMailAddress),
		cc: (input.cc ?? []).map(asMailAddress),
		bcc: [],
		replyTo: [],
		subject: input.subject,
		text: input.text ?? null,
		html: input.html ?? null,
		receivedAt,
		sentAt: receivedAt,
		keywords: [],
		attachments: (input.attachments ?? []).map((a) => ({
			id: publicId('att'),
			filename: a.filename,
			contentType: a.contentType ?? 'application/octet-stream',
			disposition: 'attachment',
			contentId: null,
			bytes: Buffer.isBuffer(a.content) ? a.content : Buffer.from(a.content, 'base64'),
		})),
		rfcMessageId: input.messageId ?? rfcMessageId(input.from.email.split('@')[1] ?? 'example.com'),
		inReplyTo: input.inReplyTo ?? null,
		references,
		extraHeaders: Object.entries(input.headers ?? {}).map(([name, value]) => ({ name, value })),
		sizeBytes: 0,
	};
	message.sizeBytes = storedSize(message);
	return message;
}

/** A message the mailbox sent itself; `parent` is the message it answers, when found. */
export function sentRecord(store: MailStore, message: OutboundMessage, rfcId: string, sentAt: number): { record: MailMessageRecord; parent?: MailMessageRecord } {
	const headers = message.headers ?? {};
	const inReplyTo = headerValue(headers, 'in-reply-to') ?? null;
	const referencesHeader = headerValue(headers, 'references');
	const parent = inReplyTo ? store.byRfcMessageId(inReplyTo) : undefined;
	const references = referencesHeader
		? referencesHeader.split(/\s+/).filter(Boolean)
		: parent
			? [...parent.references, parent.rfcMessageId]
			: inReplyTo
				? [inReplyTo]
				: [];
	const record: MailMessageRecord = {
		id: publicId('msg'),
		createdAt: sentAt,
		threadId: store.threadFor(inReplyTo, references) ?? publicId('thr'),
		folderIds: [store.folderByRole('sent').id],
		from: asMailAddress(message.from),
		to: message.to.map(asMailAddress),
		cc: (message.cc ?? []).map(asMailAddress),
		bcc: (message.bcc ?? []).map(asMailAddress),
		replyTo: (message.replyTo ?? []).map(asMailAddress),
		subject: message.subject,
		text: message.text ?? null,
		html: message.html ?? null,
		receivedAt: null,
		sentAt,
		keywords: [SYSTEM_KEYWORDS.seen],
		attachments: (message.attachments ?? []).map((a) => ({
			id: publicId('att'),
			filename: a.filename,
			contentType: a.contentType,
			disposition: 'attachment',
			contentId: null,
			bytes: a.bytes,
		})),
		rfcMessageId: rfcId,
		inReplyTo,
		references,
		extraHeaders: Object.entries(headers)
			.filter(([name]) => !/^(in-reply-to|references)$/i.test(name))
			.map(([name, value]) => ({ name, value })),
		sizeBytes: 0,
	};
	record.sizeBytes = storedSize(record);
	return { record, parent };
}

function storedSize(message: MailMessageRecord): number {
	return (
		Buffer.byteLength(message.subject ?? '') +
		Buffer.byteLength(message.html ?? '') +
		Buffer.byteLength(message.text ?? '') +
		message.attachments.reduce((sum, a) => sum + a.bytes.length, 0) +
		200
	);
}
