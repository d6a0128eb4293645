import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * A whole number a field holds, within the bounds the editor enforces. An expression
 * bypasses those bounds, and a value outside them would otherwise change what is asked in
 * silence (a Limit of 0 returns nothing, a negative size filter is dropped): it is refused,
 * naming the field, the item and the allowed range.
 */
export function readWholeNumber(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	options: { field: string; min: number; max?: number; fix?: string },
): number {
	const { field, min, max } = options;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number === 'number' && Number.isInteger(number) && number >= min && (max === undefined || number <= max)) {
		return number;
	}
	const range = max === undefined ? `a whole number of ${min} or more` : `a whole number from ${min} to ${max}`;
	const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
	throw new NodeOperationError(ctx.getNode(), `${field} of item ${itemIndex} is ${shown.slice(0, 80)}: it must be ${range}`, {
		itemIndex,
		description: options.fix ?? `Enter ${range}.`,
	});
}
