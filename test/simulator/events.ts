/** Events as Sendmux publishes them, fanned out to the subscriptions that want them. */
import type { SimClock } from './clock';
import { publicId } from './ids';
import type { SimState, WebhookRecord } from './state';
import { emptyEventData, type EventType, type WebhookEventData, type WebhookEventPayload } from './types';
import type { WebhookDispatcher } from './webhookDelivery';

export class EventBus {
	/** Every event published, oldest first, whether or not anyone subscribed. */
	readonly published: WebhookEventPayload[] = [];

	constructor(
		private readonly state: SimState,
		private readonly clock: SimClock,
		private readonly dispatcher: WebhookDispatcher,
	) {}

	/** Publishes an event to every enabled subscription whose types and mailbox filter match. */
	publish(type: EventType, data: Partial<WebhookEventData>): WebhookEventPayload {
		const payload = this.payload(type, data);
		for (const webhook of this.state.webhooks.values()) {
			if (wants(webhook, payload)) this.dispatcher.deliver(webhook, payload);
		}
		return payload;
	}

	/** `sendmux.test` to one subscription; mailbox filters do not apply to it. */
	publishTest(webhook: WebhookRecord): WebhookEventPayload {
		const payload = this.payload('sendmux.test', { webhook_id: webhook.id });
		this.dispatcher.deliver(webhook, payload);
		return payload;
	}

	private payload(type: EventType, data: Partial<WebhookEventData>): WebhookEventPayload {
		const payload: WebhookEventPayload = {
			id: publicId('evt'),
			type,
			team_public_id: this.state.teamId,
			occurred_at: this.clock.iso(),
			data: { ...emptyEventData(), ...data },
		};
		this.published.push(payload);
		return payload;
	}
}

function wants(webhook: WebhookRecord, payload: WebhookEventPayload): boolean {
	if (!webhook.enabled || webhook.failing || !webhook.eventTypes.includes(payload.type)) return false;
	if (webhook.mailboxIds.length === 0) return true;
	return payload.data.mailbox_id !== null && webhook.mailboxIds.includes(payload.data.mailbox_id);
}
