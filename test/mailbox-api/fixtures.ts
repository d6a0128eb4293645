/**
 * Mailbox API objects built to the schemas of openapi-app.json (every reply is validated
 * against them by the fake, so a fixture that drifts from the spec fails the test).
 */
type Address = { email: string; name: string | null };

export const OWN: Address = { email: 'agent@acme.test', name: 'Acme Agent' };
export const ANN: Address = { email: 'ann@customer.test', name: 'Ann Lee' };
export const BOB: Address = { email: 'bob@customer.test', name: null };

export function attachment(id: string, filename: string | null, contentType: string, size: number) {
	return {
		id,
		filename,
		content_type: contentType,
		size_bytes: size,
		content_id: null,
		disposition: 'attachment',
		download_url: `https://app.sendmux.test/api/v1/mailbox/messages/x/attachment-downloads/${id}?download_token=secret-token`,
	};
}

export function summary(id: string, overrides: Record<string, unknown> = {}) {
	return {
		id,
		thread_id: `thr_${id}`,
		from: ANN,
		to: [OWN],
		cc: [],
		bcc: [],
		subject: `Subject of ${id}`,
		preview: `Preview of ${id}`,
		received_at: '2026-11-20T09:30:00Z',
		sent_at: '2026-11-20T09:29:58Z',
		size_bytes: 2048,
		has_attachments: false,
		attachments: [],
		flags: { seen: false, flagged: false, answered: false, draft: false },
		keywords: [],
		folder_ids: ['fld_inbox'],
		...overrides,
	};
}

export function fullMessage(id: string, overrides: Record<string, unknown> = {}) {
	return { ...summary(id), text_body: `Text of ${id}`, html_body: `<p>Text of ${id}</p>`, ...overrides };
}

export function content(id: string, overrides: Record<string, unknown> = {}) {
	const base = {
		id,
		thread_id: `thr_${id}`,
		subject: `Subject of ${id}`,
		participants: { from: ANN, to: [OWN], cc: [], bcc: [], reply_to: [] as Address[] },
		dates: { received_at: '2026-11-20T09:30:00Z', sent_at: '2026-11-20T09:29:58Z' },
		body: {
			format: 'text',
			text: `Clean text of ${id}`,
			html: null as string | null,
			extracted_links: [] as string[],
			is_truncated: false,
			truncated_at_chars: null,
			quotes_stripped: true,
			signature_stripped: true,
		},
		headers: {
			mode: 'none',
			selected: { message_id: [] as string[], in_reply_to: null, references: [] as string[], reply_to: [] as Address[] },
			full: [] as Array<{ name: string; value: string }>,
		},
		attachments: [] as ReturnType<typeof attachment>[],
		states: { email_state: 'st_1', option_hash: 'oh_1' },
	};
	return deepMerge(base, overrides);
}

export function rawBodyOf(id: string, part: 'text' | 'html' | 'both' = 'both') {
	return {
		id,
		thread_id: `thr_${id}`,
		part,
		body: {
			text: part === 'html' ? null : `Raw text of ${id}`,
			html: part === 'text' ? null : `<p>Raw html of ${id}</p>`,
			is_truncated: false,
			truncated_at_chars: null,
		},
		states: { email_state: 'st_1' },
	};
}

export type BodyMode = 'none' | 'raw' | 'clean_json';

/**
 * One `:batch-get` result as Sendmux answers it for `bodyMode`: only the asked-for body shape is
 * filled, the other is `null` (both are nullable in the spec), like the simulator does.
 */
export function batchGetItem(
	id: string,
	overrides: { content?: Record<string, unknown>; summary?: Record<string, unknown>; rawPart?: 'text' | 'html' | 'both' } = {},
	bodyMode: BodyMode = 'clean_json',
) {
	return {
		message: summary(id, overrides.summary),
		content: bodyMode === 'clean_json' ? content(id, overrides.content) : null,
		raw_body: bodyMode === 'raw' ? rawBodyOf(id, overrides.rawPart ?? 'text') : null,
	};
}

/**
 * A summary with every nullable field null and every optional field absent, as the spec allows
 * (`from` stays: its schema is an allOf with a non-null MailboxAddress, so null never validates).
 */
export function sparseSummary(id: string, overrides: Record<string, unknown> = {}) {
	const sparse: Record<string, unknown> = summary(id, {
		thread_id: null,
		subject: null,
		preview: null,
		sent_at: null,
		size_bytes: null,
		...overrides,
	});
	delete sparse.attachments;
	return sparse;
}

export function identity(id: string, email: string, name: string) {
	return { id, email, name, reply_to: [], bcc: [], text_signature: '', html_signature: '', may_delete: false };
}

export function folder(id: string, name: string, overrides: Record<string, unknown> = {}) {
	return {
		id,
		name,
		parent_id: null,
		role: null,
		sort_order: 10,
		total_messages: 0,
		unread_messages: 0,
		can_add_items: true,
		...overrides,
	};
}

export function threadSummary(id: string, overrides: Record<string, unknown> = {}) {
	return {
		id,
		subject: `Thread ${id}`,
		participants: [ANN, OWN],
		message_count: 2,
		unread_count: 1,
		has_attachments: false,
		folder_ids: ['fld_inbox'],
		last_message: summary(`msg_last_${id}`, { thread_id: id }),
		states: { email_state: 'st_1', thread_state: 'ts_1' },
		...overrides,
	};
}

export function submission(id: string) {
	return {
		id,
		identity_id: 'idn_1',
		email_id: 'msg_sent1',
		thread_id: 'thr_sent1',
		send_at: '2026-11-20T10:00:00Z',
		undo_status: 'final',
		envelope: {
			mail_from: { email: OWN.email, parameters: null },
			rcpt_to: [{ email: ANN.email, parameters: null }],
		},
		delivery_status: [{ email: ANN.email, delivered: 'yes', displayed: 'unknown', smtp_reply: '250 2.0.0 OK' }],
		dsn_blob_ids: [],
		mdn_blob_ids: [],
	};
}

function deepMerge<T>(base: T, overrides: Record<string, unknown>): T {
	const out = { ...(base as Record<string, unknown>) };
	for (const [key, value] of Object.entries(overrides)) {
		const current = out[key];
		out[key] =
			value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)
				? deepMerge(current, value as Record<string, unknown>)
				: value;
	}
	return out as T;
}

/** Pagination as Sendmux answers a page of a list. */
export function page(hasMore: boolean, nextCursor?: string) {
	return hasMore ? { has_more: true, next_cursor: nextCursor } : { has_more: false };
}

/** A binary request body as nock hands it over (hex text when not valid UTF-8). */
export function bytesOf(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	const text = String(body);
	return /^[0-9a-f]*$/.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8');
}
