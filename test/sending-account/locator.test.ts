import { describe, expect, it } from 'vitest';

import { runListSearch } from '../harness/listSearch';
import { SendmuxApi } from '../harness/sendmuxApi';
import { gmailAccount, sharedSesAccount, smtpAccount } from './fixtures';

describe('Sending Account locator → From List', () => {
	const parameters = { resource: 'sendingAccount', operation: 'get' };

	it('lists accounts with their type and status, and hands back the next cursor', async () => {
		const shared = sharedSesAccount();
		const smtp = smtpAccount({ status: 'error' });
		const gmail = gmailAccount();
		const api = new SendmuxApi();
		api.app('GET', '/providers').ok([shared, smtp, gmail], { pagination: { has_more: true, next_cursor: 'cur_2' } });

		const result = await runListSearch({ method: 'searchSendingAccounts', parameters });

		expect(result).toEqual({
			results: [
				{ name: 'Sendmux shared Amazon SES (shared Amazon SES, active)', value: shared.id },
				{ name: 'Transactional SMTP (SMTP, error)', value: smtp.id },
				{ name: 'Founder Gmail (Gmail, active)', value: gmail.id },
			],
			paginationToken: 'cur_2',
		});
		expect(api.requests[0].query).toEqual({ limit: '100' });
		expect(api.requests[0].headers.authorization).toMatch(/^Bearer smx_root_/);
	});

	it('filters by what the user typed and continues from the given page', async () => {
		const api = new SendmuxApi();
		api
			.app('GET', '/providers')
			.ok([smtpAccount({ name: 'Bulk relay' }), smtpAccount({ name: 'Receipts' })], { pagination: { has_more: false } });

		const result = await runListSearch({
			method: 'searchSendingAccounts',
			parameters,
			filter: 'BULK',
			paginationToken: 'cur_2',
		});

		expect(result.results.map((entry) => entry.name)).toEqual(['Bulk relay (SMTP, active)']);
		expect(result.paginationToken).toBeUndefined();
		expect(api.requests[0].query).toEqual({ limit: '100', cursor: 'cur_2' });
	});
});
