import { describe, expect, it } from 'vitest';

import { recordedWaits } from '../harness/clock';
import { allLogText } from '../harness/logs';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { deliveryAttempt, eventPayload, publicId, SECRET, webhookRecord } from './fixtures';
import { runListSearch } from '../harness/listSearch';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function webhookNode(operation: string, parameters: Record<string, unknown> = {}) {
	return { parameters: { resource: 'webhook', operation, ...parameters } };
}

/** Everything a user or a log could ever see of a run, to prove a secret is not in it. */
function visibleErrorText(run: Awaited<ReturnType<typeof runNode>>): string {
	return JSON.stringify({ message: run.error?.message, description: run.error?.description });
}

describe('Webhook → Get Many', () => {
	it('returns every webhook across 3 pages with Return All, following the cursors', async () => {
		const api = new SendmuxApi();
		const pages = [
			[webhookRecord(), webhookRecord()],
			[webhookRecord(), webhookRecord()],
			[webhookRecord()],
		];
		api.app('GET', '/webhooks').ok(pages[0], { pagination: { has_more: true, next_cursor: 'c_page2' } });
		api.app('GET', '/webhooks').ok(pages[1], { pagination: { has_more: true, next_cursor: 'c_page3' } });
		api.app('GET', '/webhooks').ok(pages[2], { pagination: { has_more: false } });

		const { items, error } = await runNode({ node: webhookNode('getMany', { returnAll: true }) });

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(pages.flat().map((webhook) => webhook.id));
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(api.requests.map((request) => request.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', cursor: 'c_page2' },
			{ limit: '100', cursor: 'c_page3' },
		]);
	});

	it('asks for exactly Limit webhooks and stops', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/webhooks').ok([webhookRecord(), webhookRecord(), webhookRecord()], {
			pagination: { has_more: true, next_cursor: 'c_more' },
		});

		const { items, error } = await runNode({ node: webhookNode('getMany', { returnAll: false, limit: 3 }) });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].query).toEqual({ limit: '3' });
	});
});

describe('Webhook → Get', () => {
	it('outputs each webhook with its ETag, paired with its input item', async () => {
		const api = new SendmuxApi();
		const first = webhookRecord();
		const second = webhookRecord({ name: null });
		api.app('GET', `/webhooks/${first.id}`).ok(first, { headers: { ETag: 'W/"etag-first"' } });
		api.app('GET', `/webhooks/${second.id}`).ok(second, { headers: { ETag: 'W/"etag-second"' } });

		const { items, error } = await runNode({
			node: webhookNode('get', { webhook: byId('={{ $json.webhookId }}') }),
			input: [{ json: { webhookId: first.id } }, { json: { webhookId: second.id } }],
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ ...first, etag: 'W/"etag-first"' },
			{ ...second, etag: 'W/"etag-second"' },
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses an ID without the whk_ prefix before any request', async () => {
		const api = new SendmuxApi();

		const { error } = await runNode({
			node: webhookNode('get', { webhook: byId('={{ "https://hooks.example.com/x" }}') }),
		});

		expect(error?.message).toBe('Webhook of item 0 is not a webhook ID: "https://hooks.example.com/x"');
		expect(error?.description).toContain('starts with whk_');
		expect(api.requests).toHaveLength(0);
	});

	it('puts a 404 on the failing item and goes on with Continue On Fail', async () => {
		const api = new SendmuxApi();
		const found = webhookRecord();
		const missing = publicId('whk');
		api.app('GET', `/webhooks/${found.id}`).ok(found);
		api.app('GET', `/webhooks/${missing}`).error(404, 'not_found', 'Webhook not found');

		const { items, error } = await runNode({
			node: {
				...webhookNode('get', { webhook: byId('={{ $json.id }}') }),
				settings: { continueOnFail: true },
			},
			input: [{ json: { id: missing } }, { json: { id: found.id } }],
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ error: 'Webhook not found', code: 'not_found', statusCode: 404 });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toEqual(found);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('Webhook → Create', () => {
	const createParameters = {
		url: 'https://hooks.example.com/sendmux',
		eventTypes: ['message.bounced', 'message.received', 'sendmux.test'],
		additionalFields: {
			name: 'Order events',
			enabled: false,
			mailboxIds: ['mbx_clsupport01, mbx_clsales02', 'mbx_clsupport01'],
		},
	};

	it('subscribes with an idempotency key, outputs the secret once with a hint, and never logs it', async () => {
		const api = new SendmuxApi();
		const created = {
			...webhookRecord({
				event_types: createParameters.eventTypes,
				enabled: false,
				filters: { mailbox_ids: ['mbx_clsupport01', 'mbx_clsales02'] },
			}),
			secret: SECRET,
		};
		// A passing outage first: the retry must carry the same key, so Sendmux creates one webhook.
		api.app('POST', '/webhooks').error(503, 'service_unavailable', 'Try again shortly', {
			retryable: true,
			headers: { 'Retry-After': '2' },
		});
		api.app('POST', '/webhooks').ok(created, { status: 201 });

		const run = await runNode({ node: webhookNode('create', createParameters) });

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toEqual(created);
		const posts = api.requestsTo('POST', '/webhooks');
		expect(posts).toHaveLength(2);
		expect(posts[0].body).toEqual({
			url: 'https://hooks.example.com/sendmux',
			event_types: ['message.bounced', 'message.received', 'sendmux.test'],
			name: 'Order events',
			enabled: false,
			filters: { mailbox_ids: ['mbx_clsupport01', 'mbx_clsales02'] },
		});
		expect(posts[0].idempotencyKey).toMatch(/^n8n-.+-webhook-create-[0-9a-f]{32}$/);
		expect(posts[1].idempotencyKey).toBe(posts[0].idempotencyKey);
		expect(recordedWaits).toEqual([2000]);

		const hints = run.run.data.resultData.runData.Sendmux[0].hints ?? [];
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatchObject({ type: 'warning', location: 'outputPane' });
		expect(hints[0].message).toContain('signing secret only in this response');

		expect(allLogText()).toContain('retry 2 of 5');
		expect(allLogText()).not.toContain(SECRET);
	});

	it('gives every input item its own idempotency key', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/webhooks')
			.times(2)
			.replyWith(() => [
				201,
				{ ok: true, data: { ...webhookRecord(), secret: SECRET }, meta: { request_id: 'req_create' } },
			]);

		const { items, error } = await runNode({
			node: webhookNode('create', { url: '={{ $json.url }}', eventTypes: ['message.received'] }),
			input: [{ json: { url: 'https://a.example.com/hook' } }, { json: { url: 'https://b.example.com/hook' } }],
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const [first, second] = api.requestsTo('POST', '/webhooks');
		expect(first.body).toEqual({ url: 'https://a.example.com/hook', event_types: ['message.received'] });
		expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
	});

	it('refuses a plain http:// URL before any request', async () => {
		const api = new SendmuxApi();

		const { error } = await runNode({
			node: webhookNode('create', { url: 'http://hooks.example.com/sendmux', eventTypes: ['message.received'] }),
		});

		expect(error?.message).toBe('URL of item 0 must start with https:// (got http)');
		expect(error?.description).toContain('rejects plain http://');
		expect(api.requests).toHaveLength(0);
	});

	it('refuses an empty list of event types and mailbox IDs that are addresses', async () => {
		const api = new SendmuxApi();

		const noTypes = await runNode({
			// The editor requires a choice; an expression can still come out empty.
			node: webhookNode('create', { url: 'https://hooks.example.com/x', eventTypes: '={{ [] }}' }),
		});
		const badMailbox = await runNode({
			node: webhookNode('create', {
				url: 'https://hooks.example.com/x',
				eventTypes: ['message.received'],
				additionalFields: { mailboxIds: ['support@acme.myagent.mx'] },
			}),
		});

		expect(noTypes.error?.message).toBe('Event Types is empty in item 0');
		expect(badMailbox.error?.message).toBe(
			'Mailbox IDs of item 0 has values that are not mailbox IDs: support@acme.myagent.mx',
		);
		expect(api.requests).toHaveLength(0);
	});

	it('renders 409 limit_exceeded with what to do and the request ID', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/webhooks').replyWith(() => [
			409,
			{
				ok: false,
				error: {
					code: 'limit_exceeded',
					message: 'Webhook limit reached for your plan (1)',
					retryable: false,
					doc_url: 'https://docs.sendmux.ai/errors/limit_exceeded',
				},
				meta: { request_id: 'req_limit409' },
			},
		]);

		const run = await runNode({
			node: webhookNode('create', { url: 'https://hooks.example.com/x', eventTypes: ['message.received'] }),
		});

		expect(run.error?.message).toBe('Webhook limit reached for your plan (1)');
		expect(run.error?.description).toContain('limit_exceeded (HTTP 409) on POST /webhooks');
		expect(run.error?.description).toContain("The team's plan limit is reached");
		expect(run.error?.description).toContain('Request ID: req_limit409');
		// Not retryable: one attempt only.
		expect(api.requests).toHaveLength(1);
	});

	it('renders a 422 with every field issue and the request ID', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/webhooks').replyWith(() => [
			422,
			{
				ok: false,
				error: {
					code: 'validation_error',
					message: 'The request has 2 invalid fields',
					retryable: false,
					doc_url: 'https://docs.sendmux.ai/errors/validation_error',
					errors: [
						{ field: 'url', code: 'invalid_url', message: 'URL resolves to a private network address' },
						{ field: 'filters.mailbox_ids[0]', code: 'not_found', message: 'Mailbox mbx_clgone not found' },
					],
				},
				meta: { request_id: 'req_invalid422' },
			},
		]);

		const run = await runNode({
			node: webhookNode('create', {
				url: 'https://10.0.0.5/hook',
				eventTypes: ['message.received'],
				additionalFields: { mailboxIds: ['mbx_clgone'] },
			}),
		});

		expect(run.error?.message).toBe('The request has 2 invalid fields');
		expect(run.error?.description).toContain('• url: URL resolves to a private network address (invalid_url)');
		expect(run.error?.description).toContain('• filters.mailbox_ids[0]: Mailbox mbx_clgone not found (not_found)');
		expect(run.error?.description).toContain('Request ID: req_invalid422');
	});
});

describe('Webhook → Update', () => {
	it('sends only the fields given, an empty name as null, no IDs as "all mailboxes", and If-Match', async () => {
		const api = new SendmuxApi();
		const webhook = webhookRecord({ name: null, url: 'https://new.example.com/hook' });
		api.app('PATCH', `/webhooks/${webhook.id}`).ok(webhook);

		const { items, error } = await runNode({
			node: webhookNode('update', {
				webhook: byId(webhook.id),
				updateFields: { url: 'https://new.example.com/hook', name: '', mailboxIds: [], enabled: true },
				options: { ifMatch: 'W/"etag-v1"' },
			}),
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(webhook);
		const [patch] = api.requests;
		expect(patch.body).toEqual({
			url: 'https://new.example.com/hook',
			filters: { mailbox_ids: [] },
			name: null,
			enabled: true,
		});
		expect(patch.headers['if-match']).toBe('W/"etag-v1"');
	});

	it('tells the user to fetch again when the ETag no longer matches (409 conflict)', async () => {
		const api = new SendmuxApi();
		const id = publicId('whk');
		api.app('PATCH', `/webhooks/${id}`).error(409, 'conflict', 'The resource was modified', {
			headers: { 'X-Request-Id': 'ignored-header' },
		});

		const run = await runNode({
			node: webhookNode('update', {
				webhook: byId(id),
				updateFields: { eventTypes: ['message.bounced'] },
				options: { ifMatch: 'W/"stale"' },
			}),
		});

		expect(run.error?.message).toBe('The resource was modified');
		expect(run.error?.description).toContain('changed since its ETag was read');
		expect(run.error?.description).toContain('Fetch it again');
		expect(run.error?.description).toMatch(/Request ID: req_[0-9a-f]+/);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers['if-match']).toBe('W/"stale"');
	});

	it('sends no If-Match without an ETag, and refuses an update with no fields', async () => {
		const api = new SendmuxApi();
		const webhook = webhookRecord();
		api.app('PATCH', `/webhooks/${webhook.id}`).ok(webhook);

		const plain = await runNode({
			node: webhookNode('update', { webhook: byId(webhook.id), updateFields: { enabled: false } }),
		});
		const empty = await runNode({
			node: webhookNode('update', { webhook: byId(webhook.id), updateFields: {} }),
		});

		expect(plain.error).toBeUndefined();
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers['if-match']).toBeUndefined();
		expect(api.requests[0].body).toEqual({ enabled: false });
		expect(empty.error?.message).toBe('Nothing to update in item 0');
	});
});

describe('Webhook → Delete', () => {
	it('outputs { deleted: true, id }', async () => {
		const api = new SendmuxApi();
		const id = publicId('whk');
		api.app('DELETE', `/webhooks/${id}`).ok({ deleted: true, id });

		const { items, error } = await runNode({ node: webhookNode('delete', { webhook: byId(id) }) });

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, id }]);
		expect(api.requests).toHaveLength(1);
	});
});

describe('Webhook → Rotate Secret', () => {
	it('outputs the new secret with the hint, sends an idempotency key, and never logs the secret', async () => {
		const api = new SendmuxApi();
		const webhook = webhookRecord();
		api.app('POST', `/webhooks/${webhook.id}/rotate-secret`).error(500, 'internal_error', 'Unexpected error', {
			retryable: true,
		});
		api.app('POST', `/webhooks/${webhook.id}/rotate-secret`).ok({ ...webhook, secret: SECRET });

		const run = await runNode({ node: webhookNode('rotateSecret', { webhook: byId(webhook.id) }) });

		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toEqual({ ...webhook, secret: SECRET });
		const [first, retry] = api.requests;
		expect(first.idempotencyKey).toMatch(/-webhook-rotate-secret-whk_/);
		expect(retry.idempotencyKey).toBe(first.idempotencyKey);
		expect(run.run.data.resultData.runData.Sendmux[0].hints?.[0].message).toContain('Rotate Secret');
		expect(recordedWaits).toHaveLength(1);
		expect(allLogText()).toContain('answered 500 internal_error');
		expect(allLogText()).not.toContain(SECRET);
		expect(visibleErrorText(run)).not.toContain(SECRET);
	});
});

describe('Webhook → Send Test Event', () => {
	it('returns the event ID with an idempotency key on the request', async () => {
		const api = new SendmuxApi();
		const id = publicId('whk');
		api.app('POST', `/webhooks/${id}/test`).ok({ event_id: 'evt_cltest01' });

		const { items, error } = await runNode({ node: webhookNode('sendTestEvent', { webhook: byId(id) }) });

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ webhook_id: id, event_id: 'evt_cltest01' });
		expect(api.requests[0].idempotencyKey).toMatch(/-webhook-test-whk_/);
	});

	it('explains a 409 when the webhook does not list sendmux.test', async () => {
		const api = new SendmuxApi();
		const id = publicId('whk');
		api.app('POST', `/webhooks/${id}/test`).error(
			409,
			'conflict',
			'Subscription does not include sendmux.test in event_types',
		);

		const { error } = await runNode({ node: webhookNode('sendTestEvent', { webhook: byId(id) }) });

		expect(error?.message).toBe('Subscription does not include sendmux.test in event_types');
		expect(error?.description).toContain('conflict (HTTP 409)');
	});
});

describe('Webhook → Get Many Deliveries', () => {
	it('filters by event type and result and pages with Return All', async () => {
		const api = new SendmuxApi();
		const id = publicId('whk');
		const first = [deliveryAttempt(), deliveryAttempt()];
		const second = [deliveryAttempt({ result: 'failed', delivery_attempt: 2 })];
		api.app('GET', `/webhooks/${id}/deliveries`).ok(first, { pagination: { has_more: true, next_cursor: 'c_2' } });
		api.app('GET', `/webhooks/${id}/deliveries`).ok(second, { pagination: { has_more: false } });

		const { items, error } = await runNode({
			node: webhookNode('getManyDeliveries', {
				webhook: byId(id),
				returnAll: true,
				filters: { eventType: 'message.bounced', result: 'failed' },
			}),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([...first, ...second].map((d) => d.id));
		expect(api.requests.map((request) => request.query)).toEqual([
			{ limit: '100', event_type: 'message.bounced', result: 'failed' },
			{ limit: '100', event_type: 'message.bounced', result: 'failed', cursor: 'c_2' },
		]);
	});
});

describe('Webhook → Get Delivery Payload', () => {
	it('outputs the retained event body of one delivery attempt', async () => {
		const api = new SendmuxApi();
		const id = publicId('whk');
		const deliveryId = publicId('whda');
		const payload = {
			id: deliveryId,
			event_id: 'evt_clbounce01',
			event_type: 'message.bounced',
			delivery_attempt: 1,
			created_at: '2026-11-20T09:12:00Z',
			expires_at: '2026-11-27T09:12:00Z',
			payload: eventPayload({ id: 'evt_clbounce01' }),
		};
		api.app('GET', `/webhooks/${id}/deliveries/${deliveryId}/payload`).ok(payload);

		const { items, error } = await runNode({
			node: webhookNode('getDeliveryPayload', { webhook: byId(id), deliveryId }),
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(payload);
	});

	it('refuses a delivery ID that is not one, before any request', async () => {
		const api = new SendmuxApi();

		const { error } = await runNode({
			node: webhookNode('getDeliveryPayload', { webhook: byId(publicId('whk')), deliveryId: 'evt_clbounce01' }),
		});

		expect(error?.message).toBe('Delivery ID of item 0 is not a valid ID: "evt_clbounce01"');
		expect(error?.description).toContain('whda_');
		expect(api.requests).toHaveLength(0);
	});
});

describe('Webhook locator → From List', () => {
	it('lists webhooks by name and URL, filters by what was typed, and pages on', async () => {
		const api = new SendmuxApi();
		const named = webhookRecord({ name: 'Bounces', url: 'https://a.example.com/bounces' });
		const unnamed = webhookRecord({ name: null, url: 'https://b.example.com/inbound' });
		api.app('GET', '/webhooks').ok([named, unnamed], { pagination: { has_more: true, next_cursor: 'c_next' } });
		api.app('GET', '/webhooks').ok([unnamed], { pagination: { has_more: false } });

		const all = await runListSearch({ method: 'searchWebhooks', parameters: { resource: 'webhook', operation: 'get' } });
		const filtered = await runListSearch({
			method: 'searchWebhooks',
			parameters: { resource: 'webhook', operation: 'get' },
			filter: 'INBOUND',
			paginationToken: 'c_next',
		});

		expect(all).toEqual({
			results: [
				{ name: 'Bounces (https://a.example.com/bounces)', value: named.id },
				{ name: 'https://b.example.com/inbound', value: unnamed.id },
			],
			paginationToken: 'c_next',
		});
		expect(filtered).toEqual({
			results: [{ name: 'https://b.example.com/inbound', value: unnamed.id }],
			paginationToken: undefined,
		});
		expect(api.requests.map((request) => request.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', cursor: 'c_next' },
		]);
		expect(api.requests[0].headers.authorization).toMatch(/^Bearer smx_root_/);
	});
});
