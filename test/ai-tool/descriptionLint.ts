/**
 * Checks over the built node description that decide whether a person and an AI agent can
 * fill the Sendmux node without guessing. Each check returns findings ("where: what is
 * wrong"); the test expects none. Pure functions over INodeTypeDescription, so each check
 * is also tested against a planted fault.
 */
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

/** One operation of one resource, with the top-level properties its form can show. */
export interface OperationForm {
	resource: string;
	operation: INodePropertyOptions;
	properties: INodeProperties[];
}

type ShowConditions = Record<string, unknown[] | undefined>;

function showOf(property: INodeProperties): ShowConditions {
	return (property.displayOptions?.show ?? {}) as ShowConditions;
}

function allows(show: ShowConditions, name: string, value: string): boolean {
	const values = show[name];
	return values === undefined || values.includes(value);
}

/** Every resource × operation of the node, with the properties shown for it. */
export function operationForms(description: INodeTypeDescription): OperationForm[] {
	const forms: OperationForm[] = [];
	for (const picker of description.properties.filter((p) => p.name === 'operation')) {
		for (const resource of (showOf(picker).resource ?? []) as string[]) {
			for (const operation of (picker.options ?? []) as INodePropertyOptions[]) {
				const value = String(operation.value);
				const properties = description.properties.filter(
					(p) =>
						p.name !== 'resource' &&
						p.name !== 'operation' &&
						allows(showOf(p), 'resource', resource) &&
						allows(showOf(p), 'operation', value),
				);
				forms.push({ resource, operation, properties });
			}
		}
	}
	return forms;
}

/** A leaf field with the path n8n's parameter panel gives it. */
interface Field {
	path: string;
	property: INodeProperties;
	/** Inside a fixedCollection row: n8n prefixes the row index to its $fromAI key. */
	inListRow: boolean;
}

const CONTAINERS = new Set(['collection', 'fixedCollection']);

function fieldsOf(properties: INodeProperties[], prefix = '', inListRow = false): Field[] {
	const fields: Field[] = [];
	for (const property of properties) {
		const path = `${prefix}${property.name}`;
		fields.push({ path, property, inListRow });
		if (property.type === 'collection') {
			fields.push(...fieldsOf((property.options ?? []) as INodeProperties[], `${path}.`, inListRow));
		}
		if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				const isList = property.typeOptions?.multipleValues === true;
				fields.push(...fieldsOf(group.values, `${path}.${group.name}.`, inListRow || isList));
			}
		}
	}
	return fields;
}

function where(form: OperationForm, path?: string): string {
	return `${form.resource} → ${String(form.operation.value)}${path ? ` → ${path}` : ''}`;
}

/** Operation options: name, value, action (n8n's tool description and node name) and description. */
export function operationOptionFindings(forms: OperationForm[]): string[] {
	const findings: string[] = [];
	for (const form of forms) {
		const { name, value, action, description } = form.operation;
		if (!name || value === undefined || value === '') findings.push(`${where(form)}: name or value missing`);
		if (!action) findings.push(`${where(form)}: no action label (it becomes the AI tool description)`);
		else if (!/^[A-Z][a-z]+ /.test(action) || action.length > 60) {
			findings.push(`${where(form)}: action "${action}" is not a short verb phrase`);
		}
		if (!description || description.length < 20) findings.push(`${where(form)}: no useful description`);
	}
	return findings;
}

/** Words that mark a value a model must copy exactly: IDs, addresses, dates. */
const NEEDS_EXAMPLE = /\b(ID|IDs|Email|Address|To|CC|BCC|Reply-To|From)\b/;

function hasExample(property: INodeProperties): boolean {
	return Boolean(property.placeholder) || /\b(e\.g\.|such as|for example|like)\b/i.test(property.description ?? '');
}

/**
 * Every field says what goes in it: a description (or, for a notice, its text); options
 * fields may instead describe each option. Fields for IDs and addresses show an example,
 * dates say their format, required fields are marked required.
 */
export function fieldFindings(forms: OperationForm[]): string[] {
	const findings = new Set<string>();
	for (const form of forms) {
		for (const { path, property } of fieldsOf(form.properties)) {
			const at = where(form, path);
			if (property.type === 'notice') {
				if (!property.displayName) findings.add(`${at}: empty notice`);
				continue;
			}
			if (property.type === 'collection') continue;
			const optionsDescribed =
				(property.type === 'options' || property.type === 'multiOptions') &&
				!property.typeOptions?.loadOptionsMethod &&
				((property.options ?? []) as INodePropertyOptions[]).every((o) => Boolean(o.description));
			// n8n's own binary-field convention puts the explanation in a hint.
			if (!property.description && !property.hint && !optionsDescribed) {
				findings.add(`${at}: no description`);
			}
			if (property.type === 'string' && NEEDS_EXAMPLE.test(property.displayName) && !hasExample(property)) {
				findings.add(`${at}: "${property.displayName}" shows no example (placeholder or "e.g.")`);
			}
			if (property.type === 'dateTime' && !/ISO 8601|RFC 3339|\d{4}-\d{2}-\d{2}/.test(property.description ?? '')) {
				findings.add(`${at}: date field does not say its format`);
			}
			if (property.required && CONTAINERS.has(property.type)) {
				findings.add(`${at}: a ${property.type} cannot be required`);
			}
		}
	}
	return [...findings];
}

/**
 * Fields n8n lets a model fill (the ✨ button: not options, not noDataExpression) get the
 * $fromAI key of their display name, prefixed with the row for fixedCollection lists. Two
 * such fields with one name share a key: the model gives one value for both, and n8n
 * refuses the tool if their types differ.
 */
export function fromAiKeyFindings(forms: OperationForm[]): string[] {
	const findings: string[] = [];
	for (const form of forms) {
		const byKey = new Map<string, string[]>();
		for (const { path, property, inListRow } of fieldsOf(form.properties)) {
			if (inListRow || CONTAINERS.has(property.type) || property.type === 'notice') continue;
			if (property.type === 'options' || property.noDataExpression) continue;
			const key = property.displayName.replace(/[^a-zA-Z0-9-]/g, '_');
			byKey.set(key, [...(byKey.get(key) ?? []), path]);
		}
		for (const [key, paths] of byKey) {
			if (new Set(paths).size > 1) findings.push(`${where(form)}: $fromAI key "${key}" is shared by ${paths.join(', ')}`);
		}
	}
	return findings;
}

function disjoint(a: ShowConditions, b: ShowConditions): boolean {
	return Object.keys(a).some((name) => {
		const left = a[name];
		const right = b[name];
		return left !== undefined && right !== undefined && !left.some((value) => right.includes(value));
	});
}

/**
 * n8n keeps one value per parameter name: same-named properties are told apart only by
 * their displayOptions. Two that can show together must agree on type and default.
 */
export function sameNameFindings(forms: OperationForm[]): string[] {
	const findings = new Set<string>();
	for (const form of forms) {
		const byName = new Map<string, INodeProperties[]>();
		for (const property of form.properties) {
			byName.set(property.name, [...(byName.get(property.name) ?? []), property]);
		}
		for (const [name, properties] of byName) {
			for (let i = 0; i < properties.length; i++) {
				for (let j = i + 1; j < properties.length; j++) {
					const [a, b] = [properties[i], properties[j]];
					if (disjoint(showOf(a), showOf(b))) continue;
					if (a.type !== b.type || JSON.stringify(a.default) !== JSON.stringify(b.default)) {
						findings.add(`${where(form, name)}: two "${name}" properties can show together (${a.type} / ${b.type})`);
					}
				}
			}
		}
	}
	return [...findings];
}

/** Lists: Return All / Limit, n8n's names and defaults; Simplify defaults to on. */
export function listAndSimplifyFindings(forms: OperationForm[]): string[] {
	const findings: string[] = [];
	for (const form of forms) {
		const names = new Map(form.properties.map((p) => [p.name, p]));
		const value = String(form.operation.value);
		const isList = value.startsWith('getMany') || /^(Get Many|List)\b/.test(form.operation.name);
		if (isList) {
			const returnAll = names.get('returnAll');
			const limit = names.get('limit');
			if (returnAll?.type !== 'boolean' || returnAll.default !== false) {
				findings.push(`${where(form)}: list without Return All (default false)`);
			}
			if (limit?.type !== 'number' || typeof limit.default !== 'number' || limit.default < 1) {
				findings.push(`${where(form)}: list without a numeric Limit`);
			} else if (!limit.displayOptions?.show?.returnAll) {
				findings.push(`${where(form)}: Limit is not hidden by Return All`);
			}
		}
		const simplify = names.get('simplify');
		if (simplify && simplify.default !== true) findings.push(`${where(form)}: Simplify defaults to off`);
	}
	return findings;
}
