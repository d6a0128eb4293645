/**
 * The one checker of option values against Sendmux's own constraints (enum, minimum,
 * maximum, lengths, pattern, item counts), run on every request before it is sent: values
 * from expressions bypass the editor's option lists and bounds, and would otherwise reach
 * Sendmux (or silently change what is asked). The constraints are the specs', carried in
 * code (specConstraints.ts, checked against the specs by a test).
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

import { SPEC_CONSTRAINTS } from './specConstraints';

export interface SpecConstraint {
	/** Where the value travels: `query.limit`, `body.rules[].type`, `body.send_scope.type`. */
	at: string;
	enum?: readonly unknown[];
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number;
	exclusiveMaximum?: number;
	minLength?: number;
	maxLength?: number;
	pattern?: string;
	minItems?: number;
	maxItems?: number;
}

/** A value that breaks a constraint: the user's field, what is wrong, and what is allowed. */
export interface SpecViolation {
	field: string;
	problem: string;
	allowed: string;
}

/**
 * The fields as the node's forms name them, where the API's name differs. By `at`, and by
 * `METHOD /path at` where one API name means different fields on different routes.
 */
const FIELD_LABELS: Record<string, string> = {
	'query.limit': 'Limit',
	'query.days': 'Days',
	'query.granularity': 'Granularity',
	'query.window': 'Period',
	'query.type': 'Type',
	'query.status': 'Status',
	'query.event_type': 'Event Type',
	'query.result': 'Result',
	'query.sort_by': 'Sort By',
	'query.sort_direction': 'Sort Direction',
	'query.sort': 'Order',
	'query.part': 'Body Part',
	'query.max_body_chars': 'Max Characters',
	'query.include_headers': 'Headers',
	'query.include_attachments': 'Attachments',
	'query.min_size_bytes': 'Min Size (Bytes)',
	'query.max_size_bytes': 'Max Size (Bytes)',
	'query.undo_status': 'Undo Status',
	'query.scope': 'Scope',
	'query.resource_type': 'Resource Type',
	'query.include_deleted': 'Include Deleted',
	'query.filename': 'File Name',
	'query.content_type': 'MIME Type',
	'body.mode': 'Mode',
	'body.rules': 'Rules',
	'body.rules[].type': 'Rules → Type',
	'body.rules[].note': 'Rules → Note',
	'body.quota_bytes': 'Storage Quota',
	'body.display_name': 'Display Name',
	'body.email': 'Email',
	'body.send_scope.type': 'Send Scope',
	'body.send_scope.provider_public_ids[]': 'Sending Account IDs',
	'body.send_scope.group_public_ids[]': 'Group IDs',
	'body.app_name': 'Key Name',
	'body.event_types': 'Event Types',
	'body.event_types[]': 'Event Types',
	'body.name': 'Name',
	'body.ids': 'Message IDs',
	'body.max_body_chars': 'Max Characters',
	'body.part': 'Body Part',
	'body.include_headers': 'Headers',
	'body.include_attachments': 'Attachments',
	'body.body_mode': 'Output',
	'body.size_bytes': 'File Size',
	'body.filename': 'File Name',
	'body.content_type': 'MIME Type',
	'body.text_signature': 'Text Signature',
	'body.html_signature': 'HTML Signature',
	'body.smtp_host': 'SMTP Host',
	'body.smtp_port': 'SMTP Port',
	'body.smtp_protocol': 'Security',
	'body.smtp_username': 'SMTP Username',
	'body.smtp_password': 'SMTP Password',
	'body.percentage': 'Routing Weight (%)',
	'body.from_email': 'From Email',
	'body.from_name': 'From Name',
	'body.reply_to_email': 'Reply-To Email',
	'body.reply_to_name': 'Reply-To Name',
	'body.tracking_domain': 'Tracking Domain',
	'body.quotas.per_second': 'Sending Quotas → Per Second',
	'body.quotas.per_second.min': 'Sending Quotas → Per Second (Min)',
	'body.quotas.per_second.max': 'Sending Quotas → Per Second (Max)',
	'body.quotas.per_minute': 'Sending Quotas → Per Minute',
	'body.quotas.per_minute.min': 'Sending Quotas → Per Minute (Min)',
	'body.quotas.per_minute.max': 'Sending Quotas → Per Minute (Max)',
	'body.quotas.per_hour': 'Sending Quotas → Per Hour',
	'body.quotas.per_hour.min': 'Sending Quotas → Per Hour (Min)',
	'body.quotas.per_hour.max': 'Sending Quotas → Per Hour (Max)',
	'body.quotas.per_day': 'Sending Quotas → Per Day',
	'body.quotas.per_day.min': 'Sending Quotas → Per Day (Min)',
	'body.quotas.per_day.max': 'Sending Quotas → Per Day (Max)',
	'body.to': 'To',
	'body.sha256': 'SHA-256',
	'query.ping': 'Ping Interval',
	'query.close_after': 'Close After',
	'POST /domains body.mode': 'Mode',
	'PATCH /mailbox/identity body.name': 'Name',
	'POST /mailboxes/{public_id}/keys body.app_name': 'Key Name',
};

/** Every label a constraint can be shown with, for the test that none is missing. */
export function fieldLabel(route: string, at: string): string | undefined {
	return FIELD_LABELS[`${route} ${at}`] ?? FIELD_LABELS[at];
}

interface Route {
	key: string;
	method: string;
	regex: RegExp;
	literalSegments: number;
}

let routes: Route[] | undefined;

/** The spec routes with constraints, literal paths before templated ones (`/count` before `/{id}`). */
function knownRoutes(): Route[] {
	routes ??= Object.keys(SPEC_CONSTRAINTS)
		.map((key) => {
			const [method, template] = key.split(' ');
			const pattern = template
				.split('/')
				.map((segment) => (segment.startsWith('{') ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\:]/g, '\\$&')))
				.join('/');
			return {
				key,
				method,
				regex: new RegExp(`^${pattern}$`),
				literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length,
			};
		})
		.sort((a, b) => b.literalSegments - a.literalSegments);
	return routes;
}

/** The route key (`GET /emails/metrics`) of a request path, if the specs constrain it. */
export function routeOf(method: string, path: string): string | undefined {
	const bare = path.split('?')[0];
	return knownRoutes().find((route) => route.method === method.toUpperCase() && route.regex.test(bare))?.key;
}

/** The values at `at` (`body.rules[].type`) of a request, with their entry numbers in lists. */
function valuesAt(source: { query?: unknown; body?: unknown }, at: string): Array<{ value: unknown; entries: number[] }> {
	const [root, ...rest] = at.split('.');
	let found: Array<{ value: unknown; entries: number[] }> = [{ value: root === 'query' ? source.query : source.body, entries: [] }];
	for (const part of rest.join('.').split(/(?=\[\])|\./).filter(Boolean)) {
		if (part === '[]') {
			found = found.flatMap(({ value, entries }) =>
				Array.isArray(value) ? value.map((entry: unknown, index) => ({ value: entry, entries: [...entries, index + 1] })) : [],
			);
			continue;
		}
		const name = part.replace(/^\[\]/, '');
		found = found.flatMap(({ value, entries }) =>
			value && typeof value === 'object' && !Array.isArray(value) && name in value
				? [{ value: (value as Record<string, unknown>)[name], entries }]
				: [],
		);
	}
	return found.filter(({ value }) => value !== undefined && value !== null);
}

function shown(value: unknown): string {
	const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
	return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function check(constraint: SpecConstraint, value: unknown, inQuery: boolean): Omit<SpecViolation, 'field'> | undefined {
	if (constraint.enum) {
		const allowed = constraint.enum.map((entry) => JSON.stringify(entry)).join(', ');
		const same = (entry: unknown) => (inQuery ? String(entry) === String(value) : entry === value);
		if (!constraint.enum.some(same)) return { problem: `is ${shown(value)}`, allowed: `one of ${allowed}` };
	}
	if (typeof value === 'number' || (inQuery && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))) {
		const number = Number(value);
		const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = constraint;
		if (minimum !== undefined && number < minimum) return { problem: `is ${number}`, allowed: `${minimum} or more` };
		if (maximum !== undefined && number > maximum) return { problem: `is ${number}`, allowed: `at most ${maximum}` };
		if (exclusiveMinimum !== undefined && number <= exclusiveMinimum) return { problem: `is ${number}`, allowed: `more than ${exclusiveMinimum}` };
		if (exclusiveMaximum !== undefined && number >= exclusiveMaximum) return { problem: `is ${number}`, allowed: `less than ${exclusiveMaximum}` };
	}
	if (typeof value === 'string') {
		const length = [...value].length;
		if (constraint.minLength !== undefined && length < constraint.minLength) {
			return { problem: length === 0 ? 'is empty' : `is ${length} characters long`, allowed: `at least ${constraint.minLength} characters` };
		}
		if (constraint.maxLength !== undefined && length > constraint.maxLength) {
			return { problem: `is ${length} characters long`, allowed: `at most ${constraint.maxLength} characters` };
		}
		if (constraint.pattern !== undefined && !new RegExp(constraint.pattern, 'u').test(value)) {
			return { problem: `is ${shown(value)}`, allowed: `text matching ${constraint.pattern}` };
		}
	}
	if (Array.isArray(value)) {
		if (constraint.minItems !== undefined && value.length < constraint.minItems) {
			return { problem: `lists ${value.length} entries`, allowed: `at least ${constraint.minItems}` };
		}
		if (constraint.maxItems !== undefined && value.length > constraint.maxItems) {
			return { problem: `lists ${value.length} entries`, allowed: `at most ${constraint.maxItems}` };
		}
	}
	return undefined;
}

/** The first value of a request that Sendmux's spec does not allow, or undefined. */
export function specViolation(request: CheckedRequest): SpecViolation | undefined {
	const route = routeOf(request.method, request.path);
	if (!route) return undefined;
	const body = Buffer.isBuffer(request.body) ? undefined : request.body;
	for (const constraint of SPEC_CONSTRAINTS[route]) {
		const inQuery = constraint.at.startsWith('query.');
		for (const { value, entries } of valuesAt({ query: request.qs, body }, constraint.at)) {
			const broken = check(constraint, value, inQuery);
			if (!broken) continue;
			const label = fieldLabel(route, constraint.at) ?? constraint.at;
			return { field: entries.length ? `${label} (entry ${entries.join('.')})` : label, ...broken };
		}
	}
	return undefined;
}

/** A request (its path may be the spec's template, `/mailboxes/{public_id}/keys`) as far as it is known. */
export interface CheckedRequest {
	method: string;
	path: string;
	qs?: unknown;
	body?: unknown;
	itemIndex?: number;
}

/**
 * Refuses a request holding a value Sendmux's spec does not allow, naming the field and the
 * item. The transport runs it on every request; an operation that reads before it writes
 * runs it first, so nothing at all is sent.
 */
export function refuseOutOfSpec(node: INode, request: CheckedRequest): void {
	const violation = specViolation(request);
	if (!violation) return;
	const { itemIndex } = request;
	const where = itemIndex === undefined ? '' : ` of item ${itemIndex}`;
	throw new NodeOperationError(node, `${violation.field}${where} ${violation.problem}; Sendmux accepts ${violation.allowed}`, {
		itemIndex,
		description: `Nothing was sent. Choose a value from the field's list, or make the expression give ${violation.allowed}.`,
	});
}
