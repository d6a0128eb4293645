/** Delivery logs (outbound) and incoming logs (inbound), with their filters. */
import type { HandlerMap } from '../context';
import { SimError } from '../errors';
import { etagOf } from '../etag';
import { usd } from '../money';
import type { DeliveryLogRecord, InboxLogRecord } from '../state';
import { found, isoOrNull, pageSize, text } from './common';

function logItem(log: DeliveryLogRecord) {
	const accepted = log.recipients.filter((r) => r.status === 'accepted').length;
	return {
		id: log.id,
		message_id: log.messageId,
		from_email: log.fromEmail,
		sent_from_email: log.fromEmail,
		to_email: log.toEmail,
		subject: log.subject,
		status: log.status,
		status_reason: log.statusReason,
		attempts: log.attempts,
		provider_id: log.providerId,
		provider_name: log.providerName,
		recipient_count: log.recipients.length,
		accepted_recipient_count: accepted,
		rejected_recipient_count: log.recipients.length - accepted,
		size_bytes: log.sizeBytes,
		sent_at: isoOrNull(log.sentAt),
		created_at: new Date(log.createdAt).toISOString(),
	};
}

const logDetail = (log: DeliveryLogRecord) => ({ ...logItem(log), recipients: log.recipients });

function incomingItem(log: InboxLogRecord) {
	const bucket = new Date(log.createdAt);
	bucket.setUTCMinutes(0, 0, 0);
	return {
		id: log.id,
		event_type: log.eventType,
		is_spam: log.eventType === 'message.received.spam',
		mailbox_id: log.mailboxId,
		mailbox_email: log.mailboxEmail,
		from_email: log.from,
		to_emails: log.to,
		subject: log.subject,
		message_id: log.messageId,
		message_id_kind: log.messageId ? 'rfc5322' : null,
		size_bytes: log.sizeBytes,
		amount: usd(log.amountMicros),
		unit_amount: usd(log.amountMicros),
		billing_bucket_start: bucket.toISOString(),
		received_at: new Date(log.createdAt).toISOString(),
	};
}

/** `from_date` / `to_date` as Sendmux reads them: date-only bounds cover whole UTC days. */
export function dateRange(from: string | undefined, to: string | undefined): (ms: number) => boolean {
	const parse = (value: string, endOfDay: boolean, param: string) => {
		const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
		const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
		if (Number.isNaN(ms)) throw new SimError(400, 'invalid_parameter', `${param} must be an ISO 8601 date or date-time.`, { param });
		return dateOnly && endOfDay ? ms + 86_400_000 - 1 : ms;
	};
	const low = from === undefined ? -Infinity : parse(from, false, 'from_date');
	const high = to === undefined ? Infinity : parse(to, true, 'to_date');
	return (ms) => ms >= low && ms <= high;
}

const contains = (needle: string, ...haystack: Array<string | null>) =>
	haystack.some((value) => value !== null && value.toLowerCase().includes(needle));

export const logHandlers: HandlerMap = {
	managementListEmailLogs(request, sim) {
		const status = text(request.query.status);
		const provider = text(request.query.provider_id);
		const search = text(request.query.search)?.toLowerCase();
		const inRange = dateRange(text(request.query.from_date), text(request.query.to_date));
		const page = sim.state.deliveryLogs.page({
			cursor: text(request.query.cursor),
			limit: pageSize(request),
			filter:
				status || provider || search || request.query.from_date || request.query.to_date
					? (log) =>
							(status === undefined || log.status === status) &&
							(provider === undefined || log.providerId === provider) &&
							(search === undefined || contains(search, log.toEmail, log.fromEmail, log.subject, log.messageId)) &&
							inRange(log.createdAt)
					: undefined,
		});
		return { data: page.items.map(logItem), pagination: page.pagination };
	},

	managementGetEmailLog(request, sim) {
		const data = logDetail(found(sim.state.deliveryLogs.get(request.pathParams.public_id), 'Delivery log', 'public_id'));
		return { data, etag: etagOf(data) };
	},

	managementListInboxLogs(request, sim) {
		const mailboxId = text(request.query.mailbox_id);
		const eventType = text(request.query.event_type);
		const search = text(request.query.search)?.toLowerCase();
		const inRange = dateRange(text(request.query.from_date), text(request.query.to_date));
		const page = sim.state.inboxLogs.page({
			cursor: text(request.query.cursor),
			limit: pageSize(request),
			filter: (log) =>
				(mailboxId === undefined || log.mailboxId === mailboxId) &&
				(eventType === undefined || log.eventType === eventType) &&
				(search === undefined || contains(search, log.mailboxEmail, log.from, log.subject, log.messageId, ...log.to)) &&
				inRange(log.createdAt),
		});
		return { data: page.items.map(incomingItem), pagination: page.pagination };
	},

	managementGetInboxLog(request, sim) {
		return { data: incomingItem(found(sim.state.inboxLogs.get(request.pathParams.public_id), 'Incoming log', 'public_id')) };
	},
};
