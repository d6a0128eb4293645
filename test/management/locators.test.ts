import { describe, expect, it } from 'vitest';

import { runListSearch } from '../harness/listSearch';
import { SendmuxApi } from '../harness/sendmuxApi';
import { domainFixture, mailboxFixture } from './fixtures';

describe('Resource locators: From List', () => {
	it('lists mailboxes page by page, named by display name and address, suspended ones marked', async () => {
		const api = new SendmuxApi();
		const active = mailboxFixture({ email: 'agent@acme.test', display_name: 'Agent' });
		const suspended = mailboxFixture({ email: 'old@acme.test', display_name: null, status: 'suspended' });
		const third = mailboxFixture({ email: 'sales@acme.test', display_name: null });
		api.app('GET', '/mailboxes').ok([active, suspended], { pagination: { has_more: true, next_cursor: 'cur_2' } });
		api.app('GET', '/mailboxes').ok([third], { pagination: { has_more: false } });
		const parameters = { resource: 'mailbox', operation: 'get' };

		const first = await runListSearch({ method: 'searchMailboxes', parameters, path: 'parameters.mailbox' });
		const second = await runListSearch({
			method: 'searchMailboxes',
			parameters,
			paginationToken: first.paginationToken as string,
		});

		expect(first).toEqual({
			results: [
				{ name: 'Agent <agent@acme.test>', value: active.id },
				{ name: 'old@acme.test (suspended)', value: suspended.id },
			],
			paginationToken: 'cur_2',
		});
		expect(second).toEqual({ results: [{ name: 'sales@acme.test', value: third.id }], paginationToken: undefined });
		expect(api.requests.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '100', cursor: 'cur_2' }]);
		expect(api.requests[0].headers.authorization).toMatch(/^Bearer smx_root_/);
	});

	it('filters mailboxes by what the user typed', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailboxes').ok(
			[mailboxFixture({ email: 'agent@acme.test', display_name: null }), mailboxFixture({ email: 'sales@acme.test', display_name: 'Sales' })],
			{ pagination: { has_more: false } },
		);

		const { results } = await runListSearch({
			method: 'searchMailboxes',
			parameters: { resource: 'mailbox', operation: 'get' },
			filter: 'SALES',
		});

		expect(results.map((r) => r.name)).toEqual(['Sales <sales@acme.test>']);
	});

	it('lists domains by name for the domain locator', async () => {
		const api = new SendmuxApi();
		const domain = domainFixture({ domain: 'mail.acme.test' });
		api.app('GET', '/domains').ok([domain, domainFixture({ domain: 'news.acme.test' })], { pagination: { has_more: false } });

		const { results } = await runListSearch({
			method: 'searchDomains',
			parameters: { resource: 'senderFilter', operation: 'get', filterTarget: 'domain' },
			filter: 'mail',
		});

		expect(results).toEqual([{ name: 'mail.acme.test', value: domain.id }]);
	});
});
