/** `:batch-get`, `:batch-update`, `:batch-delete`: up to 100 messages, state-checked. */
import type { HandlerMap } from '../context';
import { conflict } from '../errors';
import { bodyOf } from '../resources/common';
import { messageContent, messageSummary, rawBody, type ContentOptions } from './representation';
import { applyFlags, deleteMessage, recordUpdate, scopeOf } from './scope';
import type { MailStore } from './store';

interface BatchGetBody extends ContentOptions {
	ids: string[];
	body_mode?: 'none' | 'raw' | 'clean_json';
}

/** `if_in_state` that is not the mailbox's current state: 409, nothing applied. */
function requireState(store: MailStore, ifInState: string | undefined): void {
	if (ifInState !== undefined && ifInState !== store.state) {
		throw conflict(`The mailbox changed: its state is ${store.state}, not ${ifInState}. Sync changes and retry.`);
	}
}

export const batchHandlers: HandlerMap = {
	mailboxBatchGetMessages(request, sim) {
		const { store } = scopeOf(request, sim);
		const body = bodyOf<BatchGetBody>(request);
		const mode = body.body_mode ?? 'none';
		const found = body.ids.map((id) => store.messages.get(id));
		const rawPart = body.part === 'text' || body.part === 'html' ? body.part : 'both';
		return {
			data: {
				messages: found.flatMap((message) =>
					message
						? [
								{
									message: messageSummary(message, sim.baseUrls.app, sim.settings.sparseMessageSummaries),
									raw_body: mode === 'raw' ? rawBody(message, store, rawPart, body.max_body_chars) : null,
									content: mode === 'clean_json' ? messageContent(message, store, sim.baseUrls.app, body) : null,
								},
							]
						: [],
				),
				not_found: body.ids.filter((_, index) => !found[index]),
				states: { email_state: store.state },
			},
		};
	},

	mailboxBatchUpdateMessages(request, sim) {
		const { store } = scopeOf(request, sim);
		const body = bodyOf<{ ids: string[]; if_in_state?: string; seen?: boolean; flagged?: boolean; keywords?: Record<string, boolean> }>(request);
		requireState(store, body.if_in_state);
		const oldState = store.state;
		const updated: string[] = [];
		const notFound: string[] = [];
		for (const id of body.ids) {
			const message = store.messages.get(id);
			if (!message) {
				notFound.push(id);
				continue;
			}
			if (applyFlags(message, body)) recordUpdate(store, message);
			updated.push(id);
		}
		return { data: { updated, not_found: notFound, failed: [], states: { old_state: oldState, new_state: store.state } } };
	},

	mailboxBatchDeleteMessages(request, sim) {
		const { store } = scopeOf(request, sim);
		const body = bodyOf<{ ids: string[]; if_in_state?: string; permanent?: boolean }>(request);
		requireState(store, body.if_in_state);
		const oldState = store.state;
		const deleted: string[] = [];
		const notFound: string[] = [];
		for (const id of body.ids) {
			const message = store.messages.get(id);
			if (!message) {
				notFound.push(id);
				continue;
			}
			deleteMessage(store, message, body.permanent === true);
			deleted.push(id);
		}
		return { data: { deleted, not_found: notFound, failed: [], states: { old_state: oldState, new_state: store.state } } };
	},
};
