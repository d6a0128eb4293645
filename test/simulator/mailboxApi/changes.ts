/**
 * `/mailbox/changes`: what changed since a state. Without `types`, the legacy message shape
 * (`messages_since_state` or `since_state`); with `types`, one entry per listed type. A state
 * older than the retained history answers `sync_required: true` (refetch, then resume).
 */
import type { HandlerMap } from '../context';
import { SimError } from '../errors';
import { pageSize, text } from '../resources/common';
import { scopeOf } from './scope';
import { CHANGE_TYPES, type ChangeType, type MailboxChanges } from './store';

export const changeHandlers: HandlerMap = {
	mailboxGetChanges(request, sim) {
		const { store } = scopeOf(request, sim);
		const limit = pageSize(request);
		const since = (type: ChangeType) => text(request.query[`${type}_since_state`]) ?? text(request.query.since_state);
		const typesParam = text(request.query.types);
		if (typesParam === undefined) {
			const param = request.query.messages_since_state !== undefined ? 'messages_since_state' : 'since_state';
			return { data: store.changesSince('messages', since('messages'), limit, param) };
		}
		const types = typesParam.split(',').map((t) => t.trim()).filter(Boolean);
		const unknown = types.filter((t) => !CHANGE_TYPES.includes(t as ChangeType));
		if (types.length === 0 || unknown.length > 0) {
			throw new SimError(400, 'invalid_parameter', `types must list some of ${CHANGE_TYPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}.`, { param: 'types' });
		}
		const result: Partial<Record<ChangeType, MailboxChanges>> = {};
		for (const type of types as ChangeType[]) {
			result[type] = store.changesSince(type, since(type), limit, `${type}_since_state`);
		}
		return { data: { types: result } };
	},

	mailboxGetFolderChanges(request, sim) {
		const { store } = scopeOf(request, sim);
		return { data: store.changesSince('folders', text(request.query.since_state), pageSize(request), 'since_state') };
	},
};
