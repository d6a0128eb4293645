/** Mailbox API objects as `openapi-app.json` defines them (the fields this node reads). */

export interface MailboxAddress {
	email: string;
	/** Required by the API and nullable: send `null` when there is no display name. */
	name: string | null;
}

export interface MailboxAttachment {
	id: string;
	filename: string | null;
	content_type: string;
	size_bytes: number | null;
	content_id: string | null;
	disposition: string | null;
	download_url?: string;
}

export interface MailboxMessageFlags {
	seen: boolean;
	flagged: boolean;
	answered: boolean;
	draft: boolean;
}

export interface MailboxMessageSummary {
	id: string;
	thread_id: string | null;
	from: MailboxAddress | null;
	to: MailboxAddress[];
	cc: MailboxAddress[];
	bcc: MailboxAddress[];
	subject: string | null;
	preview: string | null;
	received_at: string | null;
	sent_at: string | null;
	size_bytes: number | null;
	has_attachments: boolean;
	attachments?: MailboxAttachment[];
	flags: MailboxMessageFlags;
	keywords: string[];
	folder_ids: string[];
}

export interface MailboxMessage extends MailboxMessageSummary {
	text_body: string | null;
	html_body: string | null;
}

export interface MailboxMessageContent {
	id: string;
	thread_id: string | null;
	subject: string | null;
	participants: {
		from: MailboxAddress | null;
		to: MailboxAddress[];
		cc: MailboxAddress[];
		bcc: MailboxAddress[];
		reply_to: MailboxAddress[];
	};
	dates: { received_at: string | null; sent_at: string | null };
	body: {
		format: 'text' | 'html' | null;
		text: string | null;
		html: string | null;
		extracted_links: string[];
		is_truncated: boolean;
		truncated_at_chars: number | null;
		quotes_stripped: boolean;
		signature_stripped: boolean;
	};
	headers: {
		mode: 'none' | 'selected' | 'full';
		selected: {
			message_id: string[];
			in_reply_to: string | null;
			references: string[];
			reply_to: MailboxAddress[];
		};
		full: Array<{ name: string; value: string }>;
	};
	attachments: MailboxAttachment[];
	states: { email_state: string | null; option_hash: string };
}

export interface MailboxRawBody {
	id: string;
	thread_id: string | null;
	part: 'text' | 'html' | 'both';
	body: { text: string | null; html: string | null; is_truncated: boolean; truncated_at_chars: number | null };
	states: { email_state: string | null };
}

/** Both body shapes are nullable: Sendmux fills the one `body_mode` asks for. */
export interface MailboxBatchGetItem {
	message: MailboxMessageSummary;
	content: MailboxMessageContent | null;
	raw_body: MailboxRawBody | null;
}

export interface MailboxBatchFailure {
	id: string;
	code: string;
	message: string;
}

export interface MailboxIdentity {
	id: string;
	email: string;
	name: string;
	reply_to: MailboxAddress[];
	bcc: MailboxAddress[];
	text_signature: string;
	html_signature: string;
	may_delete: boolean;
}

export interface MailboxFolder {
	id: string;
	name: string;
	parent_id: string | null;
	role: string | null;
	sort_order: number | null;
	total_messages: number;
	unread_messages: number;
	can_add_items: boolean;
}

/** One attachment of an outgoing message: inline base64 or an uploaded blob. */
export type OutgoingAttachment =
	| { filename: string; content_type: string; content: string }
	| { filename: string; content_type: string; blob_id: string };

export interface SendMailboxMessageBody {
	to: MailboxAddress[];
	subject: string;
	cc?: MailboxAddress[];
	bcc?: MailboxAddress[];
	reply_to?: MailboxAddress[];
	from?: MailboxAddress;
	text_body?: string;
	html_body?: string;
	custom_headers?: Record<string, string>;
	attachments?: OutgoingAttachment[];
}
