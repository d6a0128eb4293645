import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The standard Simplify toggle: a few useful fields by default, the raw response one click away. */
export function simplifyProperty(displayOptions: IDisplayOptions, keptFields: readonly string[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		hint: `Simplified output keeps ${keptFields.join(', ')}. Turn off for every field Sendmux returns.`,
		displayOptions,
	};
}

/** `record` with only `keptFields`, in that order; fields Sendmux did not send stay out. */
export function pickFields(record: IDataObject, keptFields: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const field of keptFields) {
		if (field in record) picked[field] = record[field];
	}
	return picked;
}
