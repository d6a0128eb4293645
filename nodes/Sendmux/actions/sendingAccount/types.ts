import type { IDataObject } from 'n8n-workflow';

/** What Sendmux may do with an account, as it says itself (`ProviderAllowedActions`). */
export interface AllowedActions {
	update: boolean;
	delete: boolean;
	activate: boolean;
	deactivate: boolean;
	test: boolean;
}

/** The fields of a sending account (`ProviderItem`) this resource reasons about. */
export interface SendingAccount extends IDataObject {
	id: string;
	name: string;
	type: 'smtp' | 'gmail_api' | 'outlook_api' | 'amazon_ses';
	status: 'active' | 'inactive' | 'error' | 'pending';
	is_shared: boolean;
	is_editable: boolean;
	allowed_actions: AllowedActions & IDataObject;
}

export const RESOURCE = 'sendingAccount';

/** `/providers/{id}` with the ID encoded. */
export function accountPath(accountId: string, suffix = ''): string {
	return `/providers/${encodeURIComponent(accountId)}${suffix}`;
}

/** The fields Simplify keeps: what an automation needs to choose or check an account. */
export const SIMPLIFIED_ACCOUNT_FIELDS = [
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
