import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { EVENT_OPTIONS, EVENT_TYPES as SHARED_EVENT_TYPES } from '../../shared/events';
import { idPattern } from '../../shared/locators';
import { listForMessage } from '../../shared/lists';

const EVENT_TYPES = new Set<string>(SHARED_EVENT_TYPES);

export const SECRET_ONCE_NOTICE =
	'Sendmux returns the signing secret only in this response and never again: store it now (for example in an n8n credential). Lost it? Use Rotate Secret.';

export function eventTypesProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: [],
		description:
			'Which events Sendmux posts to the URL. Include Sendmux Test to be able to use Send Test Event.',
		...overrides,
	};
}

export const mailboxIdsProperty: INodeProperties = {
	displayName: 'Mailbox IDs',
	name: 'mailboxIds',
	type: 'string',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Mailbox ID' },
	default: [],
	placeholder: 'mbx_clxxxxxxxxxxxxxxxxxxxxxxxxx',
	description:
		'Receive events only for these mailboxes (mbx_…). No IDs means every mailbox of the team. A value may also list several IDs separated by commas.',
};

/** An https URL, refused locally otherwise: Sendmux only delivers signed events over TLS. */
export function checkHttpsUrl(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : '';
	let parsed: URL | undefined;
	try {
		parsed = text ? new URL(text) : undefined;
	} catch {
		parsed = undefined;
	}
	if (!parsed || !parsed.hostname) {
		throw new NodeOperationError(ctx.getNode(), `URL of item ${itemIndex} is not a valid URL: "${text.slice(0, 100)}"`, {
			itemIndex,
			description: 'Enter the full address of the endpoint, e.g. https://hooks.example.com/sendmux.',
		});
	}
	if (parsed.protocol !== 'https:') {
		throw new NodeOperationError(
			ctx.getNode(),
			`URL of item ${itemIndex} must start with https:// (got ${parsed.protocol.replace(':', '')})`,
			{
				itemIndex,
				description:
					'Sendmux delivers signed events over HTTPS only and rejects plain http:// endpoints. Put the endpoint behind TLS (for n8n, use its https webhook URL or a tunnel) and try again.',
			},
		);
	}
	return text;
}

/** Chosen event types, at least one, each one Sendmux knows (expressions can give anything). */
export function checkEventTypes(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	const list = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
		.map((entry) => String(entry).trim())
		.filter(Boolean);
	if (list.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `Event Types is empty in item ${itemIndex}`, {
			itemIndex,
			description: 'Choose at least one event type for Sendmux to deliver.',
		});
	}
	const unknown = list.filter((entry) => !EVENT_TYPES.has(entry));
	if (unknown.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Event Types of item ${itemIndex} has unknown types: ${listForMessage(unknown)}`,
			{ itemIndex, description: `Use only: ${[...EVENT_TYPES].join(', ')}.` },
		);
	}
	return [...new Set(list)];
}

/** Mailbox IDs from the multi-value field (or an expression giving a list or a comma list). */
export function checkMailboxIds(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	const entries = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
	const ids = entries
		.flatMap((entry) => String(entry).split(/[\s,]+/))
		.map((entry) => entry.trim())
		.filter(Boolean);
	const pattern = new RegExp(idPattern('mbx'));
	const invalid = ids.filter((id) => !pattern.test(id));
	if (invalid.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Mailbox IDs of item ${itemIndex} has values that are not mailbox IDs: ${listForMessage(invalid, { max: 5 })}`,
			{
				itemIndex,
				description: 'A mailbox ID starts with mbx_, e.g. the id field of Mailbox → Get Many. Addresses are not accepted here.',
			},
		);
	}
	return [...new Set(ids)];
}

/** The warning shown once above the output of an operation that returns the secret. */
const hinted = new WeakSet<object>();

export function addSecretHint(ctx: IExecuteFunctions): void {
	if (hinted.has(ctx)) return;
	hinted.add(ctx);
	ctx.addExecutionHints({ message: SECRET_ONCE_NOTICE, type: 'warning', location: 'outputPane' });
}
