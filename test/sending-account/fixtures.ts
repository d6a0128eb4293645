import type { IDataObject } from 'n8n-workflow';

/**
 * Sending accounts as Sendmux returns them (`ProviderItem` and friends in openapi-app.json).
 * Every reply built from these is validated against the spec by the harness.
 */

export type AccountType = 'smtp' | 'gmail_api' | 'outlook_api' | 'amazon_ses';

export interface AccountOverrides extends IDataObject {
	id?: string;
	name?: string;
	type?: AccountType;
	status?: 'active' | 'inactive' | 'error' | 'pending';
}

/** A `ProviderItem`. */
export type AccountFixture = IDataObject & { id: string; name: string };

let sequence = 0;

export function accountId(): string {
	sequence += 1;
	return `dprov_cl${String(sequence).padStart(23, '0')}`;
}

const ALL_ALLOWED = { update: true, delete: true, activate: true, deactivate: true, test: true };

/** A custom SMTP account, active, everything allowed. */
export function smtpAccount(overrides: AccountOverrides = {}): AccountFixture {
	return {
		id: accountId(),
		name: 'Transactional SMTP',
		type: 'smtp',
		status: 'active',
		status_reason: null,
		is_active: true,
		is_shared: false,
		is_editable: true,
		allowed_actions: { ...ALL_ALLOWED },
		smtp_host: 'smtp.example.com',
		smtp_port: 587,
		smtp_protocol: 'starttls',
		smtp_username: 'api-user',
		has_smtp_password: true,
		from_email: 'sender@example.com',
		from_name: 'Acme',
		reply_to_email: null,
		reply_to_name: null,
		oauth_email: null,
		has_refresh_token: false,
		quotas: { per_second: null, per_minute: null, per_hour: { min: 100, max: 100 }, per_day: null },
		percentage: 100,
		tracking_domain: null,
		created_at: '2026-05-25T02:18:00Z',
		updated_at: '2026-05-25T02:18:00Z',
		last_tested_at: null,
		last_used_at: '2026-05-26T08:00:00Z',
		...overrides,
	};
}

/** The team's shared Amazon SES account: Sendmux allows activate/deactivate only. */
export function sharedSesAccount(overrides: AccountOverrides = {}): AccountFixture {
	return smtpAccount({
		name: 'Sendmux shared Amazon SES',
		type: 'amazon_ses',
		is_shared: true,
		is_editable: false,
		allowed_actions: { update: false, delete: false, activate: true, deactivate: true, test: false },
		smtp_host: null,
		smtp_port: null,
		smtp_protocol: null,
		smtp_username: null,
		has_smtp_password: false,
		from_email: null,
		from_name: null,
		quotas: { per_second: null, per_minute: null, per_hour: null, per_day: { min: 200, max: 200 } },
		...overrides,
	});
}

/** A connected Gmail account (OAuth): it cannot be tested through the API. */
export function gmailAccount(overrides: AccountOverrides = {}): AccountFixture {
	return smtpAccount({
		name: 'Founder Gmail',
		type: 'gmail_api',
		allowed_actions: { ...ALL_ALLOWED, test: false },
		smtp_host: null,
		smtp_port: null,
		smtp_protocol: null,
		smtp_username: null,
		has_smtp_password: false,
		oauth_email: 'founder@example.com',
		from_email: 'founder@example.com',
		has_refresh_token: true,
		...overrides,
	});
}

export function sharedSesLimit(overrides: IDataObject = {}): IDataObject {
	return {
		provider_id: 'dprov_clshared0000000000000000000',
		daily_limit: 200,
		sent_today: 170,
		threshold_usage: 160,
		usage_ratio: 0.85,
		is_near_limit: true,
		can_request_increase: true,
		pending_request_id: null,
		...overrides,
	};
}

export function sharedSesLimitRequest(overrides: IDataObject = {}): IDataObject {
	return {
		id: 'slir_clrequest000000000000000000',
		status: 'pending',
		current_daily_limit: 200,
		current_daily_sent: 170,
		approved_daily_limit: null,
		decision_note: null,
		created_at: '2026-05-26T09:00:00Z',
		decided_at: null,
		...overrides,
	};
}

export function sendingAccountsLimit(overrides: IDataObject = {}): IDataObject {
	return {
		resource_type: 'sending_accounts',
		usage: 3,
		max_allowed: 3,
		reserved: 0,
		threshold_usage: 3,
		usage_ratio: 1,
		is_at_limit: true,
		is_near_limit: true,
		can_request_increase: true,
		pending_request_id: null,
		...overrides,
	};
}
