/** Conversation threads, derived from messages (In-Reply-To / References). */
import { pageOfList } from '../collection';
import type { HandlerMap, Sim, SimRequest } from '../context';
import { SimError } from '../errors';
import { etagOf } from '../etag';
import { pageSize, text } from '../resources/common';
import { contentOptions } from './messages';
import { messageContent, messageSummary, threadSummary } from './representation';
import { scopeOf } from './scope';
import { messageFilter } from './search';
import type { MailStore } from './store';

function threadOf(request: SimRequest, sim: Sim): { store: MailStore; threadId: string } {
	const { store } = scopeOf(request, sim);
	const threadId = request.pathParams.thread_id;
	if (store.threadMessages(threadId).length === 0) throw new SimError(404, 'not_found', 'Thread not found', { param: 'thread_id' });
	return { store, threadId };
}

function ordered<T extends { createdAt: number }>(items: T[], direction: string | undefined): T[] {
	const sorted = [...items].sort((a, b) => a.createdAt - b.createdAt);
	return direction === 'desc' ? sorted.reverse() : sorted;
}

export const threadHandlers: HandlerMap = {
	mailboxListThreads(request, sim) {
		const { store } = scopeOf(request, sim);
		const filter = messageFilter(request);
		const latest = new Map<string, number>();
		for (const message of store.messages.values()) {
			if (filter(message)) latest.set(message.threadId, Math.max(latest.get(message.threadId) ?? 0, message.createdAt));
		}
		const direction = text(request.query.sort_direction) ?? 'desc';
		const ids = [...latest.entries()].sort((a, b) => (direction === 'asc' ? a[1] - b[1] : b[1] - a[1])).map(([id]) => id);
		const page = pageOfList(ids, text(request.query.cursor), pageSize(request));
		return { data: page.items.map((id) => threadSummary(id, store, sim.baseUrls.app)), pagination: page.pagination };
	},

	mailboxGetThread(request, sim) {
		const { store, threadId } = threadOf(request, sim);
		const data = { ...threadSummary(threadId, store, sim.baseUrls.app), message_ids: store.threadMessages(threadId).map((m) => m.id) };
		return { data, etag: etagOf(data) };
	},

	mailboxListThreadMessages(request, sim) {
		const { store, threadId } = threadOf(request, sim);
		const messages = ordered(store.threadMessages(threadId), text(request.query.sort));
		const page = pageOfList(messages, text(request.query.cursor), pageSize(request));
		return { data: page.items.map((m) => messageSummary(m, sim.baseUrls.app)), pagination: page.pagination };
	},

	mailboxGetThreadContent(request, sim) {
		const { store, threadId } = threadOf(request, sim);
		const options = contentOptions(request.query);
		const messages = ordered(store.threadMessages(threadId), text(request.query.sort));
		const page = pageOfList(messages, text(request.query.cursor), pageSize(request));
		const data = page.items.map((m) => messageContent(m, store, sim.baseUrls.app, options));
		const summary = threadSummary(threadId, store, sim.baseUrls.app);
		return {
			data,
			pagination: page.pagination,
			etag: etagOf(data),
			meta: {
				thread_id: threadId,
				participants: summary.participants,
				states: { email_state: store.state, thread_state: store.state, option_hash: data[0]?.states.option_hash ?? '' },
			},
		};
	},
};
