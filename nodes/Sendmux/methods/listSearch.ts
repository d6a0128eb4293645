import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPage } from './searchPage';

export async function searchDomains(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage<{ id: string; domain: string; status?: string }>(
		this,
		'/domains',
		paginationToken,
		filter,
		(domain) => ({ name: domain.domain, value: domain.id }),
	);
}

export async function searchMailboxes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage<{ id: string; email: string; display_name: string | null; status: string }>(
		this,
		'/mailboxes',
		paginationToken,
		filter,
		(mailbox) => {
			const address = mailbox.display_name ? `${mailbox.display_name} <${mailbox.email}>` : mailbox.email;
			// Suspended mailboxes stay pickable (to resume them) but say so.
			const name = mailbox.status === 'active' ? address : `${address} (${mailbox.status})`;
			return { name, value: mailbox.id };
		},
	);
}

export async function searchWebhooks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage<{ id: string; name: string | null; url: string }>(
		this,
		'/webhooks',
		paginationToken,
		filter,
		// Names are optional: the URL tells unnamed subscriptions apart.
		(webhook) => ({ name: webhook.name ? `${webhook.name} (${webhook.url})` : webhook.url, value: webhook.id }),
	);
}

/** `mailbox_id` for the Mailbox picked on the node, so folder and identity lists follow it. */
function chosenMailboxQs(ctx: ILoadOptionsFunctions): IDataObject {
	const locator = ctx.getCurrentNodeParameter('mailbox') as { value?: unknown } | string | undefined;
	const value = String((typeof locator === 'object' ? locator?.value : locator) ?? '').trim();
	return value ? { mailbox_id: value } : {};
}

export async function searchGrantedMailboxes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage<{ id: string; email: string }>(
		this,
		'/mailbox/mailboxes',
		paginationToken,
		filter,
		(mailbox) => ({ name: mailbox.email, value: mailbox.id }),
		'mailbox',
		filter?.trim() ? { q: filter.trim() } : {},
	);
}

export async function searchMailboxFolders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const roles = new Map<string, string | null>();
	const page = await searchPage<{ id: string; name: string; role: string | null }>(
		this,
		'/mailbox/folders',
		paginationToken,
		filter,
		(folder) => {
			roles.set(folder.id, folder.role);
			return { name: folderLabel(folder), value: folder.id };
		},
		'mailbox',
		chosenMailboxQs(this),
	);
	const rank = (id: unknown) => builtInRank(roles.get(String(id)) ?? null);
	page.results.sort((a, b) => rank(a.value) - rank(b.value));
	return page;
}

/** Built-in folders in the order mail apps show them; the others follow in Sendmux's order. */
const BUILT_IN_ORDER = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'spam', 'trash'];

function builtInRank(role: string | null): number {
	const index = role ? BUILT_IN_ORDER.indexOf(role.toLowerCase()) : -1;
	return index === -1 ? BUILT_IN_ORDER.length : index;
}

/** "Inbox", or "Posteingang (inbox)" when the name does not already say the role. */
function folderLabel(folder: { name: string; role: string | null }): string {
	return folder.role && folder.role.toLowerCase() !== folder.name.toLowerCase()
		? `${folder.name} (${folder.role})`
		: folder.name;
}

export async function searchMailboxIdentities(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage<{ id: string; email: string; name: string }>(
		this,
		'/mailbox/identities',
		paginationToken,
		filter,
		(identity) => ({
			name: identity.name ? `${identity.name} <${identity.email}>` : identity.email,
			value: identity.id,
		}),
		'mailbox',
		chosenMailboxQs(this),
	);
}

const SENDING_ACCOUNT_TYPE_LABELS: Record<string, string> = {
	smtp: 'SMTP',
	gmail_api: 'Gmail',
	outlook_api: 'Outlook',
	amazon_ses: 'Amazon SES',
};

export async function searchSendingAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage<{ id: string; name: string; type: string; status: string; is_shared: boolean }>(
		this,
		'/providers',
		paginationToken,
		filter,
		// Type and status in the name: they decide what may be done with the account
		// (the shared one cannot be edited, connected ones cannot be tested).
		(account) => ({
			name: `${account.name} (${account.is_shared ? 'shared ' : ''}${
				SENDING_ACCOUNT_TYPE_LABELS[account.type] ?? account.type
			}, ${account.status})`,
			value: account.id,
		}),
	);
}
