/** The most values an error message lists; the rest are counted, so a message stays readable. */
export const MAX_LISTED_VALUES = 10;

/**
 * Values for a message, comma-separated: at most `max` of them, then "… and N more".
 * Every message that lists values (folders, fields, IDs, binary properties…) goes through
 * here, so none of them grows with the size of a mailbox or an input.
 */
export function listForMessage(
	values: readonly string[],
	options: { max?: number; none?: string } = {},
): string {
	const max = Math.max(1, options.max ?? MAX_LISTED_VALUES);
	if (values.length === 0) return options.none ?? 'none';
	if (values.length <= max) return values.join(', ');
	return `${values.slice(0, max).join(', ')} … and ${values.length - max} more`;
}
