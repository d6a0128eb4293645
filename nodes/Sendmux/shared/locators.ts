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

/**
 * What a locator points at, for the locator's modes and for resolving its value: Sendmux
 * addresses things by public ID only, so a name or address is looked up in the team's list.
 */
interface LocatorKind {
	/** Word used in messages: "domain", "mailbox". */
	noun: string;
	idPrefix: string;
	/** The mode that takes a human name, and the list field it matches (case-insensitive). */
	nameMode: string;
	nameModeLabel: string;
	nameField: string;
	namePlaceholder: string;
	listPath: string;
	searchListMethod: string;
	/** How to create one, for "not found" errors. */
	howToCreate: string;
}

const DOMAIN: LocatorKind = {
	noun: 'domain',
	idPrefix: 'mdom',
	nameMode: 'name',
	nameModeLabel: 'By Domain Name',
	nameField: 'domain',
	namePlaceholder: 'mail.example.com',
	listPath: '/domains',
	searchListMethod: 'searchDomains',
	howToCreate: 'add the domain first with Domain → Create',
};

const MAILBOX: LocatorKind = {
	noun: 'mailbox',
	idPrefix: 'mbx',
	nameMode: 'address',
	nameModeLabel: 'By Address',
	nameField: 'email',
	namePlaceholder: 'agent@example.com',
	listPath: '/mailboxes',
	searchListMethod: 'searchMailboxes',
	howToCreate: 'create it first with Mailbox → Create',
};

function capitalised(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

function locator(kind: LocatorKind, overrides: Partial<INodeProperties>): INodeProperties {
	return {
		displayName: capitalised(kind.noun),
		name: kind.noun,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${kind.noun} to act on`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: kind.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `${kind.idPrefix}_clxxxxxxxxxxxxxxxxxxxxxxxxx`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: idPattern(kind.idPrefix),
							errorMessage: `A ${kind.noun} ID starts with ${kind.idPrefix}_`,
						},
					},
				],
			},
			{
				displayName: kind.nameModeLabel,
				name: kind.nameMode,
				type: 'string',
				placeholder: kind.namePlaceholder,
			},
		],
		...overrides,
	};
}

export function domainLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return locator(DOMAIN, { description: 'The sending domain to act on', ...overrides });
}

export function mailboxLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return locator(MAILBOX, overrides);
}

/** Team lists already read in this node run, so many items named by address cost one listing. */
const listCache = new WeakMap<object, Map<string, Promise<Array<Record<string, unknown>>>>>();

function teamList(ctx: IExecuteFunctions, path: string, itemIndex: number) {
	let byPath = listCache.get(ctx);
	if (!byPath) {
		byPath = new Map();
		listCache.set(ctx, byPath);
	}
	let pending = byPath.get(path);
	if (!pending) {
		pending = collectPages<Record<string, unknown>>(
			ctx,
			{ surface: 'management', method: 'GET', path, itemIndex },
			{ maxPageSize: 100 },
		);
		byPath.set(path, pending);
		pending.catch(() => byPath?.delete(path));
	}
	return pending;
}

async function resolveLocatorId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	kind: LocatorKind,
	parameterName: string,
): Promise<string> {
	const locatorValue = ctx.getNodeParameter(parameterName, itemIndex) as LocatorValue;
	const value = String(locatorValue.value ?? '').trim();
	const label = capitalised(kind.noun);
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty in item ${itemIndex}`, {
			itemIndex,
			description: `Pick a ${kind.noun} from the list, or enter its ID (${kind.idPrefix}_…) or its ${kind.nameModeLabel.replace('By ', '').toLowerCase()}.`,
		});
	}
	if (locatorValue.mode !== kind.nameMode) {
		if (!new RegExp(idPattern(kind.idPrefix)).test(value)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${label} of item ${itemIndex} is not a ${kind.noun} ID: "${value.slice(0, 100)}" (those look like ${kind.idPrefix}_…)`,
				{
					itemIndex,
					description: `Enter the ${kind.noun}'s ID, or switch the ${label} field to "${kind.nameModeLabel}" to use its ${kind.nameField === 'email' ? 'address' : 'name'}.`,
				},
			);
		}
		return value;
	}
	const wanted = value.toLowerCase();
	const entries = await teamList(ctx, kind.listPath, itemIndex);
	const match = entries.find((entry) => String(entry[kind.nameField]).toLowerCase() === wanted);
	if (!match) {
		throw new NodeOperationError(
			ctx.getNode(),
			`No ${kind.noun} "${value}" in this team (item ${itemIndex})`,
			{ itemIndex, description: `Check the spelling, or ${kind.howToCreate}.` },
		);
	}
	return String(match.id);
}

/** The public ID a domain locator points at (by list, ID or domain name). */
export async function resolveDomainId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'domain',
): Promise<string> {
	return await resolveLocatorId(ctx, itemIndex, DOMAIN, parameterName);
}

/** The public ID a mailbox locator points at (by list, ID or address). */
export async function resolveMailboxId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'mailbox',
): Promise<string> {
	return await resolveLocatorId(ctx, itemIndex, MAILBOX, parameterName);
}

export function webhookLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Webhook',
		name: 'webhook',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The webhook subscription to act on',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchWebhooks', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'whk_clxxxxxxxxxxxxxxxxxxxxxxxxx',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: idPattern('whk'),
							errorMessage: 'A webhook ID starts with whk_',
						},
					},
				],
			},
		],
		...overrides,
	};
}

/**
 * The public ID a webhook locator points at. Checked here too, since expressions skip the
 * editor's regex validation and a malformed ID would only come back as a 404.
 */
export function resolveWebhookId(ctx: IExecuteFunctions, itemIndex: number, parameterName = 'webhook'): string {
	const locator = ctx.getNodeParameter(parameterName, itemIndex) as LocatorValue | string;
	const value = String((typeof locator === 'string' ? locator : locator.value) ?? '').trim();
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `Webhook is empty in item ${itemIndex}`, {
			itemIndex,
			description: 'Pick a webhook from the list, or enter its ID (whk_…).',
		});
	}
	if (!new RegExp(idPattern('whk')).test(value)) {
		throw new NodeOperationError(ctx.getNode(), `Webhook of item ${itemIndex} is not a webhook ID: "${value.slice(0, 100)}"`, {
			itemIndex,
			description: 'A webhook ID starts with whk_ followed by lowercase letters and digits, e.g. the id field of Webhook → Get Many.',
		});
	}
	return value;
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

export const SENDING_ACCOUNT_ID_PREFIX = 'dprov';

export function sendingAccountLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Sending Account',
		name: 'sendingAccount',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The sending account to act on: a custom SMTP account, a connected Gmail or Outlook account, or the shared Amazon SES account',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchSendingAccounts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'dprov_clxxxxxxxxxxxxxxxxxxxxxxxxx',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: idPattern(SENDING_ACCOUNT_ID_PREFIX),
							errorMessage: 'A sending account ID starts with dprov_',
						},
					},
				],
			},
		],
		...overrides,
	};
}

/**
 * The public ID a sending account locator points at. Checked here too, because an
 * expression bypasses the editor's regex: a name or another resource's ID would otherwise
 * reach Sendmux and come back as a bare 404.
 */
export function resolveSendingAccountId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'sendingAccount',
): string {
	const locator = ctx.getNodeParameter(parameterName, itemIndex) as LocatorValue | string;
	const value = String((typeof locator === 'string' ? locator : locator.value) ?? '').trim();
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `Sending Account is empty in item ${itemIndex}`, {
			itemIndex,
			description: 'Pick a sending account from the list, or enter its ID (dprov_…).',
		});
	}
	if (!new RegExp(idPattern(SENDING_ACCOUNT_ID_PREFIX)).test(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Sending Account in item ${itemIndex} is not a sending account ID: "${value}"`,
			{
				itemIndex,
				description:
					'A sending account ID starts with dprov_ followed by lowercase letters and digits: pick the account from the list, or use the id field of Sending Account → Get Many.',
			},
		);
	}
	return value;
}
