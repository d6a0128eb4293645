/**
 * Mail moving through the simulated Sendmux: outbound messages are accepted (charged,
 * logged, counted), then resolve after `outcomeDelayMs` into a delivery outcome and its
 * webhook event; mail to a simulated mailbox lands in it; inbound mail can be injected.
 *
 * Outcomes follow the first recipient whose local part is special (`bounce@`, `complaint@`,
 * `reject@`, `delay@`, also with `+tag`); anything else is delivered.
 */
import type { SimClock } from './clock';
import { SimError } from './errors';
import type { EventBus } from './events';
import { publicId, rfcMessageId } from './ids';
import { headerValue, inboundRecord, sentRecord, type InboundMessage, type OutboundMessage } from './mailboxApi/filing';
import { MailStore, SYSTEM_KEYWORDS, type MailMessageRecord } from './mailboxApi/store';
import type { SimulatorSettings } from './options';
import { usd } from './money';
import type { Scheduler } from './scheduler.mjs';
import type { AcceptedMessage, DeliveryLogRecord, MailboxRecord, SimState } from './state';
import type { Address } from './types';

export type { InboundMessage, OutboundMessage };

export interface Acceptance {
	via: AcceptedMessage['via'];
	keyId: string;
	mailboxId: string | null;
	requestId: string;
	idempotencyKey?: string;
}

type Outcome = 'delivered' | 'bounced' | 'complained' | 'rejected' | 'delayed';

const SPECIAL_LOCAL_PARTS: Record<string, Outcome> = {
	bounce: 'bounced',
	complaint: 'complained',
	reject: 'rejected',
	delay: 'delayed',
};

export function outcomeFor(recipients: Address[]): Outcome {
	for (const { email } of recipients) {
		const local = email.split('@')[0].toLowerCase().split('+')[0];
		if (SPECIAL_LOCAL_PARTS[local]) return SPECIAL_LOCAL_PARTS[local];
	}
	return 'delivered';
}

export class MailFlow {
	constructor(
		private readonly state: SimState,
		private readonly clock: SimClock,
		private readonly settings: SimulatorSettings,
		private readonly events: EventBus,
		private readonly scheduler: Scheduler,
	) {}

	/** The mailbox's store, created on first use. */
	storeOf(mailbox: MailboxRecord): MailStore {
		let store = this.state.mailStores.get(mailbox.id);
		if (!store) {
			store = new MailStore(mailbox, this.clock, () => this.settings.changeRetention);
			this.state.mailStores.set(mailbox.id, store);
		}
		return store;
	}

	/** 402 unless the balance covers `count` messages. */
	requireCredits(count: number): void {
		const cost = count * this.settings.pricePerMessageMicros;
		if (cost > this.state.balanceMicros) {
			throw new SimError(402, 'insufficient_credits', `Insufficient credits: sending ${count} message(s) costs ${usd(cost)} USD and the balance is ${usd(this.state.balanceMicros)} USD. Top up in Billing.`);
		}
	}

	/** Accepts one outbound message: charge, delivery log, count; the outcome follows later. */
	acceptOutbound(message: OutboundMessage, acceptance: Acceptance): { messageId: string; rfcMessageId: string } {
		const messageId = publicId('eml');
		const acceptedAt = this.clock.tick();
		const rfcId = rfcMessageId(message.from.email.split('@')[1] ?? 'sendmux.simulator');
		this.charge(this.settings.pricePerMessageMicros, 'Email sent', 1);
		const recipients = [
			...message.to.map((a) => ({ email: a.email, type: 'to' as const })),
			...(message.cc ?? []).map((a) => ({ email: a.email, type: 'cc' as const })),
			...(message.bcc ?? []).map((a) => ({ email: a.email, type: 'bcc' as const })),
		];
		const log: DeliveryLogRecord = {
			id: publicId('dlog'),
			createdAt: acceptedAt,
			messageId: rfcId,
			fromEmail: message.from.email,
			toEmail: message.to[0]?.email ?? null,
			subject: message.subject,
			status: 'pending',
			statusReason: null,
			sentAt: null,
			sizeBytes: sizeOf(message),
			attempts: 0,
			providerId: null,
			providerName: null,
			recipients: recipients.map((r) => ({ ...r, status: 'accepted', reason: null })),
		};
		this.state.deliveryLogs.insert(log);
		this.state.accepted.push({
			messageId,
			via: acceptance.via,
			idempotencyKey: acceptance.idempotencyKey,
			requestId: acceptance.requestId,
			keyId: acceptance.keyId,
			mailboxId: acceptance.mailboxId,
			from: message.from,
			to: message.to,
			cc: message.cc ?? [],
			bcc: message.bcc ?? [],
			subject: message.subject,
			acceptedAt,
		});
		this.scheduler.later(this.settings.outcomeDelayMs, () =>
			this.resolveOutcome(message, log, messageId, rfcId, acceptance.mailboxId),
		);
		return { messageId, rfcMessageId: rfcId };
	}

	/** Puts mail into a simulated mailbox, threads it, bills it and announces it. */
	injectInbound(input: InboundMessage): MailMessageRecord {
		const mailbox = this.state.mailboxes.get(input.mailbox) ?? this.state.mailboxByEmail(input.mailbox);
		if (!mailbox || mailbox.status === 'deleted') throw new Error(`No simulated mailbox "${input.mailbox}"`);
		const store = this.storeOf(mailbox);
		const message = inboundRecord(store, mailbox, input, this.clock.tick());
		store.addMessage(message);
		const eventType = input.spam ? 'message.received.spam' : 'message.received';
		this.charge(this.settings.pricePerInboundMicros, 'Email received', 1);
		this.state.inboxLogs.insert({
			id: publicId('ilog'),
			createdAt: message.createdAt,
			mailboxId: mailbox.id,
			mailboxEmail: mailbox.email,
			eventType,
			from: message.from.email,
			to: message.to.map((a) => a.email),
			subject: message.subject,
			messageId: message.rfcMessageId,
			sizeBytes: message.sizeBytes,
			amountMicros: this.settings.pricePerInboundMicros,
		});
		this.events.publish(eventType, {
			mailbox_id: mailbox.id,
			message_id: message.rfcMessageId,
			message_id_kind: 'rfc5322',
			recipients: [mailbox.email],
			sender: message.from.email,
			is_spam: Boolean(input.spam),
		});
		return message;
	}

	/** Files a message the mailbox itself sent (Mailbox API send) into Sent, threaded. */
	storeSent(mailbox: MailboxRecord, message: OutboundMessage, rfcId: string): MailMessageRecord {
		const store = this.storeOf(mailbox);
		const { record, parent } = sentRecord(store, message, rfcId, this.clock.tick());
		store.addMessage(record);
		if (parent && !parent.keywords.includes(SYSTEM_KEYWORDS.answered)) {
			parent.keywords = [...parent.keywords, SYSTEM_KEYWORDS.answered];
			store.record('messages', parent.id, 'updated');
		}
		return record;
	}

	private charge(amountMicros: number, description: string, quantity: number): void {
		const before = this.state.balanceMicros;
		this.state.consumedMicros += amountMicros;
		this.state.transactions.insert({
			id: publicId('tx'),
			createdAt: this.clock.tick(),
			type: 'USAGE',
			amountMicros: -amountMicros,
			balanceBeforeMicros: before,
			balanceAfterMicros: this.state.balanceMicros,
			description,
			quantity,
		});
	}

	private resolveOutcome(message: OutboundMessage, log: DeliveryLogRecord, messageId: string, rfcId: string, mailboxId: string | null): void {
		const recipients = [...message.to, ...(message.cc ?? []), ...(message.bcc ?? [])];
		const outcome = outcomeFor(recipients);
		const now = this.clock.tick();
		log.attempts = 1;
		const common = {
			mailbox_id: mailboxId,
			message_id: rfcId,
			message_id_kind: 'provider' as const,
			recipients: recipients.map((r) => r.email),
			sender: message.from.email,
			sendmux_message_id: messageId,
		};
		if (outcome === 'rejected') {
			log.status = 'rejected';
			log.statusReason = 'Rejected by the receiving server';
			log.recipients = log.recipients.map((r) => ({ ...r, status: 'rejected', reason: 'Rejected' }));
			this.events.publish('message.rejected', { ...common, reject_reason: 'Rejected by the receiving server' });
			return;
		}
		if (outcome === 'delayed') {
			log.statusReason = 'Delivery delayed: the receiving server asked to try later';
			this.events.publish('message.delivery_delayed', { ...common, delay_type: 'TransientCommunicationFailure', delay_expires_at: new Date(now + 86_400_000).toISOString() });
			return;
		}
		log.status = outcome === 'bounced' ? 'failed' : 'sent';
		log.sentAt = now;
		if (outcome === 'bounced') {
			log.statusReason = 'Bounced: mailbox does not exist';
			this.events.publish('message.bounced', { ...common, bounce_type: 'Permanent', bounce_subtype: 'General' });
			return;
		}
		this.events.publish('message.delivered', common);
		if (outcome === 'complained') {
			this.events.publish('message.complained', { ...common, complaint_type: 'abuse', complaint_subtype: null });
		}
		this.deliverLocally(message, rfcId);
	}

	/** Mail to an address of a simulated mailbox arrives in it. */
	private deliverLocally(message: OutboundMessage, rfcId: string): void {
		for (const recipient of [...message.to, ...(message.cc ?? []), ...(message.bcc ?? [])]) {
			const mailbox = this.state.mailboxByEmail(recipient.email);
			if (!mailbox || mailbox.status !== 'active') continue;
			const headers = message.headers ?? {};
			const inReplyTo = headerValue(headers, 'in-reply-to');
			this.injectInbound({
				mailbox: mailbox.id,
				from: message.from,
				to: message.to,
				cc: message.cc,
				subject: message.subject,
				text: message.text ?? undefined,
				html: message.html ?? undefined,
				messageId: rfcId,
				inReplyTo,
				references: headerValue(headers, 'references')?.split(/\s+/).filter(Boolean),
			});
		}
	}
}

function sizeOf(message: OutboundMessage): number {
	return (
		Buffer.byteLength(message.subject) +
		Buffer.byteLength(message.html ?? '') +
		Buffer.byteLength(message.text ?? '') +
		(message.attachments ?? []).reduce((sum, a) => sum + a.bytes.length, 0)
	);
}
