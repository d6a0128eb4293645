import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { isValidEmail } from '../../shared/addresses';
import { refuseOutOfSpec } from '../../shared/specRules';

/**
 * The SMTP account fields of Sendmux's create and update schemas (`ProviderCreateBody`,
 * `ProviderUpdateBody`), described with the spec's own words, and the checks that refuse
 * a bad value before any request.
 */

export const SECURITY_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'None (Unencrypted)',
		value: 'none',
		description: 'Plain SMTP; the password crosses the network unencrypted',
	},
	{ name: 'SSL', value: 'ssl', description: 'Implicit SSL from the first byte, usually port 465' },
	{
		name: 'STARTTLS',
		value: 'starttls',
		description: 'Plain connection upgraded with STARTTLS, usually port 587',
	},
	{ name: 'TLS', value: 'tls', description: 'Implicit TLS from the first byte, usually port 465' },
];

const PASSWORD_DESCRIPTION =
	'Password of the SMTP username. Sendmux stores it securely and never returns it; the node sends it in this request only and keeps it out of outputs and errors.';

const PASSWORD_HINT =
	'Saved with the workflow like any parameter; to keep it out, use External Secrets: {{ $secrets.vault.smtpPassword }}';

/** Fields every SMTP account has; required on Create, optional on Update. */
export function smtpFieldDefinitions(): Record<string, INodeProperties> {
	return {
		name: {
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'Transactional SMTP',
			description: 'Display name of the sending account (1–255 characters)',
		},
		smtpHost: {
			displayName: 'SMTP Host',
			name: 'smtpHost',
			type: 'string',
			default: '',
			placeholder: 'smtp.example.com',
			description: 'SMTP host for custom SMTP accounts: a host name only, without smtp:// or a port',
		},
		smtpPort: {
			displayName: 'SMTP Port',
			name: 'smtpPort',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 65535, numberPrecision: 0 },
			default: 587,
			description: 'SMTP port for custom SMTP accounts (587 for STARTTLS, 465 for implicit TLS/SSL)',
		},
		smtpProtocol: {
			displayName: 'Security',
			name: 'smtpProtocol',
			type: 'options',
			options: SECURITY_OPTIONS,
			default: 'starttls',
			description: 'SMTP security mode',
		},
		smtpUsername: {
			displayName: 'SMTP Username',
			name: 'smtpUsername',
			type: 'string',
			default: '',
			placeholder: 'api-user',
			description: 'SMTP username for custom SMTP accounts',
		},
		smtpPassword: {
			displayName: 'SMTP Password',
			name: 'smtpPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: PASSWORD_DESCRIPTION,
			hint: PASSWORD_HINT,
		},
	};
}

/** Sender defaults and routing; optional on both Create and Update. */
export function senderFieldDefinitions(clearable: boolean): INodeProperties[] {
	// On Update an emptied field is sent as null: Sendmux then removes the default.
	const describe = (text: string) => (clearable ? `${text} Leave empty to remove it.` : text);
	return [
		{
			displayName: 'From Email',
			name: 'fromEmail',
			type: 'string',
			placeholder: 'sender@example.com',
			default: '',
			description: describe(
				'Default From email address for an SMTP account. Connected Google and Microsoft accounts keep their authorised account address.',
			),
		},
		{
			displayName: 'From Name',
			name: 'fromName',
			type: 'string',
			placeholder: 'Acme',
			default: '',
			description: describe('Default From display name.'),
		},
		{
			displayName: 'Reply-To Email',
			name: 'replyToEmail',
			type: 'string',
			placeholder: 'support@example.com',
			default: '',
			description: describe('Default Reply-To email address.'),
		},
		{
			displayName: 'Reply-To Name',
			name: 'replyToName',
			type: 'string',
			placeholder: 'Support',
			default: '',
			description: describe('Default Reply-To display name.'),
		},
		{
			displayName: 'Routing Weight (%)',
			name: 'percentage',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 0 },
			default: 100,
			description:
				'Routing weight percentage: the share of the team’s mail Sendmux routes through this account when several are active (0–100)',
		},
		{
			displayName: 'Tracking Domain',
			name: 'trackingDomain',
			type: 'string',
			placeholder: 'click.example.com',
			default: '',
			description: describe('Custom tracking hostname, e.g. for click tracking links.'),
		},
	];
}

const QUOTA_PERIODS: INodePropertyOptions[] = [
	{ name: 'Per Day', value: 'per_day' },
	{ name: 'Per Hour', value: 'per_hour' },
	{ name: 'Per Minute', value: 'per_minute' },
	{ name: 'Per Second', value: 'per_second' },
];

export function quotasProperty(clearable: boolean): INodeProperties {
	const kinds: INodePropertyOptions[] = [
		{ name: 'Fixed Cap', value: 'fixed', description: 'At most this many messages in the period' },
		{ name: 'Range', value: 'range', description: 'A minimum and a maximum cap (Sendmux’s min/max quota range)' },
	];
	if (clearable) {
		kinds.push({ name: 'Remove', value: 'clear', description: 'Remove this quota from the account' });
	}
	return {
		displayName: 'Sending Quotas',
		name: 'quotas',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Quota',
		default: {},
		description:
			'Caps on how many messages the account sends per second, minute, hour or day. Each quota is a number for a fixed cap or a min/max range.',
		options: [
			{
				displayName: 'Quota',
				name: 'quota',
				values: [
					{
						displayName: 'Kind',
						name: 'kind',
						type: 'options',
						options: kinds,
						default: 'fixed',
					},
					{
						displayName: 'Max Messages',
						name: 'cap',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 1000,
						description: 'How many messages the account may send in each period',
						displayOptions: { show: { kind: ['fixed'] } },
					},
					{
						displayName: 'Max Messages',
						name: 'max',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 1000,
						description: 'The most messages the account may send in each period',
						displayOptions: { show: { kind: ['range'] } },
					},
					{
						displayName: 'Min Messages',
						name: 'min',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 500,
						description: 'The fewest messages Sendmux plans for in each period',
						displayOptions: { show: { kind: ['range'] } },
					},
					{
						displayName: 'Period',
						name: 'period',
						type: 'options',
						options: QUOTA_PERIODS,
						default: 'per_day',
						description: 'The period the limit applies to',
					},
				],
			},
		],
	};
}

/** The n8n parameter name → the API field name. */
const API_FIELD: Record<string, string> = {
	name: 'name',
	smtpHost: 'smtp_host',
	smtpPort: 'smtp_port',
	smtpProtocol: 'smtp_protocol',
	smtpUsername: 'smtp_username',
	smtpPassword: 'smtp_password',
	fromEmail: 'from_email',
	fromName: 'from_name',
	replyToEmail: 'reply_to_email',
	replyToName: 'reply_to_name',
	trackingDomain: 'tracking_domain',
	percentage: 'percentage',
};

const DISPLAY_NAME: Record<string, string> = {
	name: 'Name',
	smtpHost: 'SMTP Host',
	smtpPort: 'SMTP Port',
	smtpProtocol: 'Security',
	smtpUsername: 'SMTP Username',
	smtpPassword: 'SMTP Password',
	fromEmail: 'From Email',
	fromName: 'From Name',
	replyToEmail: 'Reply-To Email',
	replyToName: 'Reply-To Name',
	trackingDomain: 'Tracking Domain',
	percentage: 'Routing Weight (%)',
};

/** Fields Sendmux lets a PATCH clear with `null`. */
const NULLABLE = new Set(['fromEmail', 'fromName', 'replyToEmail', 'replyToName', 'trackingDomain']);
const EMAIL_FIELDS = new Set(['fromEmail', 'replyToEmail']);
const INTEGER_FIELDS = new Set(['smtpPort', 'percentage']);

/**
 * The request body for the fields the user gave, checked one by one. `clearable` (Update)
 * turns an empty optional field into `null`, which Sendmux reads as "remove this default".
 * Error messages name the field and the item, never a password's value.
 */
export function accountBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	clearable: boolean,
): IDataObject {
	const body: IDataObject = {};
	const refuse = (field: string, problem: string, fix: string): never => {
		throw new NodeOperationError(ctx.getNode(), `${DISPLAY_NAME[field]} in item ${itemIndex} ${problem}`, {
			itemIndex,
			description: fix,
		});
	};
	for (const [field, raw] of Object.entries(fields)) {
		const apiField = API_FIELD[field];
		if (!apiField || raw === undefined || raw === null) continue;
		if (INTEGER_FIELDS.has(field)) {
			const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
			if (typeof value !== 'number' || !Number.isInteger(value)) {
				refuse(field, 'must be a whole number', `Set ${DISPLAY_NAME[field]} to a whole number.`);
			}
			// Its range is the spec's rule, checked with the whole body below.
			body[apiField] = value;
			continue;
		}
		// The password is taken exactly as typed: spaces can be part of it.
		const value = field === 'smtpPassword' ? String(raw) : String(raw).trim();
		if (value === '') {
			if (clearable && NULLABLE.has(field)) {
				body[apiField] = null;
				continue;
			}
			if (!NULLABLE.has(field)) {
				refuse(field, 'is empty', `Enter a value for ${DISPLAY_NAME[field]}, or remove the field to leave it unchanged.`);
			}
			continue;
		}
		if (EMAIL_FIELDS.has(field) && !isValidEmail(value)) {
			refuse(
				field,
				`is not an email address: "${value}"`,
				'Enter a plain address such as sender@example.com, without a display name.',
			);
		}
		// A scheme, a path or a "host:port" is a common paste; IPv6 literals keep their colons.
		if (field === 'smtpHost' && (/[\s/]/.test(value) || /^[^:]+:\d+$/.test(value))) {
			refuse(
				field,
				`must be a host name only: "${value}"`,
				'Enter just the host, such as smtp.example.com: no smtp:// prefix, no port (set SMTP Port instead) and no spaces.',
			);
		}
		body[apiField] = value;
	}
	// Ranges and lengths are the spec's rules (shared/specRules), checked before Update reads
	// the account, so nothing is sent for a bad value; the message never quotes a password.
	refuseOutOfSpec(ctx.getNode(), {
		method: clearable ? 'PATCH' : 'POST',
		path: clearable ? '/providers/{public_id}' : '/providers',
		body,
		itemIndex,
	});
	return body;
}

interface QuotaEntry {
	period?: string;
	kind?: string;
	cap?: number;
	min?: number;
	max?: number;
}

/** The `quotas` object for the quotas the user added, or undefined when none. */
export function quotasBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const collection = ctx.getNodeParameter('quotas', itemIndex, {}) as { quota?: QuotaEntry[] };
	const entries = collection.quota ?? [];
	if (entries.length === 0) return undefined;
	const quotas: IDataObject = {};
	const refuse = (message: string, fix: string): never => {
		throw new NodeOperationError(ctx.getNode(), `Sending Quotas in item ${itemIndex}: ${message}`, {
			itemIndex,
			description: fix,
		});
	};
	const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;
	for (const entry of entries) {
		const period = entry.period ?? 'per_day';
		const label = QUOTA_PERIODS.find((option) => option.value === period)?.name ?? period;
		if (period in quotas) {
			refuse(`${label} is set twice`, 'Keep one quota per period.');
		}
		if (entry.kind === 'clear') {
			quotas[period] = null;
		} else if (entry.kind === 'range') {
			if (!isCount(entry.min) || !isCount(entry.max)) {
				refuse(
					`the ${label} range needs whole numbers above 0`,
					'Set Min Messages and Max Messages to whole numbers of 1 or more.',
				);
			}
			if ((entry.min as number) > (entry.max as number)) {
				refuse(
					`the ${label} range has Min Messages (${entry.min}) above Max Messages (${entry.max})`,
					'Swap the two values, or use a Fixed Cap.',
				);
			}
			quotas[period] = { min: entry.min, max: entry.max };
		} else {
			if (!isCount(entry.cap)) {
				refuse(`the ${label} cap must be a whole number above 0`, 'Set Max Messages to 1 or more, or remove the quota.');
			}
			quotas[period] = entry.cap;
		}
	}
	return quotas;
}
