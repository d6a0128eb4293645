/**
 * One mailbox's contents for the Mailbox API: messages, folders, the sender identity, and
 * the change log that `/mailbox/changes` reads (JMAP-style states: `s<sequence>`).
 */
import type { SimClock } from '../clock';
import { Collection, type Stored } from '../collection';
import { SimError } from '../errors';
import { publicId } from '../ids';
import type { MailboxRecord } from '../state';

export interface MailAddress {
	email: string;
	name: string | null;
}

export interface MailAttachmentRecord {
	id: string;
	filename: string | null;
	contentType: string;
	disposition: string | null;
	contentId: string | null;
	bytes: Buffer;
}

export interface MailMessageRecord extends Stored {
	threadId: string;
	folderIds: string[];
	from: MailAddress;
	to: MailAddress[];
	cc: MailAddress[];
	bcc: MailAddress[];
	replyTo: MailAddress[];
	subject: string | null;
	text: string | null;
	html: string | null;
	receivedAt: number | null;
	sentAt: number | null;
	keywords: string[];
	attachments: MailAttachmentRecord[];
	rfcMessageId: string;
	inReplyTo: string | null;
	references: string[];
	extraHeaders: Array<{ name: string; value: string }>;
	sizeBytes: number;
}

export interface FolderRecord extends Stored {
	name: string;
	parentId: string | null;
	role: string | null;
	sortOrder: number | null;
}

export interface IdentityRecord {
	id: string;
	name: string;
	email: string;
	textSignature: string;
	htmlSignature: string;
}

/** One message the Mailbox API sent, as its submission (JMAP EmailSubmission). */
export interface SubmissionRecord extends Stored {
	identityId: string;
	emailId: string;
	threadId: string;
	mailFrom: string;
	rcptTo: string[];
}

/** An attachment uploaded to the mailbox, to be sent by `blob_id`. */
export interface BlobRecord {
	id: string;
	filename: string;
	contentType: string;
	bytes: Buffer;
}

/** The quota IDs every simulated mailbox has: its storage (octets) and message count. */
export const QUOTA_IDS = { storage: 'qta_storage', messages: 'qta_messages' } as const;

export type ChangeType = 'messages' | 'threads' | 'folders' | 'identities' | 'submissions' | 'quotas';
export const CHANGE_TYPES: ChangeType[] = ['messages', 'folders', 'threads', 'submissions', 'identities', 'quotas'];

interface Change {
	seq: number;
	type: ChangeType;
	id: string;
	kind: 'created' | 'updated' | 'destroyed';
}

export interface MailboxChanges {
	old_state: string | null;
	new_state: string;
	has_more: boolean;
	created: string[];
	updated: string[];
	destroyed: string[];
	sync_required: boolean;
}

const BUILT_IN_FOLDERS: Array<[name: string, role: string]> = [
	['Inbox', 'inbox'],
	['Drafts', 'drafts'],
	['Sent', 'sent'],
	['Archive', 'archive'],
	['Junk', 'junk'],
	['Trash', 'trash'],
];

export const SYSTEM_KEYWORDS = { seen: '$seen', flagged: '$flagged', answered: '$answered', draft: '$draft' } as const;

export class MailStore {
	readonly messages = new Collection<MailMessageRecord>();
	readonly folders = new Collection<FolderRecord>();
	readonly submissions = new Collection<SubmissionRecord>();
	readonly blobs = new Map<string, BlobRecord>();
	readonly identity: IdentityRecord;
	private changes: Change[] = [];
	private seq = 0;
	/** Changes up to this sequence were forgotten: older states must resync. */
	private forgottenUpTo = 0;
	/** Called after every recorded change (the live event streams listen). */
	readonly listeners = new Set<() => void>();

	constructor(
		readonly mailbox: MailboxRecord,
		clock: SimClock,
		private readonly retention: () => number,
	) {
		BUILT_IN_FOLDERS.forEach(([name, role], index) => {
			this.folders.insert({ id: publicId('fld'), createdAt: clock.tick(), name, parentId: null, role, sortOrder: index });
		});
		this.identity = {
			id: publicId('idn'),
			name: mailbox.displayName ?? mailbox.email.split('@')[0],
			email: mailbox.email,
			textSignature: '',
			htmlSignature: '',
		};
	}

	get state(): string {
		return `s${this.seq}`;
	}

	folderByRole(role: string): FolderRecord {
		const folder = this.folders.values().find((f) => f.role === role);
		if (!folder) throw new Error(`mailbox ${this.mailbox.id} has no ${role} folder`);
		return folder;
	}

	threadMessages(threadId: string): MailMessageRecord[] {
		return this.messages.values().filter((m) => m.threadId === threadId);
	}

	/** The thread an incoming or outgoing message joins, found by In-Reply-To / References. */
	threadFor(inReplyTo: string | null, references: string[]): string | undefined {
		const wanted = new Set([inReplyTo, ...references].filter((id): id is string => Boolean(id)));
		if (wanted.size === 0) return undefined;
		return this.messages.values().find((m) => wanted.has(m.rfcMessageId))?.threadId;
	}

	byRfcMessageId(rfcMessageId: string): MailMessageRecord | undefined {
		return this.messages.values().find((m) => m.rfcMessageId === rfcMessageId);
	}

	record(type: ChangeType, id: string, kind: Change['kind']): void {
		this.seq++;
		this.changes.push({ seq: this.seq, type, id, kind });
		const overflow = this.changes.length - this.retention();
		if (overflow > 0) {
			this.forgottenUpTo = this.changes[overflow - 1].seq;
			this.changes = this.changes.slice(overflow);
		}
		this.listeners.forEach((listener) => listener());
	}

	/** A message added: records it, its thread and its folders as changed. */
	addMessage(message: MailMessageRecord): void {
		const isNewThread = this.threadMessages(message.threadId).length === 0;
		this.messages.insert(message);
		this.record('messages', message.id, 'created');
		this.record('threads', message.threadId, isNewThread ? 'created' : 'updated');
		message.folderIds.forEach((id) => this.record('folders', id, 'updated'));
		this.recordQuotaUse();
	}

	/** Storage and message count changed: both quotas are updated. */
	recordQuotaUse(): void {
		this.record('quotas', QUOTA_IDS.storage, 'updated');
		this.record('quotas', QUOTA_IDS.messages, 'updated');
	}

	/**
	 * Messages created since `since`, each with the state right after its creation (the
	 * event stream's `id:`), oldest first; a message created and destroyed since is left out.
	 */
	messagesCreatedSince(since: string, param: string): { syncRequired: boolean; created: Array<{ id: string; state: string }> } {
		const sinceSeq = this.parseState(since, param);
		if (sinceSeq < this.forgottenUpTo) return { syncRequired: true, created: [] };
		const created = this.changes
			.filter((c) => c.seq > sinceSeq && c.type === 'messages' && c.kind === 'created' && this.messages.get(c.id))
			.map((c) => ({ id: c.id, state: `s${c.seq}` }));
		return { syncRequired: false, created };
	}

	private parseState(state: string, param: string): number {
		const parsed = /^s(\d+)$/.exec(state);
		const seq = parsed ? Number(parsed[1]) : Number.NaN;
		if (!parsed || seq > this.seq) {
			throw new SimError(400, 'invalid_parameter', `Invalid sync state "${state}": use a state this mailbox returned.`, { param });
		}
		return seq;
	}

	/** Changes of `type` since `since`, at most `limit` change records. */
	changesSince(type: ChangeType, since: string | undefined, limit: number, param: string): MailboxChanges {
		const current = this.state;
		if (since === undefined) {
			return { old_state: null, new_state: current, has_more: false, created: [], updated: [], destroyed: [], sync_required: false };
		}
		const sinceSeq = this.parseState(since, param);
		if (sinceSeq < this.forgottenUpTo) {
			return { old_state: since, new_state: current, has_more: false, created: [], updated: [], destroyed: [], sync_required: true };
		}
		const pending = this.changes.filter((c) => c.seq > sinceSeq && c.type === type);
		const taken = pending.slice(0, limit);
		const hasMore = pending.length > taken.length;
		const first = new Map<string, Change['kind']>();
		const last = new Map<string, Change['kind']>();
		for (const change of taken) {
			if (!first.has(change.id)) first.set(change.id, change.kind);
			last.set(change.id, change.kind);
		}
		const created: string[] = [];
		const updated: string[] = [];
		const destroyed: string[] = [];
		for (const [id, kind] of last) {
			const began = first.get(id);
			if (kind === 'destroyed') {
				if (began !== 'created') destroyed.push(id);
			} else if (began === 'created') created.push(id);
			else updated.push(id);
		}
		return {
			old_state: since,
			new_state: hasMore ? `s${taken[taken.length - 1].seq}` : current,
			has_more: hasMore,
			created,
			updated,
			destroyed,
			sync_required: false,
		};
	}
}
