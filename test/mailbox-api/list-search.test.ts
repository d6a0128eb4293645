import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { runListSearch } from '../harness/listSearch';
import { SendmuxApi } from '../harness/sendmuxApi';
import { folder, identity, OWN, page } from './fixtures';

/** A list search as the n8n editor runs it: the node's current parameters, its credentials. */
async function listSearch(method: string, parameters: INodeParameters, filter?: string, token?: string) {
	return await runListSearch({ method, parameters, filter, paginationToken: token, path: 'parameters.folder' });
}

describe('list search for the Mailbox API locators', () => {
	it('mailboxes: the ones this key may use, searched by Sendmux', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/mailboxes').ok([{ id: 'mbx_sales01', email: 'sales@acme.test' }], {
			pagination: page(true, 'm2'),
		});
		const result = await listSearch('searchGrantedMailboxes', { resource: 'message' }, 'sales');
		expect(result).toEqual({ results: [{ name: 'sales@acme.test', value: 'mbx_sales01' }], paginationToken: 'm2' });
		expect(api.requests[0].query).toEqual({ q: 'sales', limit: '100' });
	});

	it('folders: of the mailbox chosen on the node, built-in ones marked, filtered by what was typed', async () => {
		const api = new SendmuxApi();
		api
			.app('GET', '/mailbox/folders')
			.ok([folder('fld_inbox', 'Inbox', { role: 'inbox' }), folder('fld_r', 'Receipts')], { pagination: page(false) });
		const result = await listSearch(
			'searchMailboxFolders',
			{ resource: 'message', mailbox: { __rl: true, mode: 'list', value: 'mbx_sales01' } },
			'in',
		);
		expect(result.results).toEqual([{ name: 'Inbox', value: 'fld_inbox' }]);
		expect(api.requests[0].query).toEqual({ mailbox_id: 'mbx_sales01', limit: '100' });
	});

	it('folders: built-in ones first in the usual order (Inbox first), a role named only when the name differs', async () => {
		new SendmuxApi()
			.app('GET', '/mailbox/folders')
			.ok(
				[
					folder('fld_r', 'Receipts'),
					folder('fld_trash', 'Trash', { role: 'trash' }),
					folder('fld_sent', 'Sent', { role: 'sent' }),
					folder('fld_inbox', 'Posteingang', { role: 'inbox' }),
				],
				{ pagination: page(false) },
			);
		const result = await listSearch('searchMailboxFolders', { resource: 'message' });
		expect(result.results.map((r) => r.name)).toEqual(['Posteingang (inbox)', 'Sent', 'Trash', 'Receipts']);
	});

	it('identities: name and address, no mailbox_id when none is chosen', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/identities').ok([identity('idn_1', OWN.email, 'Acme Agent')], { pagination: page(false) });
		const result = await listSearch('searchMailboxIdentities', { resource: 'message' });
		expect(result.results).toEqual([{ name: 'Acme Agent <agent@acme.test>', value: 'idn_1' }]);
		expect(api.requests[0].query).toEqual({ limit: '100' });
	});
});
