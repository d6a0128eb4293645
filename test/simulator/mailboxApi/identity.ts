/** `/mailbox/me`, the granted-mailbox list and the sender identity. */
import { pageOfList } from '../collection';
import type { HandlerMap } from '../context';
import { etagOf } from '../etag';
import { mailboxRepresentation } from '../resources/mailboxes';
import { bodyOf, pageSize, text } from '../resources/common';
import { scopeOf } from './scope';
import type { MailStore } from './store';

function identityRepresentation(store: MailStore) {
	const { identity } = store;
	return {
		id: identity.id,
		name: identity.name,
		email: identity.email,
		reply_to: [],
		bcc: [],
		text_signature: identity.textSignature,
		html_signature: identity.htmlSignature,
		may_delete: false,
	};
}

export const identityHandlers: HandlerMap = {
	mailboxGetMe(request, sim) {
		const { mailbox, store } = scopeOf(request, sim);
		const data = {
			...mailboxRepresentation(mailbox),
			quota_used_bytes: store.messages.values().reduce((sum, m) => sum + m.sizeBytes, 0),
		};
		return { data, etag: etagOf(data) };
	},

	mailboxListGrantedMailboxes(request, sim) {
		const { mailbox } = scopeOf(request, sim);
		const q = text(request.query.q)?.toLowerCase();
		const granted = [{ id: mailbox.id, email: mailbox.email }].filter((m) => q === undefined || m.email.includes(q));
		const page = pageOfList(granted, text(request.query.cursor), pageSize(request));
		return { data: page.items, pagination: page.pagination };
	},

	mailboxListIdentities(request, sim) {
		const { store } = scopeOf(request, sim);
		const page = pageOfList([identityRepresentation(store)], text(request.query.cursor), pageSize(request));
		return { data: page.items, pagination: page.pagination };
	},

	mailboxGetIdentity(request, sim) {
		return { data: identityRepresentation(scopeOf(request, sim).store) };
	},

	mailboxUpdateIdentity(request, sim) {
		const { mailbox, store } = scopeOf(request, sim);
		const body = bodyOf<{ name?: string | null; text_signature?: string | null; html_signature?: string | null }>(request);
		if (body.name !== undefined) store.identity.name = body.name ?? mailbox.email.split('@')[0];
		if (body.text_signature !== undefined) store.identity.textSignature = body.text_signature ?? '';
		if (body.html_signature !== undefined) store.identity.htmlSignature = body.html_signature ?? '';
		store.record('identities', store.identity.id, 'updated');
		return { data: identityRepresentation(store) };
	},
};
