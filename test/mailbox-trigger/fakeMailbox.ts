/**
 * One Sendmux mailbox behind the contract-checked fake (SendmuxApi): the change feed
 * (`GET /mailbox/changes`, states `s<n>`, `has_more` paging, `sync_required` for forgotten
 * states, 400 for states it never gave), folders, the message list (`after`, `folder_id`,
 * sort by `received_at`), `:batch-get` and attachment downloads. Every request and reply is
 * validated against openapi-app.json like any other.
 */
import { errorEnvelope, okEnvelope, type RecordedRequest, type Reply, type SendmuxApi } from '../harness/sendmuxApi';
import { ANN, OWN, attachment, batchGetItem, folder, sparseSummary, type BodyMode } from '../mailbox-api/fixtures';

export const FOLDERS = {
	inbox: folder('fld_inbox', 'Inbox', { role: 'inbox', sort_order: 0 }),
	drafts: folder('fld_drafts', 'Drafts', { role: 'drafts', sort_order: 1, can_add_items: false }),
	sent: folder('fld_sent', 'Sent', { role: 'sent', sort_order: 2 }),
	archive: folder('fld_archive', 'Archive', { role: 'archive', sort_order: 3 }),
	junk: folder('fld_junk', 'Junk', { role: 'junk', sort_order: 4 }),
	trash: folder('fld_trash', 'Trash', { role: 'trash', sort_order: 5 }),
	clients: folder('fld_clients', 'Clients'),
};

export interface MessageSpec {
	folder?: keyof typeof FOLDERS;
	from?: { email: string; name: string | null };
	subject?: string;
	attachments?: Array<{ id: string; filename: string; contentType: string; bytes: Buffer }>;
	draft?: boolean;
	/** When it was received; by default one second after the previous message. */
	receivedAt?: string;
	/**
	 * Every nullable summary field null and every optional one absent (the attachment list
	 * too), as the spec allows: the node must cope.
	 */
	sparse?: boolean;
}

interface StoredMessage {
	id: string;
	seq: number;
	receivedAt: string;
	spec: MessageSpec;
}

type Route = 'changes' | 'folders' | 'list' | 'batch-get' | 'content' | 'attachment';

interface Fault {
	route: Route;
	remaining: number;
	reply: Reply;
}


export class FakeMailbox {
	readonly messages: StoredMessage[] = [];
	/** Change records: message created (`id`) or something else changed (`id` undefined). */
	private changes: Array<{ seq: number; id?: string }> = [];
	private seq = 100;
	private forgottenUpTo = 0;
	/** Mail arrives from now on (the trigger compares with n8n's clock), a second apart. */
	private clock = Math.floor(Date.now() / 1000) * 1000;
	private faults: Fault[] = [];
	/** A change reported twice (as Sendmux may after a replica failover): IDs to repeat. */
	private repeatInNextPage: string[] = [];
	/** The most change records one page holds, whatever `limit` asks (to exercise `has_more`). */
	changesPageCap = Number.POSITIVE_INFINITY;
	/** Whether the list's `after` excludes the instant itself (the spec does not say). */
	afterExcludes = false;

	constructor(private readonly api: SendmuxApi) {
		this.install();
	}

	get state(): string {
		return `s${this.seq}`;
	}

	/** A message arrives; returns its ID. */
	receive(id: string, spec: MessageSpec = {}): string {
		this.clock += 1000;
		const receivedAt = spec.receivedAt ?? new Date(this.clock).toISOString().replace('.000Z', 'Z');
		this.seq += 1;
		this.messages.push({ id, seq: this.seq, receivedAt, spec });
		this.changes.push({ seq: this.seq, id });
		return id;
	}

	/** Many messages at once: `prefix0`, `prefix1`… */
	receiveMany(prefix: string, count: number, spec: MessageSpec = {}): string[] {
		return Array.from({ length: count }, (_, i) => this.receive(`${prefix}${String(i).padStart(3, '0')}`, spec));
	}

	/** Something that is not a new message changes the state (a flag, a move). */
	touch(): void {
		this.seq += 1;
		this.changes.push({ seq: this.seq });
	}

	/** Sendmux forgets every change so far: older states answer `sync_required`. */
	forgetHistory(): void {
		this.forgottenUpTo = this.seq;
		this.changes = [];
	}

	/** The next change page also reports these IDs as created again. */
	repeatInNextChanges(...ids: string[]): void {
		this.repeatInNextPage.push(...ids);
	}

	/** The next `times` requests to `route` get `reply` instead. */
	fail(route: Route, times: number, reply: Reply): void {
		this.faults.push({ route, remaining: times, reply });
	}

	/** 503 service_unavailable, retryable, as Sendmux sends it. */
	static unavailable(): Reply {
		return [503, errorEnvelope('service_unavailable', 'Service temporarily unavailable', { retryable: true }), { 'Retry-After': '1' }];
	}

	requests(route: Route): RecordedRequest[] {
		const paths: Record<Route, (path: string) => boolean> = {
			changes: (p) => p === '/mailbox/changes',
			folders: (p) => p === '/mailbox/folders',
			list: (p) => p === '/mailbox/messages',
			'batch-get': (p) => p === '/mailbox/messages:batch-get',
			content: (p) => /^\/mailbox\/messages\/[^/]+\/content$/.test(p),
			attachment: (p) => /^\/mailbox\/messages\/[^/]+\/attachments\//.test(p),
		};
		return this.api.requests.filter((r) => paths[route](r.path));
	}

	private install(): void {
		const many = 10_000;
		this.api.app('GET', '/mailbox/changes').times(many).replyWith((r) => this.answer('changes', r, () => this.changesReply(r)));
		this.api.app('GET', '/mailbox/folders').times(many).replyWith((r) => this.answer('folders', r, () => [200, okEnvelope(Object.values(FOLDERS), { has_more: false })]));
		this.api.app('GET', '/mailbox/messages').times(many).replyWith((r) => this.answer('list', r, () => this.listReply(r)));
		this.api.app('POST', '/mailbox/messages:batch-get').times(many).replyWith((r) => this.answer('batch-get', r, () => this.batchGetReply(r)));
		this.api
			.app('GET', /^\/mailbox\/messages\/[^/]+\/content$/)
			.times(many)
			.replyWith((r) => this.answer('content', r, () => this.contentReply(r)));
		this.api
			.app('GET', /^\/mailbox\/messages\/[^/]+\/attachments\/[^/]+$/)
			.times(many)
			.replyWith((r) => this.answer('attachment', r, () => this.attachmentReply(r)));
	}

	private answer(route: Route, _request: RecordedRequest, normal: () => Reply): Reply {
		const fault = this.faults.find((f) => f.route === route && f.remaining > 0);
		if (fault) {
			fault.remaining -= 1;
			return fault.reply;
		}
		return normal();
	}

	private changesReply(request: RecordedRequest): Reply {
		const since = request.query.messages_since_state as string | undefined;
		const base = { updated: [] as string[], destroyed: [] as string[] };
		if (since === undefined) {
			return [200, okEnvelope({ old_state: null, new_state: this.state, has_more: false, created: [], ...base })];
		}
		const parsed = /^s(\d+)$/.exec(since);
		const sinceSeq = parsed ? Number(parsed[1]) : Number.NaN;
		if (!parsed || sinceSeq > this.seq) {
			return [400, errorEnvelope('invalid_parameter', `Invalid sync state "${since}"`, { param: 'messages_since_state' })];
		}
		if (sinceSeq < this.forgottenUpTo) {
			return [200, okEnvelope({ old_state: since, new_state: this.state, has_more: false, created: [], sync_required: true, ...base })];
		}
		const limit = Math.min(Number(request.query.limit ?? 50), this.changesPageCap);
		const pending = this.changes.filter((c) => c.seq > sinceSeq);
		const taken = pending.slice(0, limit);
		const hasMore = pending.length > taken.length;
		const created = taken.flatMap((c) => (c.id ? [c.id] : []));
		created.push(...this.repeatInNextPage.splice(0));
		const newState = hasMore ? `s${taken[taken.length - 1].seq}` : this.state;
		return [200, okEnvelope({ old_state: since, new_state: newState, has_more: hasMore, created, ...base })];
	}

	private listReply(request: RecordedRequest): Reply {
		const q = request.query as Record<string, string | undefined>;
		let list = [...this.messages];
		const after = Date.parse(q.after ?? '');
		if (q.after) list = list.filter((m) => (this.afterExcludes ? Date.parse(m.receivedAt) > after : Date.parse(m.receivedAt) >= after));
		if (q.folder_id) list = list.filter((m) => this.folderOf(m).id === q.folder_id);
		const direction = q.sort_direction ?? 'desc';
		list.sort((a, b) => (Date.parse(a.receivedAt) - Date.parse(b.receivedAt)) * (direction === 'asc' ? 1 : -1) || (a.seq - b.seq) * (direction === 'asc' ? 1 : -1));
		const offset = q.cursor ? Number(q.cursor.slice(1)) : 0;
		const limit = Number(q.limit ?? 50);
		const page = list.slice(offset, offset + limit);
		const hasMore = offset + limit < list.length;
		return [
			200,
			okEnvelope(
				page.map((m) => this.item(m, 'none').message),
				hasMore ? { has_more: true, next_cursor: `c${offset + limit}` } : { has_more: false },
			),
		];
	}

	private batchGetReply(request: RecordedRequest): Reply {
		const { ids, body_mode: bodyMode = 'none', part } = request.body as { ids: string[]; body_mode?: BodyMode; part?: 'text' | 'html' | 'both' };
		const found = ids.flatMap((id) => this.messages.filter((m) => m.id === id));
		const notFound = ids.filter((id) => !this.messages.some((m) => m.id === id));
		const rawPart = part === 'text' || part === 'html' ? part : 'both';
		return [200, okEnvelope({ messages: found.map((m) => this.item(m, bodyMode, rawPart)), not_found: notFound, states: { email_state: this.state } })];
	}

	/** GET …/content: the clean content (the node reads it for an attachment list). */
	private contentReply(request: RecordedRequest): Reply {
		const id = request.path.split('/')[3];
		const message = this.messages.find((m) => m.id === id);
		if (!message) return [404, errorEnvelope('not_found', 'Message not found')];
		return [200, okEnvelope(this.item(message, 'clean_json').content)];
	}

	private attachmentReply(request: RecordedRequest): Reply {
		const [, , , messageId, , attachmentId] = request.path.split('/');
		const file = this.messages.find((m) => m.id === messageId)?.spec.attachments?.find((a) => a.id === attachmentId);
		if (!file) return [404, errorEnvelope('not_found', 'Attachment not found')];
		return [200, file.bytes, { 'Content-Type': file.contentType }];
	}

	private folderOf(message: StoredMessage) {
		return FOLDERS[message.spec.folder ?? 'inbox'];
	}

	/**
	 * The message as `:batch-get` returns it for `bodyMode`: the summary, and only the body
	 * shape asked for (the other is null, as the spec allows and Sendmux answers).
	 */
	item(message: StoredMessage, bodyMode: BodyMode, rawPart: 'text' | 'html' | 'both' = 'both') {
		const { spec } = message;
		const attachments = (spec.attachments ?? []).map((a) => attachment(a.id, a.filename, a.contentType, a.bytes.length));
		const from = spec.from ?? ANN;
		const subject = spec.subject ?? `Subject of ${message.id}`;
		const summary = {
			from,
			to: [OWN],
			subject,
			received_at: message.receivedAt,
			sent_at: message.receivedAt,
			folder_ids: [this.folderOf(message).id],
			has_attachments: attachments.length > 0,
			attachments,
			flags: { seen: false, flagged: false, answered: false, draft: spec.draft === true },
		};
		const item = batchGetItem(
			message.id,
			{
				rawPart,
				summary,
				content: {
					subject,
					participants: { from },
					dates: { received_at: message.receivedAt, sent_at: message.receivedAt },
					attachments,
				},
			},
			bodyMode,
		);
		if (!spec.sparse) return item;
		const { received_at, folder_ids, has_attachments, flags } = summary;
		return { ...item, message: sparseSummary(message.id, { received_at, folder_ids, has_attachments, flags }) };
	}
}
