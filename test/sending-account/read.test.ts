import { describe, expect, it } from 'vitest';

import { okEnvelope, SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import {
	gmailAccount,
	sendingAccountsLimit,
	sharedSesAccount,
	sharedSesLimit,
	sharedSesLimitRequest,
	smtpAccount,
} from './fixtures';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Sending Account → Get Many', () => {
	it('follows the cursor across 3 pages with Return All, asking for the largest page', async () => {
		const pages = [
			{ accounts: [sharedSesAccount(), smtpAccount()], next: 'cur_page2' },
			{ accounts: [smtpAccount({ name: 'Bulk SMTP' })], next: 'cur_page3' },
			{ accounts: [gmailAccount()], next: undefined },
		];
		const api = new SendmuxApi();
		api
			.app('GET', '/providers')
			.times(3)
			.replyWith((request) => {
				const index = { undefined: 0, cur_page2: 1, cur_page3: 2 }[String(request.query.cursor)] ?? 0;
				const page = pages[index];
				return [
					200,
					okEnvelope(page.accounts, { has_more: page.next !== undefined, ...(page.next ? { next_cursor: page.next } : {}) }),
				];
			});

		const { items, error } = await runNode({
			node: {
				parameters: { resource: 'sendingAccount', operation: 'getMany', returnAll: true, simplify: false },
			},
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.name)).toEqual([
			'Sendmux shared Amazon SES',
			'Transactional SMTP',
			'Bulk SMTP',
			'Founder Gmail',
		]);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(api.requests.map((r) => r.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', cursor: 'cur_page2' },
			{ limit: '100', cursor: 'cur_page3' },
		]);
		// Full items when Simplify is off.
		expect(items[1].json).toHaveProperty('smtp_host', 'smtp.example.com');
	});

	it('sends the status and type filters and stops exactly at Limit, simplified by default', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/providers').ok([smtpAccount(), smtpAccount({ name: 'Second' })], {
			pagination: { has_more: true, next_cursor: 'cur_more' },
		});

		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'getMany',
					returnAll: false,
					limit: 2,
					filters: { status: 'error', type: 'smtp' },
				},
			},
		});

		expect(error).toBeUndefined();
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].query).toEqual({ limit: '2', status: 'error', type: 'smtp' });
		expect(items).toHaveLength(2);
		expect(Object.keys(items[0].json).sort()).toEqual(
			[
				'allowed_actions',
				'from_email',
				'id',
				'is_active',
				'is_shared',
				'last_used_at',
				'name',
				'percentage',
				'status',
				'status_reason',
				'type',
			].sort(),
		);
	});
});

describe('Sending Account → Get', () => {
	it('reads one account by ID with its ETag', async () => {
		const account = smtpAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).ok(account, { headers: { ETag: 'W/"v1"' } });

		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'get',
					sendingAccount: byId(account.id),
					simplify: false,
				},
			},
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ ...account, etag: 'W/"v1"' });
	});

	it('answers "not modified" when the ETag still matches', async () => {
		const account = smtpAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).replyWith(() => [304, undefined, { ETag: 'W/"v1"' }]);

		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'get',
					sendingAccount: byId(account.id),
					options: { ifNoneMatch: 'W/"v1"' },
				},
			},
		});

		expect(error).toBeUndefined();
		expect(api.requests[0].headers['if-none-match']).toBe('W/"v1"');
		expect(items[0].json).toEqual({ id: account.id, not_modified: true, etag: 'W/"v1"' });
	});

	it('refuses an expression that yields no sending account ID, before any request', async () => {
		// A literal is already refused by the editor's regex; an expression is checked at run time.
		const api = new SendmuxApi();
		const { error } = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'get',
					sendingAccount: byId('={{ $json.accountId }}'),
				},
			},
			input: [{ json: { accountId: 'mdom_clxxxxxxxx' } }],
		});

		expect(error?.message).toBe('Sending Account in item 0 is not a sending account ID: "mdom_clxxxxxxxx"');
		expect(error?.description).toContain('starts with dprov_');
		expect(api.requests).toHaveLength(0);
	});
});

describe('Sending Account → statistics, usage and limits', () => {
	it('Get Statistics returns the counts as one item', async () => {
		const stats = {
			total: 4,
			active: 3,
			inactive: 1,
			error: 0,
			pending: 0,
			by_type: { smtp: 2, gmail_api: 1, outlook_api: 0, amazon_ses: 1 },
			by_status: { active: 3, inactive: 1, error: 0, pending: 0 },
		};
		const api = new SendmuxApi();
		api.app('GET', '/providers/stats').ok(stats);

		const { items, error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'getStatistics' } },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([stats]);
		expect(api.requests).toHaveLength(1);
	});

	it('Get Usage returns one item per account with the window it covers', async () => {
		const usage = {
			window_days: 7,
			providers: [
				{ provider_id: 'dprov_cla', sent_today: 12, total_7d: 90, sent_7d: 85, failed_7d: 2, rejected_7d: 1, pending_7d: 2 },
				{ provider_id: 'dprov_clb', sent_today: 0, total_7d: 4, sent_7d: 4, failed_7d: 0, rejected_7d: 0, pending_7d: 0 },
			],
		};
		const api = new SendmuxApi();
		api.app('GET', '/providers/usage').ok(usage);

		const { items, error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'getUsage' } },
			input: [{ json: { run: 1 } }],
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(
			usage.providers.map((provider) => ({ ...provider, window_days: 7 })),
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('Get Limits returns the account capacity and the shared Amazon SES limit', async () => {
		const limits = { sending_accounts: sendingAccountsLimit(), shared_amazon_ses: sharedSesLimit() };
		const api = new SendmuxApi();
		api.app('GET', '/providers/limits').ok(limits);

		const { items, error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'getLimits' } },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([limits]);
	});

	it('Get Shared SES Limit returns the limit and the pending request', async () => {
		const page = {
			limit: sharedSesLimit({ pending_request_id: 'slir_clrequest000000000000000000' }),
			pending_request: sharedSesLimitRequest(),
		};
		const api = new SendmuxApi();
		api.app('GET', '/providers/shared-amazon-ses-limit-request').ok(page);

		const { items, error } = await runNode({
			node: { parameters: { resource: 'sendingAccount', operation: 'getSharedSesLimit' } },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([page]);
	});
});
