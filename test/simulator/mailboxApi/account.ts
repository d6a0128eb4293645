/**
 * The mailbox's account view: session (capabilities, states, limits), quotas and usage,
 * submissions (one per Mailbox API send) and the quota/submission change feeds.
 */
import { pageOfList } from '../collection';
import type { HandlerMap, SimRequest } from '../context';
import { etagOf } from '../etag';
import { found, isoOrNull, pageSize, text } from '../resources/common';
import type { MailboxRecord } from '../state';
import { scopeOf } from './scope';
import { CHANGE_TYPES, QUOTA_IDS, type MailStore, type SubmissionRecord } from './store';

const DEFAULT_QUOTA_BYTES = 1_073_741_824;
const MESSAGE_COUNT_LIMIT = 100_000;

interface Quota {
	id: string;
	resource_type: 'octets' | 'count';
	used: number;
	hard_limit: number;
	warn_limit: number | null;
	soft_limit: number | null;
	scope: 'account';
	name: string;
	types: string[];
	description: string | null;
}

function quotasOf(mailbox: MailboxRecord, store: MailStore): Quota[] {
	const messages = store.messages.values();
	const storageLimit = mailbox.quotaBytes ?? DEFAULT_QUOTA_BYTES;
	return [
		{
			id: QUOTA_IDS.storage,
			resource_type: 'octets',
			used: messages.reduce((sum, m) => sum + m.sizeBytes, 0),
			hard_limit: storageLimit,
			warn_limit: Math.floor(storageLimit * 0.9),
			soft_limit: null,
			scope: 'account',
			name: 'Mailbox storage',
			types: ['Mail'],
			description: 'Bytes of stored mail in this mailbox.',
		},
		{
			id: QUOTA_IDS.messages,
			resource_type: 'count',
			used: messages.length,
			hard_limit: MESSAGE_COUNT_LIMIT,
			warn_limit: null,
			soft_limit: null,
			scope: 'account',
			name: 'Stored messages',
			types: ['Mail'],
			description: null,
		},
	];
}

function limitStatus(quota: Quota): 'ok' | 'warning' | 'soft_limit' | 'hard_limit' {
	if (quota.used >= quota.hard_limit) return 'hard_limit';
	if (quota.soft_limit !== null && quota.used >= quota.soft_limit) return 'soft_limit';
	if (quota.warn_limit !== null && quota.used >= quota.warn_limit) return 'warning';
	return 'ok';
}

function submissionRepresentation(submission: SubmissionRecord) {
	return {
		id: submission.id,
		identity_id: submission.identityId,
		email_id: submission.emailId,
		thread_id: submission.threadId,
		send_at: isoOrNull(submission.createdAt),
		undo_status: 'final',
		envelope: {
			mail_from: { email: submission.mailFrom, parameters: null },
			rcpt_to: submission.rcptTo.map((email) => ({ email, parameters: null })),
		},
		delivery_status: submission.rcptTo.map((email) => ({ email, smtp_reply: '250 2.0.0 OK', delivered: 'queued', displayed: 'unknown' })),
		dsn_blob_ids: [],
		mdn_blob_ids: [],
	};
}

const idList = (value: string | string[] | undefined): Set<string> | undefined => {
	const single = text(value);
	return single === undefined ? undefined : new Set(single.split(',').map((id) => id.trim()).filter(Boolean));
};

function submissionFilter(request: SimRequest): (submission: SubmissionRecord) => boolean {
	const identities = idList(request.query.identity_ids);
	const emails = idList(request.query.email_ids);
	const threads = idList(request.query.thread_ids);
	const undo = text(request.query.undo_status);
	const after = text(request.query.after);
	const before = text(request.query.before);
	return (s) =>
		(!identities || identities.has(s.identityId)) &&
		(!emails || emails.has(s.emailId)) &&
		(!threads || threads.has(s.threadId)) &&
		(undo === undefined || undo === 'final') &&
		(after === undefined || s.createdAt > Date.parse(after)) &&
		(before === undefined || s.createdAt < Date.parse(before));
}

const capability = (names: string[]) => Object.fromEntries(names.map((name) => [name, true]));

export const accountHandlers: HandlerMap = {
	mailboxGetSession(request, sim) {
		const { mailbox, store } = scopeOf(request, sim);
		const data = {
			mailbox: { id: mailbox.id, email: mailbox.email, display_name: mailbox.displayName },
			states: Object.fromEntries(CHANGE_TYPES.map((type) => [type, store.state])),
			capabilities: {
				messages: {
					...capability(['list', 'detail', 'raw_body', 'clean_content', 'batch_get', 'count', 'search_snippets', 'changes', 'query_changes', 'keywords', 'batch_update', 'delete', 'permanent_delete']),
					update_fields: ['seen', 'flagged', 'keywords'],
				},
				threads: capability(['list', 'detail', 'messages', 'clean_content', 'changes']),
				folders: capability(['list', 'detail', 'create', 'update', 'delete', 'changes', 'query_changes']),
				submissions: capability(['list', 'detail', 'changes', 'send']),
				identities: { list: true, changes: true, create: false, update: true, delete: false },
				quotas: { list: true, usage: true, changes: true, update: false },
				attachments: { upload: true, download: true, range_download: true, metadata: true, parsing: false, send_with_uploaded_blob: true },
				sync: { typed_changes: true, types: CHANGE_TYPES, query_changes: ['messages', 'folders'] },
			},
			limits: {
				list_limit_max: 100,
				changes_limit_max: 500,
				batch_ids_max: 100,
				message_body_chars_default: 20_000,
				thread_body_chars_default: 8_000,
				body_chars_max: 200_000,
				inline_attachment_bytes_max: sim.settings.maxAttachmentBytes,
				attachment_upload_bytes_max: sim.settings.maxAttachmentBytes,
				outbound_raw_message_bytes_max: 26_214_400,
				keywords_per_update_max: 50,
			},
			gated: capability([
				'identity_mutation', 'quota_mutation', 'vacation_response', 'filter_script_writes', 'events', 'raw_protocol',
				'attachment_parsing', 'message_copy', 'message_import', 'message_parse', 'blob_lookup', 'blob_copy',
			]),
			endpoints: {
				mailbox: ['/mailbox/me', '/mailbox/session'],
				messages: ['/mailbox/messages', '/mailbox/messages/send'],
				threads: ['/mailbox/threads'],
				folders: ['/mailbox/folders'],
				submissions: ['/mailbox/submissions'],
				usage: ['/mailbox/usage', '/mailbox/quotas'],
				sync: ['/mailbox/changes'],
			},
		};
		return { data, etag: etagOf(data) };
	},

	mailboxListQuotas(request, sim) {
		const { mailbox, store } = scopeOf(request, sim);
		const name = text(request.query.name)?.toLowerCase();
		const scope = text(request.query.scope);
		const resourceType = text(request.query.resource_type);
		const type = text(request.query.type);
		let quotas = quotasOf(mailbox, store).filter(
			(q) =>
				(name === undefined || q.name.toLowerCase().includes(name)) &&
				(scope === undefined || q.scope === scope) &&
				(resourceType === undefined || q.resource_type === resourceType) &&
				(type === undefined || q.types.includes(type)),
		);
		const sortBy = text(request.query.sort_by);
		if (sortBy !== undefined) {
			const direction = text(request.query.sort_direction) === 'desc' ? -1 : 1;
			quotas = [...quotas].sort((a, b) => direction * (sortBy === 'used' ? a.used - b.used : a.name.localeCompare(b.name)));
		}
		const page = pageOfList(quotas, text(request.query.cursor), pageSize(request));
		return { data: page.items, pagination: page.pagination };
	},

	mailboxListUsage(request, sim) {
		const { mailbox, store } = scopeOf(request, sim);
		const resources = quotasOf(mailbox, store).map((q) => ({
			quota_id: q.id,
			name: q.name,
			resource_type: q.resource_type,
			scope: q.scope,
			types: q.types,
			used: q.used,
			hard_limit: q.hard_limit,
			warn_limit: q.warn_limit,
			soft_limit: q.soft_limit,
			percent_used: q.hard_limit > 0 ? Math.round((q.used / q.hard_limit) * 10_000) / 100 : null,
			limit_status: limitStatus(q),
		}));
		const data = { resources, states: { quota_state: store.state } };
		return { data, etag: etagOf(data) };
	},

	mailboxGetQuotaChanges(request, sim) {
		const { store } = scopeOf(request, sim);
		return { data: store.changesSince('quotas', text(request.query.since_state), pageSize(request), 'since_state') };
	},

	mailboxListSubmissions(request, sim) {
		const { store } = scopeOf(request, sim);
		let submissions = store.submissions.newestFirst().filter(submissionFilter(request));
		const sortBy = text(request.query.sort_by);
		const direction = text(request.query.sort_direction) === 'asc' ? 1 : -1;
		if (sortBy !== undefined || direction === 1) {
			const key = (s: SubmissionRecord) => (sortBy === 'email_id' ? s.emailId : sortBy === 'thread_id' ? s.threadId : String(s.createdAt).padStart(16, '0'));
			submissions = [...submissions].sort((a, b) => direction * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
		}
		const page = pageOfList(submissions.map(submissionRepresentation), text(request.query.cursor), pageSize(request));
		return { data: page.items, pagination: page.pagination };
	},

	mailboxGetSubmission(request, sim) {
		const { store } = scopeOf(request, sim);
		const submission = found(store.submissions.get(request.pathParams.submission_id), 'Submission', 'submission_id');
		const data = submissionRepresentation(submission);
		return { data, etag: etagOf(data) };
	},

	mailboxGetSubmissionChanges(request, sim) {
		const { store } = scopeOf(request, sim);
		return { data: store.changesSince('submissions', text(request.query.since_state), pageSize(request), 'since_state') };
	},
};
