import { getGlobalState } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { deliveryLogDetail, deliveryLogItem, inboxLogItem, publicId } from './fixtures';

// Date pickers give wall-clock time without an offset, meant in the workflow's time zone.
// The harness's workflows have no zone of their own, so n8n's default applies.
const WORKFLOW_ZONE = 'America/New_York';

function node(resource: string, operation: string, parameters: Record<string, unknown> = {}) {
	return { parameters: { resource, operation, ...parameters } };
}

describe('Delivery Log → Get Many', () => {
	it('sends every filter, dates as RFC 3339 UTC, and outputs simplified logs', async () => {
		expect(getGlobalState().defaultTimezone).toBe(WORKFLOW_ZONE);
		const api = new SendmuxApi();
		const logs = [deliveryLogItem({ status: 'failed', status_reason: 'Mailbox full' }), deliveryLogItem()];
		api.app('GET', '/emails/logs').ok(logs, { pagination: { has_more: false } });

		const { items, error } = await runNode({
			node: node('deliveryLog', 'getMany', {
				returnAll: true,
				filters: {
					status: 'failed',
					// From the date picker: 09:30 in New York (EDT, UTC-4) is 13:30 UTC.
					fromDate: '2026-07-01T09:30:00',
					// From an expression with an explicit offset.
					toDate: '2026-07-02T18:00:00+02:00',
					providerId: ' prov_clses01 ',
					search: 'invoice',
				},
			}),
		});

		expect(error).toBeUndefined();
		expect(api.requests[0].query).toEqual({
			limit: '100',
			status: 'failed',
			from_date: '2026-07-01T13:30:00Z',
			to_date: '2026-07-02T16:00:00Z',
			provider_id: 'prov_clses01',
			search: 'invoice',
		});
		expect(items).toHaveLength(2);
		expect(items[0].json).toEqual({
			id: logs[0].id,
			status: 'failed',
			status_reason: 'Mailbox full',
			from_email: 'billing@example.com',
			to_email: 'ana@example.org',
			subject: 'Your invoice',
			message_id: '<20261120.abc@example.com>',
			provider_name: 'Amazon SES (eu-west-1)',
			sent_at: '2026-11-20T09:12:01Z',
			created_at: '2026-11-20T09:12:00Z',
		});
	});

	it('outputs the raw logs with Simplify off and stops at Limit across pages', async () => {
		const api = new SendmuxApi();
		const first = [deliveryLogItem(), deliveryLogItem()];
		const second = [deliveryLogItem(), deliveryLogItem()];
		api.app('GET', '/emails/logs').ok(first, { pagination: { has_more: true, next_cursor: 'c_2' } });
		api.app('GET', '/emails/logs').ok(second, { pagination: { has_more: true, next_cursor: 'c_3' } });

		const { items, error } = await runNode({
			node: node('deliveryLog', 'getMany', { returnAll: false, limit: 3, simplify: false }),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([...first, second[0]]);
		expect(api.requests.map((request) => request.query)).toEqual([
			{ limit: '3' },
			{ limit: '1', cursor: 'c_2' },
		]);
	});

	it('refuses a From Date after the To Date, and a value that is no date, before any request', async () => {
		const api = new SendmuxApi();

		const reversed = await runNode({
			node: node('deliveryLog', 'getMany', {
				returnAll: true,
				filters: { fromDate: '2026-07-10T00:00:00Z', toDate: '2026-07-01' },
			}),
		});
		const garbage = await runNode({
			node: node('deliveryLog', 'getMany', {
				returnAll: true,
				filters: { fromDate: '={{ "last tuesday" }}' },
			}),
		});

		expect(reversed.error?.message).toBe(
			'From Date (2026-07-10T00:00:00Z) is after To Date (2026-07-01) in item 0',
		);
		expect(garbage.error?.message).toBe('From Date of item 0 is not a date: "last tuesday"');
		expect(garbage.error?.description).toContain('ISO 8601');
		expect(api.requests).toHaveLength(0);
	});
});

describe('Delivery Log → Get', () => {
	it('outputs the simplified log by default and every field, recipients included, with Simplify off', async () => {
		const api = new SendmuxApi();
		const log = deliveryLogDetail();
		api.app('GET', `/emails/logs/${log.id}`).times(2).ok(log);

		const simple = await runNode({ node: node('deliveryLog', 'get', { logId: log.id }) });
		const raw = await runNode({ node: node('deliveryLog', 'get', { logId: log.id, simplify: false }) });

		expect(simple.error).toBeUndefined();
		expect(Object.keys(simple.items[0].json)).toEqual([
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
		]);
		expect(raw.items[0].json).toEqual(log);
	});

	it('refuses an ID of another kind before any request', async () => {
		const api = new SendmuxApi();

		const { error } = await runNode({ node: node('deliveryLog', 'get', { logId: publicId('ilog') }) });

		expect(error?.message).toMatch(/^Delivery Log ID of item 0 is not a valid ID: "ilog_/);
		expect(error?.description).toContain('dlog_');
		expect(api.requests).toHaveLength(0);
	});
});

describe('Inbox Log → Get Many', () => {
	it('filters by mailbox, event type, whole UTC days and text, and simplifies', async () => {
		const api = new SendmuxApi();
		const logs = [inboxLogItem(), inboxLogItem({ event_type: 'message.received.spam', is_spam: true })];
		api.app('GET', '/inboxes/logs').ok(logs, { pagination: { has_more: false } });

		const { items, error } = await runNode({
			node: node('inboxLog', 'getMany', {
				returnAll: false,
				limit: 10,
				filters: {
					mailboxId: 'mbx_clsupport01',
					eventType: 'message.received.spam',
					// A bare date keeps Sendmux's meaning: the whole UTC day.
					fromDate: '2026-11-01',
					// A Luxon DateTime from an expression, in another zone.
					toDate: "={{ DateTime.fromISO('2026-11-02T10:00:00', { zone: 'Europe/Paris' }) }}",
					search: 'order',
				},
			}),
		});

		expect(error).toBeUndefined();
		expect(api.requests[0].query).toEqual({
			limit: '10',
			mailbox_id: 'mbx_clsupport01',
			event_type: 'message.received.spam',
			from_date: '2026-11-01',
			to_date: '2026-11-02T09:00:00Z',
			search: 'order',
		});
		expect(items[1].json).toEqual({
			id: logs[1].id,
			event_type: 'message.received.spam',
			mailbox_id: 'mbx_clsupport01',
			mailbox_email: 'support@acme.myagent.mx',
			from_email: 'ana@example.org',
			to_emails: ['support@acme.myagent.mx'],
			subject: 'Where is my order?',
			message_id: '<CAF=abc@mail.example.org>',
			is_spam: true,
			received_at: '2026-11-20T10:00:00Z',
		});
	});

	it('refuses a mailbox address where a mailbox ID is needed', async () => {
		const api = new SendmuxApi();

		const { error } = await runNode({
			node: node('inboxLog', 'getMany', { returnAll: true, filters: { mailboxId: 'support@acme.myagent.mx' } }),
		});

		expect(error?.message).toBe('Mailbox ID of item 0 is not a valid ID: "support@acme.myagent.mx"');
		expect(api.requests).toHaveLength(0);
	});
});

describe('Inbox Log → Get', () => {
	it('gets one inbox log, raw with Simplify off', async () => {
		const api = new SendmuxApi();
		const log = inboxLogItem();
		api.app('GET', `/inboxes/logs/${log.id}`).ok(log);

		const { items, error } = await runNode({ node: node('inboxLog', 'get', { logId: log.id, simplify: false }) });

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(log);
	});
});
