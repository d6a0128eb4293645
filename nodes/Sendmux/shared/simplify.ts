import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * n8n's standard Simplify toggle, for operations whose raw responses are large. What it keeps is
 * told in the tooltip (a field list is too long for an inline hint: n8n's hint-max-length rule).
 */
export function simplifyProperty(whatIsKept: string, displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data. ${whatIsKept.replace(/\.$/, '')}.`,
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** The Simplify toggle for responses reduced to a few named fields (see `pickFields`). */
export function simplifyToFieldsProperty(
	displayOptions: IDisplayOptions,
	keptFields: readonly string[],
): INodeProperties {
	return simplifyProperty(
		`Simplified output keeps ${keptFields.join(', ')}. Turn off for every field Sendmux returns.`,
		displayOptions,
	);
}

/** `record` with only `keptFields`, in that order; fields Sendmux did not send stay out. */
export function pickFields(record: IDataObject, keptFields: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const field of keptFields) {
		if (field in record) picked[field] = record[field];
	}
	return picked;
}
