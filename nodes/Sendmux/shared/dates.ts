import { DateTime } from 'luxon';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * A date from an n8n date picker or an expression, as RFC 3339 in UTC.
 *
 * The picker stores wall-clock time without an offset ("2026-11-20T09:30:00"): it means the
 * workflow's time zone, so it is read in that zone. Values with an offset, epoch
 * milliseconds and Luxon/JS dates (from expressions such as `{{ $now.minus(1, 'day') }}`)
 * are taken as they are.
 */
export function toRfc3339Utc(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const zone = ctx.getTimezone();
	let date: DateTime | undefined;
	if (DateTime.isDateTime(value)) date = value;
	else if (value instanceof Date) date = DateTime.fromJSDate(value);
	else if (typeof value === 'number') date = DateTime.fromMillis(value);
	else if (typeof value === 'string' && value.trim() !== '') {
		date = DateTime.fromISO(value.trim(), { zone, setZone: true });
		if (!date.isValid) date = DateTime.fromRFC2822(value.trim(), { zone });
		if (!date.isValid) date = DateTime.fromSQL(value.trim(), { zone });
	}
	if (!date?.isValid) {
		throw new NodeOperationError(ctx.getNode(), `${field} of item ${itemIndex} is not a date`, {
			itemIndex,
			description: `Got ${JSON.stringify(value)}. Pick a date, or use an ISO 8601 date such as 2026-11-20T09:30:00Z.`,
		});
	}
	return date.toUTC().toISO({ suppressMilliseconds: true }) as string;
}
