import { describe, expect, it } from 'vitest';

import { recordedWaits } from '../harness/clock';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { gmailAccount, sendingAccountsLimit, sharedSesAccount, sharedSesLimit, sharedSesLimitRequest, smtpAccount } from './fixtures';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const PASSWORD = 'Sm7p-S3cret-Passw0rd!';

const createParameters = {
	resource: 'sendingAccount',
	operation: 'create',
	name: 'Transactional SMTP',
	smtpHost: 'smtp.example.com',
	smtpPort: 587,
	smtpProtocol: 'starttls',
	smtpUsername: 'api-user',
	smtpPassword: PASSWORD,
};

describe('Sending Account → Create SMTP Account', () => {
	it('sends every field once with an Idempotency-Key, and the same key on a retry', async () => {
		const created = smtpAccount({ from_name: 'Acme Billing', reply_to_email: 'support@example.com', percentage: 40 });
		const api = new SendmuxApi();
		api.app('POST', '/providers').error(503, 'service_unavailable', 'Try again', { retryable: true, headers: { 'Retry-After': '2' } });
		api.app('POST', '/providers').ok(created, { status: 201 });

		const { items, error } = await runNode({
			node: {
				parameters: {
					...createParameters,
					additionalFields: {
						fromEmail: 'billing@example.com',
						fromName: 'Acme Billing',
						replyToEmail: 'support@example.com',
						replyToName: 'Support',
						percentage: 40,
						trackingDomain: 'click.example.com',
					},
					quotas: {
						quota: [
							{ period: 'per_day', kind: 'fixed', cap: 5000 },
							{ period: 'per_minute', kind: 'range', min: 20, max: 60 },
						],
					},
				},
			},
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([created]);
		expect(api.requests).toHaveLength(2);
		expect(api.requests[0].body).toEqual({
			name: 'Transactional SMTP',
			smtp_host: 'smtp.example.com',
			smtp_port: 587,
			smtp_protocol: 'starttls',
			smtp_username: 'api-user',
			smtp_password: PASSWORD,
			from_email: 'billing@example.com',
			from_name: 'Acme Billing',
			reply_to_email: 'support@example.com',
			reply_to_name: 'Support',
			percentage: 40,
			tracking_domain: 'click.example.com',
			quotas: { per_day: 5000, per_minute: { min: 20, max: 60 } },
		});
		expect(api.requests[0].idempotencyKey).toMatch(/^n8n-.+-sendingAccount-create-[0-9a-f]{32}$/);
		expect(api.requests[1].idempotencyKey).toBe(api.requests[0].idempotencyKey);
		expect(api.requests[1].body).toEqual(api.requests[0].body);
		expect(recordedWaits).toEqual([2000]);
	});

	it('gives each input item its own Idempotency-Key', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/providers').times(2).replyWith((request) => [
			201,
			{ ok: true, data: smtpAccount({ name: (request.body as { name: string }).name }), meta: { request_id: 'req_x' } },
		]);

		const { items, error } = await runNode({
			node: { parameters: { ...createParameters, name: '={{ $json.name }}' } },
			input: [{ json: { name: 'First' } }, { json: { name: 'Second' } }],
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['First', { item: 0 }],
			['Second', { item: 1 }],
		]);
		const [first, second] = api.requests.map((request) => request.idempotencyKey);
		expect(first).toBeDefined();
		expect(first).not.toBe(second);
	});

	it('uses the Idempotency Key the user gave, so a later execution cannot create twice', async () => {
		const orderReference = 'smtp-account-acme-1';
		const api = new SendmuxApi();
		api.app('POST', '/providers').ok(smtpAccount(), { status: 201 });

		const { error } = await runNode({
			node: { parameters: { ...createParameters, options: { idempotencyKey: orderReference } } },
		});

		expect(error).toBeUndefined();
		expect(api.requests[0].idempotencyKey).toBe(orderReference);
	});

	it.each([
		[{ smtpHost: 'smtp://smtp.example.com' }, 'SMTP Host in item 0 must be a host name only: "smtp://smtp.example.com"'],
		[{ smtpHost: 'smtp.example.com:587' }, 'SMTP Host in item 0 must be a host name only: "smtp.example.com:587"'],
		[{ name: '  ' }, 'Name in item 0 is empty'],
		[{ additionalFields: { fromEmail: 'Acme <sender@example.com>' } }, 'From Email in item 0 is not an email address: "Acme <sender@example.com>"'],
		[
			{ quotas: { quota: [{ period: 'per_hour', kind: 'range', min: 90, max: 10 }] } },
			'Sending Quotas in item 0: the Per Hour range has Min Messages (90) above Max Messages (10)',
		],
		[
			{ quotas: { quota: [{ period: 'per_day', kind: 'fixed', cap: 10 }, { period: 'per_day', kind: 'fixed', cap: 20 }] } },
			'Sending Quotas in item 0: Per Day is set twice',
		],
	])('refuses bad input %j before any request', async (override, message) => {
		const api = new SendmuxApi();
		const { error } = await runNode({ node: { parameters: { ...createParameters, ...override } } });

		expect(error?.message).toBe(message);
		expect(error?.description).toBeTruthy();
		expect(api.requests).toHaveLength(0);
	});
});

describe('Sending Account → Update', () => {
	it('checks the account, then PATCHes only the given fields, clearing emptied ones', async () => {
		const account = smtpAccount();
		const updated = { ...account, name: 'Renamed', from_name: null, smtp_port: 465, smtp_protocol: 'tls' };
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).ok(account);
		api.app('PATCH', `/providers/${account.id}`).ok(updated, { headers: { ETag: 'W/"v3"' } });

		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'update',
					sendingAccount: byId(account.id),
					updateFields: { name: 'Renamed', fromName: '', smtpPort: 465, smtpProtocol: 'tls' },
					quotas: {
						quota: [
							{ period: 'per_hour', kind: 'clear' },
							{ period: 'per_second', kind: 'fixed', cap: 5 },
						],
					},
				},
			},
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ ...updated, etag: 'W/"v3"' }]);
		expect(api.requests.map((request) => request.method)).toEqual(['GET', 'PATCH']);
		expect(api.requests[1].body).toEqual({
			name: 'Renamed',
			from_name: null,
			smtp_port: 465,
			smtp_protocol: 'tls',
			quotas: { per_hour: null, per_second: 5 },
		});
		expect(api.requests[1].headers['if-match']).toBeUndefined();
	});

	it('sends If-Match and explains a 409 conflict: the account changed since the ETag', async () => {
		const account = smtpAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).ok(account, { headers: { ETag: 'W/"v2"' } });
		api
			.app('PATCH', `/providers/${account.id}`)
			.error(409, 'conflict', 'The resource was modified since the supplied ETag.');

		const { error, items } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'update',
					sendingAccount: byId(account.id),
					updateFields: { percentage: 50 },
					options: { ifMatch: 'W/"v1"' },
				},
			},
		});

		expect(items).toEqual([]);
		expect(api.requests[1].headers['if-match']).toBe('W/"v1"');
		expect(error?.message).toBe('The resource was modified since the supplied ETag.');
		expect(error?.description).toContain('Sendmux error code: conflict (HTTP 409)');
		expect(error?.description).toContain('The resource changed since its ETag was read');
		// A conflict is final: never retried.
		expect(api.requestsTo('PATCH', `/providers/${account.id}`)).toHaveLength(1);
	});

	it('refuses the shared Amazon SES account without sending the PATCH', async () => {
		const shared = sharedSesAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${shared.id}`).ok(shared);

		const { error } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'update',
					sendingAccount: byId(shared.id),
					updateFields: { name: 'Mine now' },
				},
			},
		});

		expect(error?.message).toBe('The shared Amazon SES account cannot be edited (item 0)');
		expect(error?.description).toContain('Activate or Deactivate it');
		expect(error?.description).toContain('Request Shared SES Limit Increase');
		expect(api.requests.map((request) => request.method)).toEqual(['GET']);
	});

	it('refuses an update with nothing to change before any request', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'update',
					sendingAccount: byId('dprov_clnothing'),
					updateFields: {},
				},
			},
		});

		expect(error?.message).toBe('Nothing to update in item 0');
		expect(api.requests).toHaveLength(0);
	});

	it('adds what is allowed instead when Sendmux itself refuses the edit', async () => {
		// allowed_actions said yes, Sendmux says no (a rule changed between the two calls).
		const account = smtpAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).ok(account);
		api
			.app('PATCH', `/providers/${account.id}`)
			.error(422, 'validation_error', 'This sending account cannot be edited.');

		const { error } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'update',
					sendingAccount: byId(account.id),
					updateFields: { name: 'x' },
				},
			},
		});

		expect(error?.message).toBe('This sending account cannot be edited.');
		expect(error?.description).toContain('what is allowed instead: Activate, Deactivate');
	});
});

describe('Sending Account → Delete', () => {
	it('deletes a custom account and outputs { deleted: true, id }', async () => {
		const account = smtpAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).ok(account);
		api.app('DELETE', `/providers/${account.id}`).ok({ deleted: true, id: account.id });

		const { items, error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'delete', sendingAccount: byId(account.id) } },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, id: account.id }]);
		expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /providers/${account.id}`,
			`DELETE /providers/${account.id}`,
		]);
	});

	it('refuses the shared account with the message, sends no DELETE, and goes on with Continue On Fail', async () => {
		const shared = sharedSesAccount();
		const account = smtpAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${shared.id}`).ok(shared);
		api.app('GET', `/providers/${account.id}`).ok(account);
		api.app('DELETE', `/providers/${account.id}`).ok({ deleted: true, id: account.id });

		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'delete',
					sendingAccount: byId('={{ $json.id }}'),
				},
				settings: { continueOnFail: true },
			},
			input: [{ json: { id: shared.id } }, { json: { id: account.id } }],
		});

		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe('The shared Amazon SES account cannot be deleted (item 0)');
		expect(items[0].json.description).toContain('use Deactivate');
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toEqual({ deleted: true, id: account.id });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(api.requestsTo('DELETE', `/providers/${shared.id}`)).toHaveLength(0);
	});

	it('renders Sendmux’s own refusal of a delete with what to do instead', async () => {
		const account = smtpAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).ok(account);
		api.app('DELETE', `/providers/${account.id}`).error(422, 'invalid_parameter', 'This sending account cannot be deleted.');

		const { error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'delete', sendingAccount: byId(account.id) } },
		});

		expect(error?.message).toBe('This sending account cannot be deleted.');
		expect(error?.description).toContain('Sendmux error code: invalid_parameter (HTTP 422)');
		expect(error?.description).toContain('Deactivate it instead');
	});

	it('refuses the shared account without Continue On Fail as a workflow error', async () => {
		const shared = sharedSesAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${shared.id}`).ok(shared);

		const { error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'delete', sendingAccount: byId(shared.id) } },
		});

		expect(error?.message).toBe('The shared Amazon SES account cannot be deleted (item 0)');
		expect(error?.description).toContain('To stop sending through it, use Deactivate');
		expect(api.requests.map((request) => request.method)).toEqual(['GET']);
	});
});

describe('Sending Account → Activate / Deactivate', () => {
	it.each(['activate', 'deactivate'])('%s POSTs with an Idempotency-Key kept across retries', async (operation) => {
		const shared = sharedSesAccount({ is_active: operation === 'activate', status: operation === 'activate' ? 'active' : 'inactive' });
		const path = `/providers/${shared.id}/${operation}`;
		const api = new SendmuxApi();
		api.app('GET', `/providers/${shared.id}`).ok(sharedSesAccount());
		api.app('POST', path).error(500, 'internal_error', 'Oops', { retryable: true });
		api.app('POST', path).ok(shared);

		const { items, error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation, sendingAccount: byId(shared.id) } },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([shared]);
		const posts = api.requestsTo('POST', path);
		expect(posts).toHaveLength(2);
		expect(posts[0].body).toBeUndefined();
		expect(posts[0].idempotencyKey).toMatch(new RegExp(`-sendingAccount-${operation}-${shared.id}-[0-9a-f]{32}$`));
		expect(posts[1].idempotencyKey).toBe(posts[0].idempotencyKey);
	});

	it.each([
		['activate', 'activated', 'update, deactivate'],
		['deactivate', 'deactivated', 'update, activate'],
	])('%s is checked like every other write: refused before the POST when the account does not allow it', async (operation, verb, allowed) => {
		const account = smtpAccount({
			name: 'Managed relay',
			status: 'error',
			status_reason: 'Managed by the platform',
			allowed_actions: {
				update: true,
				delete: false,
				activate: operation !== 'activate',
				deactivate: operation !== 'deactivate',
				test: false,
			},
		});
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).ok(account);

		const { error, items } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation, sendingAccount: byId(account.id) }, settings: { continueOnFail: true } },
		});

		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe(`Sendmux does not allow sending account "Managed relay" to be ${verb} (item 0)`);
		expect(items[0].json.description).toBe(`Allowed on this account: ${allowed}. Status: error (Managed by the platform).`);
		expect(api.requests.map((request) => request.method)).toEqual(['GET']);
	});

	it('Sendmux’s own refusal of an activation gets what to do instead, like the other writes', async () => {
		const gmail = gmailAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${gmail.id}`).ok(gmail);
		api.app('POST', `/providers/${gmail.id}/activate`).error(422, 'validation_error', 'Provider cannot be activated');

		const { error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'activate', sendingAccount: byId(gmail.id) } },
		});

		expect(error?.message).toBe('Provider cannot be activated');
		expect(error?.description).toContain('a connected Gmail or Outlook account needs a live connection');
	});
});

describe('Sending Account → Test Connection', () => {
	it('tests an SMTP account and outputs the result with the account ID', async () => {
		const account = smtpAccount();
		const result = { success: false, message: 'Authentication failed (535).', latency_ms: 182, tested_at: '2026-05-25T02:18:00Z' };
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).ok(account);
		api.app('POST', `/providers/${account.id}/test`).ok(result);

		const { items, error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'testConnection', sendingAccount: byId(account.id) } },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ id: account.id, ...result }]);
		expect(api.requests[1].idempotencyKey).toMatch(/-sendingAccount-test-/);
	});

	it('refuses a connected Gmail account and says to reconnect it in the app', async () => {
		const gmail = gmailAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${gmail.id}`).ok(gmail);

		const { error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'testConnection', sendingAccount: byId(gmail.id) } },
		});

		expect(error?.message).toBe(
			'"Founder Gmail" is a connected Gmail account: Test Connection checks SMTP accounts only (item 0)',
		);
		expect(error?.description).toContain('reconnect it in the Sendmux app under Sending Accounts');
		expect(api.requests.map((request) => request.method)).toEqual(['GET']);
	});

	it('refuses the shared Amazon SES account', async () => {
		const shared = sharedSesAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${shared.id}`).ok(shared);

		const { error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'testConnection', sendingAccount: byId(shared.id) } },
		});

		expect(error?.message).toBe('The shared Amazon SES account cannot be tested (item 0)');
		expect(api.requestsTo('POST', `/providers/${shared.id}/test`)).toHaveLength(0);
	});

	it('refuses an account whose allowed_actions forbid the test, listing what is allowed', async () => {
		const account = smtpAccount({
			name: 'Managed relay',
			status: 'error',
			status_reason: 'Managed by the platform',
			allowed_actions: { update: false, delete: false, activate: true, deactivate: true, test: false },
		});
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).ok(account);

		const { error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'testConnection', sendingAccount: byId(account.id) } },
		});

		expect(error?.message).toBe('Sendmux does not allow sending account "Managed relay" to be tested (item 0)');
		expect(error?.description).toBe('Allowed on this account: activate, deactivate. Status: error (Managed by the platform).');
	});
});

describe('Sending Account → limit requests', () => {
	it('Request Account Limit Increase POSTs with an Idempotency-Key', async () => {
		const data = { request_id: 'trir_clrequest00000000000000000', limit: sendingAccountsLimit({ pending_request_id: 'trir_clrequest00000000000000000', can_request_increase: false }) };
		const api = new SendmuxApi();
		api.app('POST', '/providers/limits/sending-accounts/request-increase').ok(data);

		const { items, error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'requestLimitIncrease' } },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([data]);
		expect(api.requests[0].idempotencyKey).toMatch(/-sendingAccount-requestLimitIncrease-/);
	});

	it('Request Shared SES Limit Increase POSTs with an Idempotency-Key and renders a refusal', async () => {
		const data = { request: sharedSesLimitRequest(), limit: sharedSesLimit({ pending_request_id: 'slir_clrequest000000000000000000' }) };
		const api = new SendmuxApi();
		api.app('POST', '/providers/shared-amazon-ses-limit-request').ok(data);
		api
			.app('POST', '/providers/shared-amazon-ses-limit-request')
			.error(409, 'conflict', 'A shared Amazon SES limit request is already pending.');

		const first = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'requestSharedSesLimitIncrease' } },
		});
		expect(first.error).toBeUndefined();
		expect(first.items.map((item) => item.json)).toEqual([data]);
		expect(api.requests[0].idempotencyKey).toMatch(/-sendingAccount-requestSharedSesLimitIncrease-/);

		const second = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'requestSharedSesLimitIncrease' } },
		});
		expect(second.error?.message).toBe('A shared Amazon SES limit request is already pending.');
		expect(second.error?.description).toContain('Sendmux error code: conflict (HTTP 409)');
	});

	it('Cancel Shared SES Limit Request DELETEs the request by ID', async () => {
		const data = {
			request: sharedSesLimitRequest({ status: 'cancelled', decided_at: '2026-05-26T10:00:00Z' }),
			limit: sharedSesLimit(),
		};
		const api = new SendmuxApi();
		api.app('DELETE', '/providers/shared-amazon-ses-limit-request/slir_clrequest000000000000000000').ok(data);

		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'cancelSharedSesLimitRequest',
					requestId: ' slir_clrequest000000000000000000 ',
				},
			},
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([data]);
		expect(api.requests).toHaveLength(1);
	});

	it('Cancel refuses an ID that is not a limit request ID, before any request', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({
			node: {
				parameters: { resource: 'sendingAccount', operation: 'cancelSharedSesLimitRequest', requestId: 'trir_clx' },
			},
		});

		expect(error?.message).toBe('Request ID of item 0 is not a valid ID: "trir_clx"');
		expect(error?.description).toContain('starts with slir_');
		expect(api.requests).toHaveLength(0);
	});
});
