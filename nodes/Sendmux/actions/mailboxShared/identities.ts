import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { optionalLocatorValue } from '../../shared/locators';
import { listForMessage } from '../../shared/lists';
import { collectPages } from '../../transport/pagination';
import type { MailboxAddress, MailboxIdentity } from './types';

/** A mailbox's identities, read once per node run and mailbox: every item of a run shares them. */
const identityCache = new WeakMap<object, Map<string, Promise<MailboxIdentity[]>>>();

export async function mailboxIdentities(
	ctx: IExecuteFunctions,
	itemIndex: number,
	mailbox: IDataObject,
): Promise<MailboxIdentity[]> {
	let byMailbox = identityCache.get(ctx);
	if (!byMailbox) {
		byMailbox = new Map();
		identityCache.set(ctx, byMailbox);
	}
	const key = String(mailbox.mailbox_id ?? '');
	let pending = byMailbox.get(key);
	if (!pending) {
		pending = collectPages<MailboxIdentity>(
			ctx,
			{ surface: 'mailbox', method: 'GET', path: '/mailbox/identities', qs: mailbox, itemIndex },
			{ maxPageSize: 100 },
		);
		byMailbox.set(key, pending);
		pending.catch(() => byMailbox?.delete(key));
	}
	return await pending;
}

/**
 * The From address for the identity chosen in `parameterName` (inside a collection, so
 * the path is e.g. `options.identity`), or undefined for the mailbox's default identity.
 */
export async function chosenFrom(
	ctx: IExecuteFunctions,
	parameterName: string,
	itemIndex: number,
	mailbox: IDataObject,
): Promise<MailboxAddress | undefined> {
	const { mode, value } = optionalLocatorValue(ctx, parameterName, itemIndex);
	if (!value) return undefined;
	const identities = await mailboxIdentities(ctx, itemIndex, mailbox);
	const wanted = value.toLowerCase();
	const match = identities.find((identity) =>
		mode === 'email' ? identity.email.toLowerCase() === wanted : identity.id === value,
	);
	if (!match) {
		throw new NodeOperationError(
			ctx.getNode(),
			`From Identity "${value}" is not an identity of this mailbox (item ${itemIndex})`,
			{
				itemIndex,
				description: `This mailbox can send as: ${listForMessage(identities.map((i) => i.email), { none: 'no identities' })}. Pick one from the list, or leave From Identity empty to use the default.`,
			},
		);
	}
	return { email: match.email, name: match.name ? match.name : null };
}
