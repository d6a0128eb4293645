/**
 * Spec-shaped records for the management-b resources (webhooks, logs, metrics, billing).
 * Every reply built from these is validated against openapi-app.json by the fake.
 */
import { randomBytes } from 'node:crypto';

let counter = 0;

/** A public ID of the given type, e.g. `whk_cl…`. */
export function publicId(prefix: string): string {
	counter += 1;
	return `${prefix}_cl${counter.toString(36).padStart(6, '0')}test${Math.random().toString(36).slice(2, 10)}`;
}

/** A signing secret made up per test run, so a leak is found by searching for it. */
export const SECRET = `whsec_${randomBytes(24).toString('hex')}`;

export function webhookRecord(overrides: Record<string, unknown> = {}) {
	return {
		id: publicId('whk'),
		name: 'Order events',
		url: 'https://hooks.example.com/sendmux',
		event_types: ['message.bounced', 'message.received'],
		filters: { mailbox_ids: [] },
		enabled: true,
		failing: false,
		created_at: '2026-11-20T09:12:00Z',
		updated_at: '2026-11-20T09:12:00Z',
		...overrides,
	};
}

export function deliveryAttempt(overrides: Record<string, unknown> = {}) {
	return {
		id: publicId('whda'),
		event_id: publicId('evt'),
		event_type: 'message.bounced',
		result: 'failed',
		response_status: 500,
		response_ms: 184,
		delivery_attempt: 1,
		max_attempts: 8,
		next_retry_at: null,
		error_message: null,
		response_body: 'upstream error',
		payload_available: true,
		payload_expires_at: '2026-11-27T09:12:00Z',
		request_payload_bytes: 612,
		request_payload_sha256: 'b1946ac92492d2347c6235b4d2611184d4e4f8f2f43a5f2d8d5b7a4a6f0c1e2d',
		created_at: '2026-11-20T09:12:00Z',
		...overrides,
	};
}

export function eventPayload(overrides: Record<string, unknown> = {}) {
	return {
		id: publicId('evt'),
		type: 'message.bounced',
		team_public_id: 'team_clxxxxxxxxxxxxxxxxxxxxxxxxx',
		occurred_at: '2026-11-20T09:11:58Z',
		data: {
			message_id: '0100018f-provider-id',
			message_id_kind: 'provider',
			sendmux_message_id: 'msg_clabc',
			sender: 'billing@example.com',
			recipients: ['ana@example.org'],
			mailbox_id: null,
			bounce_type: 'Permanent',
			bounce_subtype: 'General',
			complaint_type: null,
			complaint_subtype: null,
			reject_reason: null,
			delay_type: null,
			delay_expires_at: null,
			is_spam: null,
			webhook_id: null,
		},
		...overrides,
	};
}

export function deliveryLogItem(overrides: Record<string, unknown> = {}) {
	return {
		id: publicId('dlog'),
		provider_id: 'prov_clses01',
		provider_name: 'Amazon SES (eu-west-1)',
		message_id: '<20261120.abc@example.com>',
		from_email: 'billing@example.com',
		sent_from_email: null,
		to_email: 'ana@example.org',
		subject: 'Your invoice',
		status: 'sent',
		status_reason: null,
		attempts: 1,
		sent_at: '2026-11-20T09:12:01Z',
		size_bytes: 18234,
		created_at: '2026-11-20T09:12:00Z',
		recipient_count: 2,
		accepted_recipient_count: 1,
		rejected_recipient_count: 1,
		...overrides,
	};
}

export function deliveryLogDetail(overrides: Record<string, unknown> = {}) {
	return {
		...deliveryLogItem(),
		recipients: [
			{ email: 'ana@example.org', type: 'to', status: 'accepted', reason: null },
			{ email: 'old@example.org', type: 'cc', status: 'rejected', reason: 'Mailbox does not exist' },
		],
		...overrides,
	};
}

export function inboxLogItem(overrides: Record<string, unknown> = {}) {
	return {
		id: publicId('ilog'),
		mailbox_id: 'mbx_clsupport01',
		mailbox_email: 'support@acme.myagent.mx',
		event_type: 'message.received',
		message_id: '<CAF=abc@mail.example.org>',
		message_id_kind: 'rfc5322',
		from_email: 'ana@example.org',
		to_emails: ['support@acme.myagent.mx'],
		subject: 'Where is my order?',
		size_bytes: 5120,
		received_at: '2026-11-20T10:00:00Z',
		is_spam: false,
		billing_bucket_start: '2026-11-20T00:00:00Z',
		unit_amount: '0.000100',
		amount: '0.000100',
		...overrides,
	};
}

const counts = { total: 120, sent: 110, failed: 5, rejected: 3, pending: 2 };

export function emailMetrics() {
	return {
		summary: { ...counts },
		comparison: {
			total: 100,
			sent: 95,
			failed: 3,
			rejected: 1,
			pending: 1,
			change_pct: { total: 20, sent: 15.79, failed: 66.67, rejected: 200, pending: 100 },
		},
		timeseries: [
			{ timestamp: '2026-11-19T00:00:00Z', total: 50, sent: 46, failed: 2, rejected: 1, pending: 1 },
			{ timestamp: '2026-11-20T00:00:00Z', total: 70, sent: 64, failed: 3, rejected: 2, pending: 1 },
		],
	};
}

export function balance() {
	return {
		balance: '45.230000',
		balance_purchased: '100.000000',
		balance_consumed: '54.770000',
		currency: 'USD',
		auto_topup: {
			enabled: true,
			threshold: '10.000000',
			amount: '50.000000',
			monthly_limit: '200.000000',
			monthly_used: '50.000000',
		},
	};
}

export function spendSummary(days: number) {
	return {
		period_days: days,
		total_purchased: '150.000000',
		total_consumed: '54.770000',
		transaction_count: 23,
		currency: 'USD',
	};
}

export function transaction(overrides: Record<string, unknown> = {}) {
	return {
		id: publicId('tx'),
		amount: '-0.001500',
		type: 'USAGE',
		description: '15 emails sent',
		quantity: 15,
		balance_before: '45.231500',
		balance_after: '45.230000',
		created_at: '2026-11-20T09:00:00Z',
		...overrides,
	};
}
