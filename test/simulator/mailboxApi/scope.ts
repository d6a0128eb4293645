/** The mailbox a Mailbox API request works on: the one its key belongs to (checked by the pipeline). */
import type { Sim, SimRequest } from '../context';
import { SimError } from '../errors';
import type { MailboxRecord } from '../state';
import { SYSTEM_KEYWORDS, type MailMessageRecord, type MailStore } from './store';

export function scopeOf(request: SimRequest, sim: Sim): { mailbox: MailboxRecord; store: MailStore } {
	const mailbox = sim.state.mailboxes.get(request.key?.mailboxId ?? '');
	if (!mailbox) throw new SimError(404, 'not_found', 'The mailbox of this key no longer exists.');
	return { mailbox, store: sim.mail.storeOf(mailbox) };
}

export function messageOf(store: MailStore, id: string): MailMessageRecord {
	const message = store.messages.get(id);
	if (!message) throw new SimError(404, 'not_found', 'Message not found', { param: 'message_id' });
	return message;
}

/** Applies flag and keyword edits; true when anything changed. */
export function applyFlags(message: MailMessageRecord, edit: { seen?: boolean; flagged?: boolean; keywords?: Record<string, boolean> }): boolean {
	const wanted = new Map<string, boolean>(Object.entries(edit.keywords ?? {}));
	if (edit.seen !== undefined) wanted.set(SYSTEM_KEYWORDS.seen, edit.seen);
	if (edit.flagged !== undefined) wanted.set(SYSTEM_KEYWORDS.flagged, edit.flagged);
	const keywords = new Set(message.keywords);
	for (const [keyword, on] of wanted) {
		if (on) keywords.add(keyword);
		else keywords.delete(keyword);
	}
	const next = [...keywords].sort();
	const changed = next.join('\u0000') !== [...message.keywords].sort().join('\u0000');
	message.keywords = next;
	return changed;
}

/** Moves to Trash, or destroys (permanent, or already in Trash). Records the changes. */
export function deleteMessage(store: MailStore, message: MailMessageRecord, permanent: boolean): void {
	const trash = store.folderByRole('trash');
	const touched = [...message.folderIds];
	if (permanent || message.folderIds.includes(trash.id)) {
		store.messages.remove(message.id);
		store.record('messages', message.id, 'destroyed');
		const remaining = store.threadMessages(message.threadId).length;
		store.record('threads', message.threadId, remaining === 0 ? 'destroyed' : 'updated');
		store.recordQuotaUse();
	} else {
		message.folderIds = [trash.id];
		touched.push(trash.id);
		store.record('messages', message.id, 'updated');
		store.record('threads', message.threadId, 'updated');
	}
	[...new Set(touched)].forEach((id) => store.record('folders', id, 'updated'));
}

export function recordUpdate(store: MailStore, message: MailMessageRecord): void {
	store.record('messages', message.id, 'updated');
	store.record('threads', message.threadId, 'updated');
	message.folderIds.forEach((id) => store.record('folders', id, 'updated'));
}
