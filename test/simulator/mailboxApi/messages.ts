/** Mailbox API messages: list, count, get, raw body, clean content, edit, delete, attachments. */
import type { HandlerMap } from '../context';
import { pageOfList } from '../collection';
import { SimError } from '../errors';
import { etagOf, requireIfMatch } from '../etag';
import { bodyOf, flag, pageSize, text } from '../resources/common';
import { messageContent, messageDetail, messageSummary, rawBody, type ContentOptions } from './representation';
import { applyFlags, deleteMessage, messageOf, recordUpdate, scopeOf } from './scope';
import { messageFilter, messageSorter } from './search';

/** Content options from query parameters (booleans and numbers arrive as text). */
export function contentOptions(query: Record<string, string | string[] | undefined>): ContentOptions {
	const max = text(query.max_body_chars);
	return {
		part: text(query.part) as ContentOptions['part'],
		max_body_chars: max === undefined ? undefined : Number(max),
		strip_signature: flag(query.strip_signature),
		strip_quotes: flag(query.strip_quotes),
		include_links: flag(query.include_links),
		include_html: flag(query.include_html),
		include_headers: text(query.include_headers) as ContentOptions['include_headers'],
		include_attachments: text(query.include_attachments) as ContentOptions['include_attachments'],
	};
}

export const messageHandlers: HandlerMap = {
	mailboxListMessages(request, sim) {
		const { store } = scopeOf(request, sim);
		const filter = messageFilter(request);
		const sortBy = text(request.query.sort_by);
		const direction = (text(request.query.sort_direction) ?? 'desc') as 'asc' | 'desc';
		const limit = pageSize(request);
		const summary = (m: Parameters<typeof messageSummary>[0]) => messageSummary(m, sim.baseUrls.app, sim.settings.sparseMessageSummaries);
		if ((sortBy === undefined || sortBy === 'received_at') && direction === 'desc') {
			const page = store.messages.page({ cursor: text(request.query.cursor), limit, filter });
			return { data: page.items.map(summary), pagination: page.pagination };
		}
		const sorted = store.messages.values().filter(filter).sort(messageSorter((sortBy ?? 'received_at') as 'received_at', direction));
		const page = pageOfList(sorted, text(request.query.cursor), limit);
		return { data: page.items.map(summary), pagination: page.pagination };
	},

	mailboxCountMessages(request, sim) {
		const { store } = scopeOf(request, sim);
		return { data: { total: store.messages.values().filter(messageFilter(request)).length, sync_state: store.state } };
	},

	mailboxGetMessage(request, sim) {
		const { store } = scopeOf(request, sim);
		const data = messageDetail(messageOf(store, request.pathParams.message_id), sim.baseUrls.app);
		return { data, etag: etagOf(data) };
	},

	mailboxListBody(request, sim) {
		const { store } = scopeOf(request, sim);
		const max = text(request.query.max_body_chars);
		const data = rawBody(
			messageOf(store, request.pathParams.message_id),
			store,
			(text(request.query.part) ?? 'both') as 'text' | 'html' | 'both',
			max === undefined ? undefined : Number(max),
		);
		return { data, etag: etagOf(data) };
	},

	mailboxListContent(request, sim) {
		const { store } = scopeOf(request, sim);
		const data = messageContent(messageOf(store, request.pathParams.message_id), store, sim.baseUrls.app, contentOptions(request.query));
		return { data, etag: etagOf(data) };
	},

	mailboxUpdateMessage(request, sim) {
		const { store } = scopeOf(request, sim);
		const message = messageOf(store, request.pathParams.message_id);
		requireIfMatch(request.headers['if-match'], etagOf(messageDetail(message, sim.baseUrls.app)));
		if (applyFlags(message, bodyOf(request))) recordUpdate(store, message);
		const data = messageDetail(message, sim.baseUrls.app);
		return { data, etag: etagOf(data) };
	},

	mailboxDeleteMessage(request, sim) {
		const { store } = scopeOf(request, sim);
		const message = messageOf(store, request.pathParams.message_id);
		requireIfMatch(request.headers['if-match'], etagOf(messageDetail(message, sim.baseUrls.app)));
		deleteMessage(store, message, flag(request.query.permanent) === true);
		return { data: { id: message.id, deleted: true } };
	},

	mailboxGetMessageAttachment(request, sim) {
		const { store } = scopeOf(request, sim);
		const message = messageOf(store, request.pathParams.message_id);
		const attachment = message.attachments.find((a) => a.id === request.pathParams.attachment_id);
		if (!attachment) throw new SimError(404, 'not_found', 'Attachment not found', { param: 'attachment_id' });
		const range = request.headers.range;
		if (range === undefined) return { raw: { contentType: attachment.contentType, body: attachment.bytes } };
		const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
		const size = attachment.bytes.length;
		const start = match?.[1] ? Number(match[1]) : match?.[2] ? Math.max(0, size - Number(match[2])) : 0;
		const end = match?.[1] && match[2] ? Math.min(size - 1, Number(match[2])) : size - 1;
		if (!match || (!match[1] && !match[2]) || start > end || start >= size) {
			throw new SimError(400, 'invalid_parameter', `Invalid range "${range}" for ${size} bytes.`, { param: 'Range' });
		}
		return {
			status: 206,
			headers: { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Accept-Ranges': 'bytes' },
			raw: { contentType: attachment.contentType, body: attachment.bytes.subarray(start, end + 1) },
		};
	},
};
