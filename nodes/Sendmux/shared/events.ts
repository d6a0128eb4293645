import type { INodePropertyOptions } from 'n8n-workflow';

/** The event types a Sendmux webhook subscription can receive, as the Management API names them. */
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

export type SendmuxEventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is SendmuxEventType {
	return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** The Events picker: what each event means, so users (and AI builders) pick the right ones. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Message Bounced',
		value: 'message.bounced',
		// The nodes panel lists it as this action (n8n would make one from the name).
		action: 'On message bounced',
		description:
			"A sent message was refused by the recipient's server (bounce_type Permanent, Transient or Undetermined)",
	},
	{
		name: 'Message Complained',
		value: 'message.complained',
		action: 'On spam complaint',
		description: 'A recipient marked a sent message as spam',
	},
	{
		name: 'Message Delivered',
		value: 'message.delivered',
		action: 'On message delivered',
		description: "A sent message was accepted by the recipient's mail server",
	},
	{
		name: 'Message Delivery Delayed',
		value: 'message.delivery_delayed',
		action: 'On delivery delayed',
		description: 'Delivery of a sent message is being retried; delay_expires_at says until when',
	},
	{
		name: 'Message Received',
		value: 'message.received',
		action: 'On message received',
		description: 'A mailbox received an email (not classified as spam)',
	},
	{
		name: 'Message Received (Spam)',
		value: 'message.received.spam',
		action: 'On spam message received',
		description: 'A mailbox received an email that was classified as spam',
	},
	{
		name: 'Message Rejected',
		value: 'message.rejected',
		action: 'On message rejected',
		description: 'Sendmux refused to send a message (reject_reason says why)',
	},
	{
		name: 'Sendmux Test Event',
		value: 'sendmux.test',
		action: 'On Sendmux test event',
		description:
			'A synthetic event sent by the Sendmux app or Webhook → Send Test Event, to check delivery end to end',
	},
];

/**
 * The Sendmux Trigger's canvas subtitle: the event's name ("Message Bounced") when one is
 * picked, otherwise how many ("3 Events"), never the raw API names cut off.
 */
export function eventsSubtitleExpression(): string {
	const names = Object.fromEntries(EVENT_OPTIONS.map((option) => [String(option.value), option.name]));
	const events = '($parameter["events"] || [])';
	return `={{ ${events}.length === 1 ? (${JSON.stringify(names)}[${events}[0]] || ${events}[0]) : ${events}.length + " Events" }}`;
}
