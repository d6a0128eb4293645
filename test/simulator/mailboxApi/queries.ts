/**
 * Search snippets and query changes (JMAP `Email/queryChanges`, `Mailbox/queryChanges`).
 * A query state is the mailbox state (`s<n>`) at which the query was answered; the simulator
 * remembers the result each answer gave, per query, so a later `since_query_state` can be
 * diffed against it. A state it did not answer for that query → 400 (query again without it).
 */
import type { HandlerMap, SimRequest } from '../context';
import { SimError } from '../errors';
import { flag, pageSize, text } from '../resources/common';
import { scopeOf } from './scope';
import { messageFilter, messageSorter } from './search';
import type { MailStore } from './store';

const PREVIEW_CHARS = 160;
const answered = new WeakMap<MailStore, Map<string, string[]>>();

function resultsOf(store: MailStore): Map<string, string[]> {
	let results = answered.get(store);
	if (!results) answered.set(store, (results = new Map()));
	return results;
}

/** The query's identity: its operation and every filter and sort parameter, in a stable order. */
function queryKey(request: SimRequest): string {
	const ignored = new Set(['since_query_state', 'limit', 'up_to_id', 'calculate_total', 'mailbox_id']);
	const params = Object.entries(request.query)
		.filter(([name, value]) => !ignored.has(name) && value !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : 1));
	return `${request.operationId}?${JSON.stringify(params)}`;
}

function queryChanges(request: SimRequest, store: MailStore, current: string[]) {
	const limit = pageSize(request);
	const total = flag(request.query.calculate_total) ? current.length : null;
	const results = resultsOf(store);
	const key = queryKey(request);
	results.set(`${key}@${store.state}`, current);
	const since = text(request.query.since_query_state);
	if (since === undefined) {
		const added = current.slice(0, limit).map((id, index) => ({ id, index }));
		return { old_query_state: null, new_query_state: store.state, has_more: current.length > limit, removed: [], added, total };
	}
	const before = results.get(`${key}@${since}`);
	if (!before) {
		throw new SimError(400, 'invalid_parameter', `Cannot calculate changes since query state "${since}" for this query: query again without since_query_state.`, {
			param: 'since_query_state',
		});
	}
	const upTo = text(request.query.up_to_id);
	const cut = upTo !== undefined && current.includes(upTo) ? current.slice(0, current.indexOf(upTo) + 1) : current;
	const oldIndex = new Map(before.map((id, index) => [id, index]));
	const newIndex = new Map(current.map((id, index) => [id, index]));
	// An item that moved is removed and added again at its new index (JMAP's rule).
	const moved = (id: string) => oldIndex.has(id) && newIndex.has(id) && before.filter((x) => newIndex.has(x)).indexOf(id) !== current.filter((x) => oldIndex.has(x)).indexOf(id);
	const removed = before.filter((id) => !newIndex.has(id) || moved(id));
	const added = cut.map((id, index) => ({ id, index })).filter(({ id }) => !oldIndex.has(id) || moved(id));
	if (removed.length + added.length > limit) {
		throw new SimError(400, 'invalid_parameter', `More than ${limit} changes since "${since}": query again without since_query_state.`, { param: 'since_query_state' });
	}
	return { old_query_state: since, new_query_state: store.state, has_more: false, removed, added, total };
}

function preview(source: string | null, needle: string): string | null {
	if (source === null) return null;
	const plain = source.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	const at = plain.toLowerCase().indexOf(needle.toLowerCase());
	const start = Math.max(0, at - PREVIEW_CHARS / 4);
	return plain.slice(start, start + PREVIEW_CHARS);
}

export const queryHandlers: HandlerMap = {
	mailboxQueryMessageChanges(request, sim) {
		const { store } = scopeOf(request, sim);
		const sortBy = (text(request.query.sort_by) ?? 'received_at') as 'received_at';
		const direction = (text(request.query.sort_direction) ?? 'desc') as 'asc' | 'desc';
		const ids = store.messages.values().filter(messageFilter(request)).sort(messageSorter(sortBy, direction)).map((m) => m.id);
		return { data: queryChanges(request, store, ids) };
	},

	mailboxQueryFolderChanges(request, sim) {
		const { store } = scopeOf(request, sim);
		return { data: queryChanges(request, store, store.folders.newestFirst().map((f) => f.id)) };
	},

	mailboxSearchMessageSnippets(request, sim) {
		const { store } = scopeOf(request, sim);
		const q = text(request.query.q) ?? '';
		const wanted = text(request.query.message_ids)?.split(',').map((id) => id.trim()).filter(Boolean);
		const notFound = (wanted ?? []).filter((id) => !store.messages.get(id));
		const filter = messageFilter(request);
		const candidates = wanted ? wanted.flatMap((id) => store.messages.get(id) ?? []) : store.messages.newestFirst();
		const snippets = candidates
			.filter(filter)
			.slice(0, pageSize(request))
			.map((m) => ({
				message_id: m.id,
				subject: m.subject,
				preview: preview(m.text ?? m.html, q),
			}));
		return { data: { snippets, not_found: notFound, sync_state: store.state } };
	},
};
