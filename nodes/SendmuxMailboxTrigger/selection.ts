import { NodeOperationError } from 'n8n-workflow';

import type { MailboxFolder, MailboxMessageSummary } from '../Sendmux/actions/mailboxShared/types';
import { listForMessage } from '../Sendmux/shared/lists';
import { collectPages } from '../Sendmux/transport/pagination';
import type { MailboxTriggerContext } from './context';
import type { TriggerSettings } from './settings';

/** The watched folder and the built-in folders that decide what counts as new mail. */
export interface FolderRoles {
	watched: string;
	watchedName: string;
	junk: Set<string>;
	sent: Set<string>;
	drafts: Set<string>;
}

const JUNK_ROLES = new Set(['junk', 'spam']);

/** The mailbox's folders by role, and the watched folder (the Inbox when none was chosen). */
export async function folderRoles(ctx: MailboxTriggerContext, settings: TriggerSettings): Promise<FolderRoles> {
	const folders = await collectPages<MailboxFolder>(
		ctx,
		{ surface: 'mailbox', method: 'GET', path: '/mailbox/folders', qs: { ...settings.mailbox } },
		{ maxPageSize: 100 },
	);
	const withRole = (roles: Set<string>) =>
		new Set(folders.filter((folder) => folder.role && roles.has(folder.role.toLowerCase())).map((folder) => folder.id));
	const watched = settings.folderId
		? folders.find((folder) => folder.id === settings.folderId)
		: folders.find((folder) => folder.role?.toLowerCase() === 'inbox');
	if (!watched) {
		throw new NodeOperationError(
			ctx.getNode(),
			settings.folderId
				? `The folder "${settings.folderId}" does not exist in this mailbox`
				: 'This mailbox has no Inbox folder',
			{
				description: `Pick the folder to watch from the list. The mailbox has: ${listForMessage(folders.map((folder) => folder.name), { none: 'no folders' })}.`,
			},
		);
	}
	return {
		watched: watched.id,
		watchedName: watched.name,
		junk: withRole(JUNK_ROLES),
		sent: withRole(new Set(['sent'])),
		drafts: withRole(new Set(['drafts', 'draft'])),
	};
}

function contains(haystack: string | null | undefined, needle: string): boolean {
	return (haystack ?? '').toLowerCase().includes(needle.toLowerCase());
}

/**
 * Whether a message is new mail this trigger reports: in the watched folder (or in Junk / Sent
 * when those are included), not a draft, not spam or sent unless asked for, and matching the
 * filters. Sendmux lists a message's folders in `folder_ids`.
 */
export function isWanted(message: MailboxMessageSummary, folders: FolderRoles, settings: TriggerSettings): boolean {
	const inAny = (ids: Set<string>) => message.folder_ids.some((id) => ids.has(id));
	const isSpam = inAny(folders.junk) || message.keywords.includes('$junk');
	const isSent = inAny(folders.sent);
	const isDraft = message.flags.draft || inAny(folders.drafts);
	if (isDraft && !folders.drafts.has(folders.watched)) return false;
	if (isSpam && !settings.includeSpam && !folders.junk.has(folders.watched)) return false;
	if (isSent && !settings.includeSent && !folders.sent.has(folders.watched)) return false;
	const inScope =
		message.folder_ids.includes(folders.watched) || (settings.includeSpam && isSpam) || (settings.includeSent && isSent);
	if (!inScope) return false;
	const { from, subject, hasAttachment } = settings.filters;
	if (from && !contains(message.from?.email, from) && !contains(message.from?.name, from)) return false;
	if (subject && !contains(message.subject, subject)) return false;
	if (hasAttachment && !message.has_attachments) return false;
	return true;
}
