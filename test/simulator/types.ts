/** Shapes from the specs that several simulator modules share. */
export const EVENT_TYPES = [
	'message.delivered',
	'message.bounced',
	'message.complained',
	'message.rejected',
	'message.delivery_delayed',
	'message.received',
	'message.received.spam',
	'sendmux.test',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface Address {
	email: string;
	name?: string | null;
}

/** `WebhookEventData`: every field present, null when it does not apply. */
export interface WebhookEventData {
	bounce_subtype: string | null;
	bounce_type: 'Permanent' | 'Transient' | 'Undetermined' | null;
	complaint_subtype: string | null;
	complaint_type: string | null;
	delay_expires_at: string | null;
	delay_type: string | null;
	is_spam: boolean | null;
	mailbox_id: string | null;
	message_id: string | null;
	message_id_kind: 'provider' | 'rfc5322' | null;
	recipients: string[];
	reject_reason: string | null;
	sender: string | null;
	sendmux_message_id: string | null;
	webhook_id: string | null;
}

export interface WebhookEventPayload {
	id: string;
	type: EventType;
	team_public_id: string;
	occurred_at: string;
	data: WebhookEventData;
}

export function emptyEventData(): WebhookEventData {
	return {
		bounce_subtype: null,
		bounce_type: null,
		complaint_subtype: null,
		complaint_type: null,
		delay_expires_at: null,
		delay_type: null,
		is_spam: null,
		mailbox_id: null,
		message_id: null,
		message_id_kind: null,
		recipients: [],
		reject_reason: null,
		sender: null,
		sendmux_message_id: null,
		webhook_id: null,
	};
}
