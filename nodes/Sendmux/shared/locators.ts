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
		throw new NodeOperationError(ctx.getNode(), `"${value}" is not a webhook ID (item ${itemIndex})`, {
			itemIndex,
			description: 'A webhook ID starts with whk_ followed by lowercase letters and digits, e.g. the id field of Webhook → Get Many.',
		});
	}
	return value;
}
