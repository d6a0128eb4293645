/**
 * Requests are checked with the project's own contract validator (test/contract/openapi.ts),
 * the same one every unit test uses, and its findings are answered the way Sendmux answers:
 * 400 for malformed parameters, 422 `validation_error` for body schema failures, with every
 * field issue in `error.errors[]` (dot paths and Zod-style issue codes, as Sendmux's docs show).
 */
import { openApiContract, type ContractRequest, type MatchedOperation, type Surface } from '../contract/openapi';
import { SimError, type FieldIssue } from './errors';

interface ParsedIssue extends FieldIssue {
	location: 'body' | 'query' | 'header' | 'path' | 'request';
}

/** Ajv keywords as the Zod issue codes Sendmux reports (`invalid_string`, `too_big`…). */
const ISSUE_CODE: Record<string, string> = {
	required: 'invalid_type',
	type: 'invalid_type',
	format: 'invalid_string',
	pattern: 'invalid_string',
	enum: 'invalid_enum_value',
	const: 'invalid_literal',
	minLength: 'too_small',
	minItems: 'too_small',
	minimum: 'too_small',
	exclusiveMinimum: 'too_small',
	maxLength: 'too_big',
	maxItems: 'too_big',
	maximum: 'too_big',
	exclusiveMaximum: 'too_big',
	additionalProperties: 'unrecognized_keys',
	anyOf: 'invalid_union',
	oneOf: 'invalid_union',
};

const KEYWORD_OF_MESSAGE: Array<[RegExp, string]> = [
	[/^must have required property/, 'required'],
	[/^must be (string|integer|number|boolean|object|array|null)/, 'type'],
	[/^must match format/, 'format'],
	[/^must match pattern/, 'pattern'],
	[/^must be equal to one of the allowed values/, 'enum'],
	[/^must be equal to constant/, 'const'],
	[/^must NOT have fewer than \d+ characters/, 'minLength'],
	[/^must NOT have more than \d+ characters/, 'maxLength'],
	[/^must NOT have fewer than \d+ items/, 'minItems'],
	[/^must NOT have more than \d+ items/, 'maxItems'],
	[/^must be >=/, 'minimum'],
	[/^must be <=/, 'maximum'],
	[/^must NOT have additional properties/, 'additionalProperties'],
	[/^must match a schema in anyOf/, 'anyOf'],
	[/^must match exactly one schema in oneOf/, 'oneOf'],
];

/** One validator finding (`body/to/email must match format "email" {…}`) as a field issue. */
export function parseIssue(text: string): ParsedIssue {
	const located = /^(body|query\.[^/\s]+|header\.[^/\s]+|path\.[^/\s]+)(\/\S*)? (.+)$/.exec(text);
	if (!located) {
		const missing = /missing required (query|header|path) parameter "([^"]+)"/.exec(text);
		if (missing) {
			return {
				location: missing[1] as ParsedIssue['location'],
				field: missing[2],
				code: 'invalid_type',
				message: `${missing[2]} is required`,
			};
		}
		const undocumented = /undocumented query parameter "([^"]+)"|header "([^"]+)" is not documented/.exec(text);
		if (undocumented) {
			const field = undocumented[1] ?? undocumented[2];
			return { location: undocumented[1] ? 'query' : 'header', field, code: 'unrecognized_keys', message: `${field} is not accepted by this endpoint` };
		}
		return { location: 'request', field: 'body', code: 'invalid_type', message: text };
	}
	const [, label, pointer = '', rest] = located;
	const paramsMatch = / (\{.*\})$/.exec(rest);
	const message = paramsMatch ? rest.slice(0, paramsMatch.index) : rest;
	let params: Record<string, unknown> = {};
	if (paramsMatch) {
		try {
			params = JSON.parse(paramsMatch[1]) as Record<string, unknown>;
		} catch {
			params = {};
		}
	}
	const location = label === 'body' ? 'body' : (label.split('.')[0] as ParsedIssue['location']);
	const segments = pointer
		.split('/')
		.filter(Boolean)
		.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
	if (location !== 'body') segments.unshift(label.slice(label.indexOf('.') + 1));
	const child = params.missingProperty ?? params.additionalProperty;
	if (typeof child === 'string') segments.push(child);
	const keyword = KEYWORD_OF_MESSAGE.find(([pattern]) => pattern.test(message))?.[1] ?? 'custom';
	const field = segments.join('.') || 'body';
	return {
		location,
		field,
		code: ISSUE_CODE[keyword] ?? 'custom',
		message: keyword === 'required' ? `${field} is required` : `${field} ${message}`,
	};
}

/** Findings of the contract validator for `request`, stripped of their `METHOD path (op): ` prefix. */
export function contractIssues(surface: Surface, request: ContractRequest, matched: MatchedOperation): ParsedIssue[] {
	const prefix = `${request.method.toUpperCase()} ${request.path} (${matched.operationId}): `;
	return openApiContract()
		.validateRequest(surface, request)
		.map((text) => parseIssue(text.startsWith(prefix) ? text.slice(prefix.length) : text));
}

/** The answer Sendmux gives to a request with these issues. */
export function validationError(issues: ParsedIssue[], matched: MatchedOperation): SimError {
	const documents = (status: string) => status in matched.operation.responses;
	const bodyOnly = issues.every((i) => i.location === 'body');
	const unparsable = issues.some((i) => i.location === 'request');
	const errors = issues.map(({ field, code, message }) => ({ field, code, message }));
	const first = issues[0];
	if (unparsable) {
		const problem = issues.find((i) => i.location === 'request') as ParsedIssue;
		return new SimError(400, 'invalid_parameter', `Malformed request: ${problem.message}`, { errors });
	}
	if (bodyOnly && documents('422')) {
		return new SimError(422, 'validation_error', `Validation failed: ${first.message}`, { param: first.field, errors });
	}
	const missingParam = issues.find((i) => i.location !== 'body' && i.message.endsWith('is required'));
	if (missingParam) {
		return new SimError(400, 'missing_parameter', missingParam.message, { param: missingParam.field, errors });
	}
	return new SimError(400, 'invalid_parameter', `Invalid request: ${first.message}`, { param: first.field, errors });
}
