/** What Simplify keeps of a delivery log: enough to see what was sent to whom and how it went. */
export const SIMPLIFIED_DELIVERY_LOG_FIELDS = [
	'id',
	'status',
	'status_reason',
	'from_email',
	'to_email',
	'subject',
	'message_id',
	'provider_name',
	'sent_at',
	'created_at',
] as const;
