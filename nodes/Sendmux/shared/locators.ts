import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { collectPages } from '../transport/pagination';

/** A resource locator's value as n8n stores it. */
export interface LocatorValue {
	__rl?: true;
	mode: string;
	value: string;
}

/** Sendmux public IDs: a type prefix, an underscore, then lowercase letters and digits. */
export function idPattern(prefix: string): string {
	return `^${prefix}_[a-z0-9]+$`;
}

export function domainLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Domain',
		name: 'domain',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The sending domain to act on',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDomains', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'mdom_clxxxxxxxxxxxxxxxxxxxxxxxxx',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: idPattern('mdom'),
							errorMessage: 'A domain ID starts with mdom_',
						},
					},
				],
			},
			{
				displayName: 'By Domain Name',
				name: 'name',
				type: 'string',
				placeholder: 'mail.example.com',
			},
		],
		...overrides,
	};
}

/**
 * The public ID a domain locator points at. A domain name is looked up in the team's
 * domains, since Sendmux addresses domains by ID only.
 */
export async function resolveDomainId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'domain',
): Promise<string> {
	const locator = ctx.getNodeParameter(parameterName, itemIndex) as LocatorValue;
	const value = String(locator.value ?? '').trim();
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `Domain is empty in item ${itemIndex}`, {
			itemIndex,
			description: 'Pick a domain from the list, or enter its ID (mdom_…) or its name.',
		});
	}
	if (locator.mode !== 'name') return value;
	const wanted = value.toLowerCase();
	const domains = await collectPages<{ id: string; domain: string }>(
		ctx,
		{ surface: 'management', method: 'GET', path: '/domains', itemIndex },
		{ maxPageSize: 100 },
	);
	const match = domains.find((domain) => domain.domain.toLowerCase() === wanted);
	if (!match) {
		throw new NodeOperationError(ctx.getNode(), `No domain named "${value}" in this team (item ${itemIndex})`, {
			itemIndex,
			description: 'Check the spelling, or add the domain first with Domain → Create.',
		});
	}
	return match.id;
}

/**
 * The mailbox a Mailbox API request acts on, for keys granted several mailboxes. Optional:
 * left empty, Sendmux uses the key's own mailbox and no `mailbox_id` is sent.
 */
export function mailboxScopeLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Mailbox',
		name: 'mailbox',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description:
			"Which mailbox to act on, when the key may use several. Leave empty to use the key's own mailbox.",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchGrantedMailboxes', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'mbx_clxxxxxxxxxxxxxxxxxxxxxxxxx',
				validation: [
					{
						type: 'regex',
						properties: { regex: idPattern('mbx'), errorMessage: 'A mailbox ID starts with mbx_' },
					},
				],
			},
		],
		...overrides,
	};
}

/** A mailbox folder (Inbox, Archive, a label…): From List via GET /mailbox/folders, or By ID. */
export function folderLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Folder',
		name: 'folder',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The mailbox folder',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchMailboxFolders', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. fld_inbox' },
		],
		...overrides,
	};
}

/** A sender identity of the mailbox: From List via GET /mailbox/identities, By ID or By Email. */
export function identityLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'From Identity',
		name: 'identity',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: "The sender address and name to send as. Leave empty to send as the mailbox's default identity.",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchMailboxIdentities', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. idn_xxxxxxxx' },
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string',
				placeholder: 'agent@example.com',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[^\\s@]+@[^\\s@]+$', errorMessage: 'Enter an email address' },
					},
				],
			},
		],
		...overrides,
	};
}

/** The value of an optional locator, trimmed; empty when nothing was chosen. */
export function optionalLocatorValue(
	ctx: IExecuteFunctions,
	parameterName: string,
	itemIndex: number,
): { mode: string; value: string } {
	const locator = ctx.getNodeParameter(parameterName, itemIndex, { mode: 'list', value: '' }) as
		| LocatorValue
		| string;
	if (typeof locator === 'string') return { mode: 'id', value: locator.trim() };
	return { mode: locator.mode, value: String(locator.value ?? '').trim() };
}
