import { DateTime } from 'luxon';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

/** A calendar date alone: Sendmux gives it a meaning of its own (whole UTC days). */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date from an n8n date picker or an expression, as Sendmux's query parameters want it:
 * RFC 3339 in UTC (`2026-11-01T08:30:00Z`). Empty values give `undefined`.
 *
 * Date pickers store local wall-clock time without an offset; n8n means the workflow's
 * time zone, so that is the zone used here. Expressions may also give an ISO string with an
 * offset, a Luxon DateTime (`$now`), a JS Date or epoch milliseconds. A bare `YYYY-MM-DD` is
 * sent unchanged, because Sendmux reads it as the whole UTC day (from 00:00 / through 23:59),
 * which a converted timestamp would not preserve.
 */
export function toRfc3339Utc(
	ctx: Pick<IExecuteFunctions, 'getNode' | 'getTimezone'>,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const zone = ctx.getTimezone();
	let parsed: DateTime | undefined;
	if (DateTime.isDateTime(value)) {
		parsed = value;
	} else if (value instanceof Date) {
		parsed = DateTime.fromJSDate(value);
	} else if (typeof value === 'number') {
		parsed = DateTime.fromMillis(value);
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (DATE_ONLY.test(text) && DateTime.fromISO(text).isValid) return text;
		parsed = DateTime.fromISO(text, { zone });
		if (!parsed.isValid) parsed = DateTime.fromRFC2822(text, { zone });
		if (!parsed.isValid) parsed = DateTime.fromHTTP(text, { zone });
	}
	if (!parsed?.isValid) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${fieldName} of item ${itemIndex} is not a date: ${JSON.stringify(value).slice(0, 80)}`,
			{
				itemIndex,
				description:
					'Pick a date in the date picker, or give an ISO 8601 date such as 2026-11-01T08:30:00Z or an expression like {{ $now.minus({ days: 7 }) }}.',
			},
		);
	}
	return parsed.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

/**
 * `from_date` / `to_date` query parameters from two date fields, checked to be in order
 * before any request is made.
 */
export function dateRangeQuery(
	ctx: IExecuteFunctions,
	itemIndex: number,
	from: { value: unknown; fieldName: string },
	to: { value: unknown; fieldName: string },
): IDataObject {
	const fromDate = toRfc3339Utc(ctx, from.value, from.fieldName, itemIndex);
	const toDate = toRfc3339Utc(ctx, to.value, to.fieldName, itemIndex);
	if (fromDate && toDate && startOf(fromDate) > endOf(toDate)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${from.fieldName} (${fromDate}) is after ${to.fieldName} (${toDate}) in item ${itemIndex}`,
			{ itemIndex, description: `Swap the two dates, or leave ${to.fieldName} empty to mean "until now".` },
		);
	}
	const query: IDataObject = {};
	if (fromDate) query.from_date = fromDate;
	if (toDate) query.to_date = toDate;
	return query;
}

/** Earliest instant a sent value stands for (a bare date starts at 00:00 UTC). */
function startOf(value: string): number {
	return DateTime.fromISO(value, { zone: 'utc' }).toMillis();
}

/** Latest instant a sent value stands for (a bare date runs through its whole UTC day). */
function endOf(value: string): number {
	const parsed = DateTime.fromISO(value, { zone: 'utc' });
	return DATE_ONLY.test(value) ? parsed.endOf('day').toMillis() : parsed.toMillis();
}
