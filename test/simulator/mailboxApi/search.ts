/** The message filters the list, count and thread endpoints share. */
import type { SimRequest } from '../context';
import { SimError } from '../errors';
import { flag, text } from '../resources/common';
import { SYSTEM_KEYWORDS, type MailAddress, type MailMessageRecord } from './store';

const has = (needle: string, ...values: Array<string | null | undefined>) =>
	values.some((v) => typeof v === 'string' && v.toLowerCase().includes(needle.toLowerCase()));

const addresses = (list: MailAddress[]) => list.flatMap((a) => [a.email, a.name]);

function dateParam(request: SimRequest, name: string): number | undefined {
	const value = text(request.query[name]);
	if (value === undefined) return undefined;
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw new SimError(400, 'invalid_parameter', `${name} must be an ISO 8601 date-time.`, { param: name });
	return ms;
}

/** A predicate for the request's filters (folder, thread, text, address, flags, dates, size). */
export function messageFilter(request: SimRequest): (message: MailMessageRecord) => boolean {
	const q = (name: string) => text(request.query[name]);
	const after = dateParam(request, 'after');
	const before = dateParam(request, 'before');
	const unread = flag(request.query.is_unread);
	const withAttachment = flag(request.query.has_attachment);
	const min = q('min_size_bytes');
	const max = q('max_size_bytes');
	return (m) => {
		const date = m.receivedAt ?? m.sentAt ?? m.createdAt;
		const header = q('header_name');
		return (
			(q('folder_id') === undefined || m.folderIds.includes(q('folder_id') as string)) &&
			(q('thread_id') === undefined || m.threadId === q('thread_id')) &&
			(q('q') === undefined || has(q('q') as string, m.subject, m.text, m.html, ...addresses([m.from, ...m.to, ...m.cc]))) &&
			(q('participant') === undefined || has(q('participant') as string, ...addresses([m.from, ...m.to, ...m.cc]))) &&
			(q('from') === undefined || has(q('from') as string, ...addresses([m.from]))) &&
			(q('to') === undefined || has(q('to') as string, ...addresses(m.to))) &&
			(q('cc') === undefined || has(q('cc') as string, ...addresses(m.cc))) &&
			(q('bcc') === undefined || has(q('bcc') as string, ...addresses(m.bcc))) &&
			(q('subject') === undefined || has(q('subject') as string, m.subject)) &&
			(q('body') === undefined || has(q('body') as string, m.text, m.html)) &&
			(header === undefined ||
				m.extraHeaders.some((h) => h.name.toLowerCase() === header.toLowerCase() && (q('header_value') === undefined || has(q('header_value') as string, h.value)))) &&
			(q('keyword') === undefined || m.keywords.includes(q('keyword') as string)) &&
			(q('not_keyword') === undefined || !m.keywords.includes(q('not_keyword') as string)) &&
			(unread === undefined || unread === !m.keywords.includes(SYSTEM_KEYWORDS.seen)) &&
			(withAttachment === undefined || withAttachment === m.attachments.length > 0) &&
			(min === undefined || m.sizeBytes >= Number(min)) &&
			(max === undefined || m.sizeBytes <= Number(max)) &&
			(after === undefined || date >= after) &&
			(before === undefined || date < before)
		);
	};
}

type SortKey = 'received_at' | 'sent_at' | 'subject' | 'from' | 'to' | 'size_bytes';

export function messageSorter(sortBy: SortKey, direction: 'asc' | 'desc'): (a: MailMessageRecord, b: MailMessageRecord) => number {
	const key = (m: MailMessageRecord): string | number => {
		switch (sortBy) {
			case 'sent_at':
				return m.sentAt ?? 0;
			case 'subject':
				return (m.subject ?? '').toLowerCase();
			case 'from':
				return m.from.email;
			case 'to':
				return m.to[0]?.email ?? '';
			case 'size_bytes':
				return m.sizeBytes;
			default:
				return m.receivedAt ?? m.sentAt ?? m.createdAt;
		}
	};
	const sign = direction === 'asc' ? 1 : -1;
	return (a, b) => {
		const ka = key(a);
		const kb = key(b);
		const order = ka < kb ? -1 : ka > kb ? 1 : a.createdAt - b.createdAt;
		return order * sign;
	};
}
