import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { isValidEmail } from '../../shared/addresses';

/** The storage tiers Sendmux accepts for quota_bytes. */
export const quotaProperty: INodeProperties = {
	displayName: 'Storage Quota',
	name: 'quotaBytes',
	type: 'options',
	options: [
		{ name: '1 GB', value: 1073741824 },
		{ name: '5 GB', value: 5368709120 },
		{ name: '50 GB', value: 53687091200 },
	],
	default: 5368709120,
	description: 'Storage for the mailbox. It cannot be lowered below what the mailbox already uses.',
};

/** Which sending accounts the mailbox may send through. */
export const sendScopeProperty: INodeProperties = {
	displayName: 'Send Scope',
	name: 'sendScope',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Send Scope',
	description: 'Restrict which sending accounts mail from this mailbox may go out through',
	options: [
		{
			displayName: 'Scope',
			name: 'scope',
			values: [
				{
					displayName: 'Route Through',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'All Sending Accounts', value: 'all' },
						{ name: 'Chosen Sending Accounts', value: 'providers' },
						{ name: 'A Delivery Group', value: 'group' },
					],
					default: 'all',
					description: 'Which sending accounts the mailbox may send through',
				},
				{
					displayName: 'Sending Account IDs',
					name: 'providerIds',
					type: 'string',
					default: '',
					placeholder: 'dprov_abc123, dprov_def456',
					description: 'Public IDs of the sending accounts, separated by commas',
					displayOptions: { show: { type: ['providers'] } },
				},
				{
					displayName: 'Delivery Group IDs',
					name: 'groupIds',
					type: 'string',
					default: '',
					placeholder: 'grp_abc123',
					description: 'Public IDs of the delivery groups, separated by commas',
					displayOptions: { show: { type: ['group'] } },
				},
			],
		},
	],
};

/** IDs typed as "a, b" or given as an array by an expression. */
function idList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

/**
 * The send_scope body field from the Send Scope collection, or undefined when the user set
 * none. A scope that names no IDs for its type would be refused by Sendmux: caught here.
 */
export function sendScopeBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	sendScope: IDataObject | undefined,
): IDataObject | undefined {
	const scope = sendScope?.scope as IDataObject | undefined;
	if (!scope) return undefined;
	const type = String(scope.type ?? 'all');
	if (type === 'all') return { type };
	const field = type === 'providers' ? 'providerIds' : 'groupIds';
	const label = type === 'providers' ? 'Sending Account IDs' : 'Delivery Group IDs';
	const ids = idList(scope[field]);
	const tooLong = ids.find((id) => id.length > 128);
	if (ids.length === 0 || tooLong) {
		throw new NodeOperationError(
			ctx.getNode(),
			tooLong
				? `${label} of item ${itemIndex} holds an ID longer than 128 characters`
				: `Send Scope of item ${itemIndex} routes through ${type === 'providers' ? 'chosen sending accounts' : 'a delivery group'} but ${label} is empty`,
			{ itemIndex, description: `Enter at least one ID in ${label}, separated by commas, or route through all sending accounts.` },
		);
	}
	return type === 'providers' ? { type, provider_public_ids: ids } : { type, group_public_ids: ids };
}

/** A mailbox address by the shared address rules; refused before any request. */
export function mailboxAddress(ctx: IExecuteFunctions, itemIndex: number, parameterName = 'email'): string {
	const email = String(ctx.getNodeParameter(parameterName, itemIndex) ?? '').trim().toLowerCase();
	if (!isValidEmail(email)) {
		throw new NodeOperationError(ctx.getNode(), `Email "${email}" of item ${itemIndex} is not an email address`, {
			itemIndex,
			description:
				'Enter the full mailbox address, such as agent@mail.example.com (a verified domain of the team) or name@myagent.mx.',
		});
	}
	return email;
}
