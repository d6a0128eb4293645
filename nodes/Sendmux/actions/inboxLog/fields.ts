/** What Simplify keeps of an inbox log: who wrote to which mailbox, about what, and when. */
export const SIMPLIFIED_INBOX_LOG_FIELDS = [
	'id',
	'event_type',
	'mailbox_id',
	'mailbox_email',
	'from_email',
	'to_emails',
	'subject',
	'message_id',
	'is_spam',
	'received_at',
] as const;
