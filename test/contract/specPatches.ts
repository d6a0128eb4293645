/**
 * The one place where the published specs are corrected before validation.
 *
 * Each patch mends a fault listed in ../shared/sendmux-api/README.md ("Known faults in the
 * published specs"): a validator that took the specs literally would reject what Sendmux
 * really sends. Nothing here loosens validation in general; every patch is named and
 * reported (see `patchNotes`, printed once by the test setup).
 */
import type { Surface } from './openapi';

type JsonObject = Record<string, unknown>;

export interface OpenApiDocument {
	paths: Record<string, JsonObject>;
	components: { schemas: Record<string, JsonObject>; parameters?: Record<string, JsonObject> };
	security?: Array<Record<string, string[]>>;
	[key: string]: unknown;
}

/** `allOf` of two closed objects: each branch forbids the other's fields. */
const CLOSED_ALL_OF: Record<Surface, string[]> = {
	sending: [],
	app: [
		'WebhookSubscriptionWithSecret',
		'MailboxMe',
		'MailboxMessage',
		'MailboxThread',
		'MailboxRealtimeMessage',
	],
};

/**
 * Not in the README's list, but the same family: `MailboxRealtimeMessage`'s own branch says
 * `type: [object, null]`, and `MailboxRealtimeEvent.event_type` includes `sync_required`, an
 * event about no message. Read literally (the summary branch is object-only) no valid
 * `sync_required` event could exist; the simulator sends one with `message: null`.
 * Applied after CLOSED_ALL_OF merged the branches into one object.
 */
const NULLABLE_OBJECTS: Record<Surface, string[]> = {
	sending: [],
	app: ['MailboxRealtimeMessage'],
};

/** Nullable enums whose `enum` omits `null` although `type` allows it. */
const NULLABLE_ENUMS: Record<Surface, Array<[schema: string, path: string[]]>> = {
	sending: [],
	app: [
		['WebhookEventData', ['properties', 'bounce_type']],
		['WebhookEventData', ['properties', 'message_id_kind']],
		['MailboxRealtimeEvent', ['properties', 'message_id_kind']],
		['DeliveryLogRecipient', ['properties', 'type']],
		['MailboxMessageContent', ['properties', 'body', 'properties', 'format']],
	],
};

/**
 * Responses documented with no content although they carry bytes (README: "Three responses
 * are not JSON"): attachment downloads stream the file in whatever type it has.
 */
const UNDECLARED_BYTE_RESPONSES: Record<Surface, Array<[path: string, method: string, statuses: string[]]>> = {
	sending: [],
	app: [['/mailbox/messages/{message_id}/attachments/{attachment_id}', 'get', ['200', '206']]],
};

/** Error codes the Sending API returns that the app spec's `ApiError.code` enum lacks. */
const MISSING_ERROR_CODES = ['billing_restricted', 'insufficient_credits', 'no_active_providers'];

export function applySpecPatches(
	surface: Surface,
	original: OpenApiDocument,
): { document: OpenApiDocument; notes: string[] } {
	const document = structuredClone(original);
	const schemas = document.components.schemas;
	const notes: string[] = [];

	for (const name of CLOSED_ALL_OF[surface]) {
		schemas[name] = mergeClosedAllOf(document, schemas[name], name);
		notes.push(`${surface}: ${name} read as one closed object (unsatisfiable allOf)`);
	}
	for (const name of NULLABLE_OBJECTS[surface]) {
		schemas[name].type = ['object', 'null'];
		notes.push(`${surface}: ${name} may be null (as its own second allOf branch declares)`);
	}
	for (const [name, path] of NULLABLE_ENUMS[surface]) {
		const node = path.reduce<JsonObject>((at, key) => at[key] as JsonObject, schemas[name]);
		const values = node.enum as unknown[];
		if (!values) throw new Error(`spec patch: ${name}.${path.join('.')} has no enum any more`);
		if (!values.includes(null)) node.enum = [...values, null];
		notes.push(`${surface}: ${name}.${path.filter((p) => p !== 'properties').join('.')} enum allows null`);
	}
	for (const [path, method, statuses] of UNDECLARED_BYTE_RESPONSES[surface]) {
		const responses = (document.paths[path]?.[method] as JsonObject | undefined)?.responses as
			| Record<string, JsonObject>
			| undefined;
		if (!responses) throw new Error(`spec patch: ${method.toUpperCase()} ${path} is gone; drop its patch`);
		for (const status of statuses) {
			if (responses[status].content) throw new Error(`spec patch: ${path} ${status} now documents its content; drop its patch`);
			responses[status].content = { '*/*': { schema: { type: 'string', format: 'binary' } } };
		}
		notes.push(`${surface}: ${method.toUpperCase()} ${path} ${statuses.join('/')} carries bytes of any type`);
	}
	if (surface === 'app') {
		const code = ((schemas.ApiError.properties as JsonObject).error as JsonObject)
			.properties as JsonObject;
		const codeSchema = code.code as JsonObject;
		codeSchema.enum = [...new Set([...(codeSchema.enum as string[]), ...MISSING_ERROR_CODES])];
		notes.push(`app: ApiError.code accepts ${MISSING_ERROR_CODES.join(', ')}`);
	}
	return { document, notes };
}

function mergeClosedAllOf(document: OpenApiDocument, schema: JsonObject, name: string): JsonObject {
	const parts = schema.allOf as JsonObject[] | undefined;
	if (!parts) throw new Error(`spec patch: ${name} is no longer an allOf; drop its patch`);
	const properties: JsonObject = {};
	const required = new Set<string>();
	for (const part of parts) {
		const resolved = resolveRef(document, part);
		Object.assign(properties, resolved.properties as JsonObject);
		for (const field of (resolved.required as string[] | undefined) ?? []) required.add(field);
	}
	const rest = { ...schema };
	delete rest.allOf;
	return {
		...rest,
		type: 'object',
		properties,
		required: [...required],
		additionalProperties: false,
	};
}

function resolveRef(document: OpenApiDocument, node: JsonObject): JsonObject {
	if (typeof node.$ref !== 'string') return node;
	const name = node.$ref.replace('#/components/schemas/', '');
	return resolveRef(document, document.components.schemas[name]);
}
