/**
 * Sendmux's published OpenAPI specs as an executable contract: every request our nodes send
 * in tests, and every reply a test or the simulator gives, is checked here.
 *
 * The specs are vendored under ./specs (refresh with `node scripts/refresh-specs.mjs`).
 * Known faults in them are patched in memory in ./specPatches.ts, the one visible place.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readPackageJson } from '../harness/host.mjs';
import { applySpecPatches, type OpenApiDocument } from './specPatches';

export type Surface = 'sending' | 'app';

/** Base paths of the two surfaces: request paths are matched after these. */
export const SURFACE_BASE_PATH = '/api/v1';

export interface ContractRequest {
	method: string;
	/** Path after the surface base URL, e.g. `/emails/send`. */
	path: string;
	query: Record<string, string | string[] | undefined>;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON body, raw text, Buffer, or undefined when there is none. */
	body?: unknown;
}

export interface ContractResponse {
	status: number;
	headers?: Record<string, string | string[] | undefined>;
	body?: unknown;
}

interface ParameterObject {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required?: boolean;
	schema?: JsonSchema;
}

type JsonSchema = Record<string, unknown>;

interface MediaObject {
	schema?: JsonSchema;
}

interface OperationObject {
	operationId: string;
	parameters?: Array<ParameterObject | { $ref: string }>;
	requestBody?: { required?: boolean; content?: Record<string, MediaObject> };
	responses: Record<string, { content?: Record<string, MediaObject> } | { $ref: string }>;
	security?: Array<Record<string, string[]>>;
}

export interface MatchedOperation {
	surface: Surface;
	method: string;
	template: string;
	operationId: string;
	operation: OperationObject;
	pathParams: Record<string, string>;
	parameters: ParameterObject[];
}

const ERROR_SCHEMA: Record<Surface, string> = { sending: 'ErrorResponse', app: 'ApiError' };
const SPEC_FILE: Record<Surface, string> = {
	sending: 'openapi-sending.json',
	app: 'openapi-app.json',
};

/** Headers whose presence must be documented by the operation that receives them. */
const CONTROLLED_HEADERS = ['idempotency-key', 'if-match', 'if-none-match', 'range'];

class OpenApiContract {
	readonly documents: Record<Surface, OpenApiDocument>;
	readonly patchNotes: string[] = [];
	private readonly ajv: Ajv2020;
	private readonly validators = new Map<string, ValidateFunction>();
	private readonly routes: Array<{
		surface: Surface;
		template: string;
		regex: RegExp;
		names: string[];
		literalSegments: number;
	}> = [];

	constructor() {
		this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
		addFormats(this.ajv);
		const documents = {} as Record<Surface, OpenApiDocument>;
		for (const surface of ['sending', 'app'] as Surface[]) {
			const raw = readPackageJson<OpenApiDocument>('test', 'contract', 'specs', SPEC_FILE[surface]);
			const { document, notes } = applySpecPatches(surface, raw);
			documents[surface] = document;
			this.patchNotes.push(...notes);
			this.ajv.addSchema(document as unknown as JsonSchema, surface);
			for (const template of Object.keys(document.paths)) {
				const names: string[] = [];
				const pattern = template
					.split('/')
					.map((segment) =>
						segment.replace(/\{([^}]+)\}|[^{}]+/g, (part, name: string | undefined) => {
							if (name) {
								names.push(name);
								return '([^/]+)';
							}
							return part.replace(/[.*+?^$()|[\]\\:]/g, '\\$&');
						}),
					)
					.join('/');
				this.routes.push({
					surface,
					template,
					regex: new RegExp(`^${pattern}$`),
					names,
					literalSegments: template.split('/').filter((s) => s && !s.includes('{')).length,
				});
			}
		}
		this.documents = documents;
		// Prefer the most literal template: `/mailbox/messages/count` over `/mailbox/messages/{id}`.
		this.routes.sort((a, b) => b.literalSegments - a.literalSegments);
	}

	findOperation(surface: Surface, method: string, path: string): MatchedOperation | undefined {
		const lower = method.toLowerCase();
		for (const route of this.routes) {
			if (route.surface !== surface) continue;
			const match = route.regex.exec(path);
			if (!match) continue;
			const pathItem = this.documents[surface].paths[route.template] as Record<string, unknown>;
			const operation = pathItem[lower] as OperationObject | undefined;
			if (!operation) continue;
			const pathParams: Record<string, string> = {};
			route.names.forEach((name, i) => (pathParams[name] = decodeURIComponent(match[i + 1])));
			const shared = (pathItem.parameters ?? []) as Array<ParameterObject | { $ref: string }>;
			const parameters = [...shared, ...(operation.parameters ?? [])].map((p) =>
				this.resolve<ParameterObject>(surface, p),
			);
			return {
				surface,
				method: lower,
				template: route.template,
				operationId: operation.operationId,
				operation,
				pathParams,
				parameters,
			};
		}
		return undefined;
	}

	/** Every way `request` breaks the contract; empty when it validates. */
	validateRequest(surface: Surface, request: ContractRequest): string[] {
		const where = `${request.method.toUpperCase()} ${request.path}`;
		const matched = this.findOperation(surface, request.method, request.path);
		if (!matched) return [`${where}: no such operation in openapi-${surface}`];
		const errors: string[] = [];
		const say = (message: string) => errors.push(`${where} (${matched.operationId}): ${message}`);
		const headers = lowerCaseHeaders(request.headers);

		for (const parameter of matched.parameters) {
			const { name } = parameter;
			let value: string | string[] | undefined;
			if (parameter.in === 'path') value = matched.pathParams[name];
			else if (parameter.in === 'query') value = request.query[name];
			else if (parameter.in === 'header') value = headers[name.toLowerCase()];
			else continue;
			if (value === undefined) {
				if (parameter.required) say(`missing required ${parameter.in} parameter "${name}"`);
				continue;
			}
			if (parameter.schema) {
				const problems = this.check(
					surface,
					parameter.schema,
					coerce(value, parameter.schema),
					`${parameter.in}.${name}`,
				);
				problems.forEach(say);
			}
		}
		const documentedQuery = new Set(
			matched.parameters.filter((p) => p.in === 'query').map((p) => p.name),
		);
		for (const name of Object.keys(request.query)) {
			if (!documentedQuery.has(name)) say(`undocumented query parameter "${name}"`);
		}
		const documentedHeaders = new Set(
			matched.parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
		);
		for (const name of CONTROLLED_HEADERS) {
			if (headers[name] !== undefined && !documentedHeaders.has(name)) {
				say(`header "${name}" is not documented for this operation`);
			}
		}
		errors.push(...this.checkSecurity(surface, matched, headers).map((m) => `${where}: ${m}`));

		const requestBody = matched.operation.requestBody;
		const hasBody =
			request.body !== undefined &&
			request.body !== '' &&
			!(Buffer.isBuffer(request.body) && request.body.length === 0);
		if (!requestBody) {
			if (hasBody) say('sends a body, but the operation takes none');
			return errors;
		}
		const contentType = String(headers['content-type'] ?? '')
			.split(';')[0]
			.trim();
		const jsonMedia = requestBody.content?.['application/json'];
		if (jsonMedia?.schema && (contentType === 'application/json' || !hasBody)) {
			// The app spec marks no JSON body `required` although schemas require fields:
			// a missing body is validated as `{}` (see ../shared/sendmux-api/README.md).
			const body = hasBody ? request.body : {};
			if (typeof body === 'string' || Buffer.isBuffer(body)) {
				say('JSON body could not be parsed');
			} else {
				this.check(surface, jsonMedia.schema, body, 'body').forEach(say);
			}
		} else if (hasBody && !requestBody.content?.[contentType]) {
			say(
				`content type "${contentType}" not accepted (expects ${Object.keys(requestBody.content ?? {}).join(', ')})`,
			);
		}
		return errors;
	}

	/** Every way `response` breaks the contract of the operation `request` reached. */
	validateResponse(surface: Surface, request: ContractRequest, response: ContractResponse): string[] {
		const where = `${request.method.toUpperCase()} ${request.path} → ${response.status}`;
		const matched = this.findOperation(surface, request.method, request.path);
		if (!matched) return [`${where}: no such operation in openapi-${surface}`];
		const say = (message: string) => `${where} (${matched.operationId}): ${message}`;
		if (response.status === 304) {
			return response.body === undefined || response.body === ''
				? []
				: [say('a 304 carries no body')];
		}
		const documented =
			matched.operation.responses[String(response.status)] ??
			matched.operation.responses[`${String(response.status)[0]}XX`] ??
			matched.operation.responses.default;
		const headers = lowerCaseHeaders(response.headers ?? {});
		const contentType = String(headers['content-type'] ?? 'application/json')
			.split(';')[0]
			.trim();
		let schema: JsonSchema | undefined;
		if (documented) {
			const resolved = this.resolve<{ content?: Record<string, MediaObject> }>(surface, documented);
			const content = resolved.content ?? {};
			// `*/*` is OpenAPI's media range for "any type" (file downloads).
			const media = content[contentType] ?? content['*/*'];
			if (!media) {
				if (Object.keys(content).length === 0 && (response.body === undefined || response.body === '')) {
					return [];
				}
				return [say(`content type "${contentType}" not documented (${Object.keys(content).join(', ')})`)];
			}
			schema = media.schema;
		} else if (response.status >= 400) {
			// Sendmux answers 429/500/503 on every route though few operations list them:
			// such replies must still be the documented error envelope.
			schema = { $ref: `#/components/schemas/${ERROR_SCHEMA[surface]}` };
		} else {
			return [say('status not documented for this operation')];
		}
		if (!schema || contentType !== 'application/json') return [];
		return this.check(surface, schema, response.body, 'response').map(say);
	}

	private checkSecurity(
		surface: Surface,
		matched: MatchedOperation,
		headers: Record<string, string | undefined>,
	): string[] {
		const security = matched.operation.security ?? this.documents[surface].security ?? [];
		if (security.length === 0) return [];
		const authorization = headers.authorization;
		if (!authorization?.startsWith('Bearer ')) return ['missing "Authorization: Bearer <key>"'];
		const key = authorization.slice('Bearer '.length);
		const wanted =
			surface === 'sending' || matched.template.startsWith('/mailbox/') ? 'smx_mbx_' : 'smx_root_';
		return key.startsWith(wanted) ? [] : [`sends a key that is not a ${wanted}… key`];
	}

	/** A value against one named component schema, e.g. the webhook events Sendmux delivers. */
	validateComponent(surface: Surface, name: string, value: unknown): string[] {
		return this.check(surface, { $ref: `#/components/schemas/${name}` }, value, name);
	}

	private check(surface: Surface, schema: JsonSchema, value: unknown, label: string): string[] {
		const key = `${surface}:${JSON.stringify(schema)}`;
		let validate = this.validators.get(key);
		if (!validate) {
			validate = this.ajv.compile(rebase(schema, surface));
			this.validators.set(key, validate);
		}
		if (validate(value)) return [];
		return (validate.errors ?? []).map(
			(e) =>
				`${label}${e.instancePath} ${e.message ?? 'is invalid'}${
					e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''
				}`,
		);
	}

	private resolve<T>(surface: Surface, node: T | { $ref: string }): T {
		let current: unknown = node;
		while (current && typeof current === 'object' && '$ref' in current) {
			const ref = (current as { $ref: string }).$ref;
			current = ref
				.replace(/^#\//, '')
				.split('/')
				.reduce<unknown>(
					(at, part) => (at as Record<string, unknown>)[part],
					this.documents[surface],
				);
		}
		return current as T;
	}
}

/** Local `#/...` refs inside an operation's schema point into the surface's document. */
function rebase(schema: JsonSchema, surface: Surface): JsonSchema {
	return JSON.parse(
		JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${surface}#/`),
	) as JsonSchema;
}

function lowerCaseHeaders(
	headers: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers)) {
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

/** Query, path and header values arrive as text: read them as the schema's type. */
function coerce(value: string | string[], schema: JsonSchema): unknown {
	const types = ([] as unknown[]).concat(schema.type ?? []);
	if (types.includes('array')) return ([] as string[]).concat(value);
	const text = Array.isArray(value) ? value[0] : value;
	if (types.includes('integer') || types.includes('number')) {
		return text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
	}
	if (types.includes('boolean')) {
		return text === 'true' ? true : text === 'false' ? false : text;
	}
	return text;
}

let contract: OpenApiContract | undefined;

/** The contract, loaded once per process. */
export function openApiContract(): OpenApiContract {
	contract ??= new OpenApiContract();
	return contract;
}

export type { OpenApiContract };
