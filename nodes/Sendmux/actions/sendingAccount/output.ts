import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The fields an automation usually needs to choose or check an account. */
const SIMPLE_FIELDS = [
	'id',
	'name',
	'type',
	'status',
	'status_reason',
	'is_active',
	'is_shared',
	'from_email',
	'percentage',
	'last_used_at',
	'allowed_actions',
] as const;

export function simplifyProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return only the main fields (${SIMPLE_FIELDS.join(', ')}) instead of the full account with SMTP settings, quotas and timestamps`,
		displayOptions,
	};
}

export function simplifyAccount(account: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const field of SIMPLE_FIELDS) {
		if (field in account) simple[field] = account[field];
	}
	return simple;
}
