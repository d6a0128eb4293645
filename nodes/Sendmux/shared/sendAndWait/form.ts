import type { IDataObject } from 'n8n-workflow';

/** The kinds of field a Custom Form can ask for. */
export type FormFieldType = 'text' | 'textarea' | 'number' | 'email' | 'date' | 'dropdown';

/** One field of a Custom Form, as defined in the node and checked before anything is sent. */
export interface FormField {
	label: string;
	type: FormFieldType;
	required: boolean;
	/** Dropdown choices, in the order given. */
	choices: string[];
	/** The form control's name: `field-<n>`, never user text, so labels need no escaping rules. */
	name: string;
}

/** The Custom Form fields as the node stores them (fixedCollection `formFields.values`). */
export interface FormFieldParameter {
	fieldLabel?: unknown;
	fieldType?: unknown;
	requiredField?: unknown;
	fieldChoices?: unknown;
}

const FIELD_TYPES: FormFieldType[] = ['text', 'textarea', 'number', 'email', 'date', 'dropdown'];

/** Labels that would collide with the answer's own keys. */
const RESERVED_LABELS = new Set(['respondedAt']);

/**
 * The form's fields, or the problems that keep it from being built. Checked when the request
 * is sent, so a form that cannot render fails the node instead of mailing a dead link.
 */
export function parseFormFields(values: FormFieldParameter[]): { fields: FormField[]; problems: string[] } {
	const fields: FormField[] = [];
	const problems: string[] = [];
	const seen = new Set<string>();
	values.forEach((value, index) => {
		const label = String(value.fieldLabel ?? '').trim();
		const type = String(value.fieldType ?? 'text') as FormFieldType;
		const position = `Form field ${index + 1}`;
		if (!label) {
			problems.push(`${position} has no Field Label`);
			return;
		}
		if (RESERVED_LABELS.has(label)) problems.push(`${position}: "${label}" is reserved for the time of the answer; choose another label`);
		if (seen.has(label)) problems.push(`${position}: the label "${label}" is used twice; labels name the answers, so they must differ`);
		seen.add(label);
		if (!FIELD_TYPES.includes(type)) problems.push(`${position} ("${label}") has an unknown Field Type "${type}"`);
		const choices =
			type === 'dropdown'
				? String(value.fieldChoices ?? '')
						.split(/[\n,]/)
						.map((choice) => choice.trim())
						.filter((choice) => choice !== '')
				: [];
		if (type === 'dropdown' && choices.length === 0) {
			problems.push(`${position} ("${label}") is a dropdown without choices; list them in Choices, separated by commas`);
		}
		fields.push({ label, type, required: value.requiredField === true, choices, name: `field-${index}` });
	});
	if (values.length === 0) problems.push('The form has no fields; add at least one under Form Fields');
	return { fields, problems };
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** One submitted value: a browser sends strings; a repeated name arrives as a list. */
function submitted(body: IDataObject, name: string): string {
	const value = body[name];
	if (Array.isArray(value)) return String(value[0] ?? '');
	return value === undefined || value === null ? '' : String(value);
}

/**
 * The answers of a submitted form, keyed by field label, or what is wrong with them (keyed by
 * field name, to show beside each field). Numbers become numbers; empty optional fields are
 * left out.
 */
export function readAnswers(
	fields: FormField[],
	body: IDataObject,
): { answers: IDataObject; errors: Record<string, string> } {
	const answers: IDataObject = {};
	const errors: Record<string, string> = {};
	for (const field of fields) {
		const raw = submitted(body, field.name).trim();
		if (raw === '') {
			if (field.required) errors[field.name] = 'Please fill in this field.';
			continue;
		}
		switch (field.type) {
			case 'number': {
				const number = Number(raw);
				if (!Number.isFinite(number)) errors[field.name] = 'Please enter a number.';
				else answers[field.label] = number;
				break;
			}
			case 'email':
				if (!EMAIL_SHAPE.test(raw)) errors[field.name] = 'Please enter an email address.';
				else answers[field.label] = raw;
				break;
			case 'date':
				if (!DATE_SHAPE.test(raw) || Number.isNaN(Date.parse(raw))) errors[field.name] = 'Please enter a date (YYYY-MM-DD).';
				else answers[field.label] = raw;
				break;
			case 'dropdown':
				if (!field.choices.includes(raw)) errors[field.name] = 'Please choose one of the options.';
				else answers[field.label] = raw;
				break;
			default:
				answers[field.label] = raw;
		}
	}
	return { answers, errors };
}

/** The fields of a submitted form: n8n puts multipart fields under `data`, url-encoded ones at the top. */
export function submittedFields(body: IDataObject): IDataObject {
	const data = body.data;
	if (data && typeof data === 'object' && !Array.isArray(data)) return data as IDataObject;
	return body;
}
