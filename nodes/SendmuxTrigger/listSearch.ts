import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPage } from '../Sendmux/methods/searchPage';

/** The team's mailboxes for the "Only These Mailboxes" picker, searchable by address. */
export async function searchMailboxes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage<{ id: string; email: string; display_name: string | null }>(
		this,
		'/mailboxes',
		paginationToken,
		filter,
		(mailbox) => ({
			name: mailbox.display_name ? `${mailbox.display_name} <${mailbox.email}>` : mailbox.email,
			value: mailbox.id,
		}),
	);
}
