/**
 * The option-value constraints of Sendmux's specs (enum, minimum, maximum, lengths, pattern,
 * item counts) as the node carries them in nodes/Sendmux/shared/specConstraints.ts. The node
 * cannot read the specs at run time (they are not shipped, and it has no dependencies), so
 * the file is written from the specs by `npx tsx scripts/spec-constraints.mts`, and
 * test/contract/specConstraints.test.ts fails when the two drift apart.
 */
import { readPackageJson } from '../harness/host.mjs';

type Schema = Record<string, unknown>;

interface Document {
	paths: Record<string, Record<string, unknown>>;
	components: { schemas: Record<string, Schema>; parameters?: Record<string, Schema> };
}

export const CONSTRAINT_KEYWORDS = [
	'enum',
	'minimum',
	'maximum',
	'exclusiveMinimum',
	'exclusiveMaximum',
	'minLength',
	'maxLength',
	'pattern',
	'minItems',
	'maxItems',
] as const;

/**
 * Request bodies checked by their own rules in shared/ (addresses, subjects, display names,
 * headers), with messages in the words of the Email fields; their limits are compared with
 * the spec one by one in the drift test.
 */
export const CHECKED_ELSEWHERE = new Set(['POST /emails/send', 'POST /emails/send/batch']);

export type ExtractedConstraint = { at: string } & Partial<Record<(typeof CONSTRAINT_KEYWORDS)[number], unknown>>;

function resolve(document: Document, schema: unknown): Schema | undefined {
	let current = schema as Schema | undefined;
	for (let depth = 0; current && typeof current.$ref === 'string' && depth < 10; depth++) {
		const [, , kind, name] = (current.$ref as string).split('/');
		current = (document.components as Record<string, Record<string, Schema>>)[kind]?.[name];
	}
	return current;
}

function walk(document: Document, raw: unknown, at: string, out: ExtractedConstraint[], depth: number): void {
	const schema = resolve(document, raw);
	if (!schema || depth > 6) return;
	const found: ExtractedConstraint = { at };
	for (const keyword of CONSTRAINT_KEYWORDS) if (schema[keyword] !== undefined) found[keyword] = schema[keyword];
	if (Object.keys(found).length > 1) out.push(found);
	for (const key of ['allOf', 'anyOf', 'oneOf']) {
		for (const branch of (schema[key] as unknown[] | undefined) ?? []) walk(document, branch, at, out, depth + 1);
	}
	for (const [name, property] of Object.entries((schema.properties as Record<string, unknown> | undefined) ?? {})) {
		walk(document, property, `${at}.${name}`, out, depth + 1);
	}
	if (schema.items) walk(document, schema.items, `${at}[]`, out, depth + 1);
}

/** Every constraint on a query parameter or JSON body field, by `METHOD /path/{template}`. */
export function extractConstraints(): Record<string, ExtractedConstraint[]> {
	const result: Record<string, ExtractedConstraint[]> = {};
	for (const file of ['openapi-sending.json', 'openapi-app.json']) {
		const document = readPackageJson<Document>('test', 'contract', 'specs', file);
		for (const [path, item] of Object.entries(document.paths)) {
			for (const [method, operation] of Object.entries(item)) {
				if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
				const route = `${method.toUpperCase()} ${path}`;
				const out: ExtractedConstraint[] = [];
				const op = operation as { parameters?: unknown[]; requestBody?: { content?: Record<string, { schema?: unknown }> } };
				const parameters = [...((item.parameters as unknown[] | undefined) ?? []), ...(op.parameters ?? [])];
				for (const entry of parameters) {
					const parameter = resolve(document, entry) as { in?: string; name?: string; schema?: unknown } | undefined;
					if (parameter?.in === 'query') walk(document, parameter.schema, `query.${parameter.name}`, out, 0);
				}
				const body = op.requestBody?.content?.['application/json']?.schema;
				if (body && !CHECKED_ELSEWHERE.has(route)) walk(document, body, 'body', out, 0);
				// The same constraint reached through two branches (allOf) counts once.
				const unique = [...new Map(out.map((c) => [JSON.stringify(c), c])).values()];
				if (unique.length) result[route] = unique;
			}
		}
	}
	return Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** nodes/Sendmux/shared/specConstraints.ts as the specs dictate it. */
export function renderConstraintsModule(): string {
	const constraints = extractConstraints();
	const lines = [
		'// Written by `npx tsx scripts/spec-constraints.mts` from test/contract/specs/: do not edit by hand.',
		'// test/contract/specConstraints.test.ts fails when this file and the specs drift apart.',
		"import type { SpecConstraint } from './specRules';",
		'',
		'/** Constraints of query parameters and JSON body fields, by `METHOD /path/{template}`. */',
		'export const SPEC_CONSTRAINTS: Record<string, readonly SpecConstraint[]> = {',
	];
	for (const [route, list] of Object.entries(constraints)) {
		lines.push(`\t${JSON.stringify(route)}: [`);
		for (const constraint of list) lines.push(`\t\t${JSON.stringify(constraint)},`);
		lines.push('\t],');
	}
	lines.push('};', '');
	return lines.join('\n');
}
