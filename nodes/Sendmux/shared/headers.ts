import { HEADER_INJECTION, hasLineBreak, quoted, type Problem } from './problems';

/** Sendmux accepts custom header values of up to this many characters. */
export const MAX_HEADER_VALUE_LENGTH = 500;

/**
 * Only X- headers can be set: standard headers (From, Subject, Reply-To…) have their own
 * fields, and a custom `Subject` would contradict them. The rest is RFC 5322's field-name token.
 */
const HEADER_NAME = /^X-[A-Za-z0-9!#$%&'*+.^_`|~-]+$/i;

/** Every reason the custom headers `headers` cannot be sent, for the field `field`. */
export function customHeaderProblems(headers: Record<string, string>, field: string): Problem[] {
	const problems: Problem[] = [];
	for (const [name, value] of Object.entries(headers)) {
		if (!HEADER_NAME.test(name)) {
			problems.push({
				field: quoted(field),
				problem: `contains "${name.slice(0, 100)}", but only headers starting with X- can be set`,
				fix: 'Rename the header, e.g. X-Order-Id; standard headers (From, Reply-To…) have their own fields.',
			});
		}
		if (hasLineBreak(value)) {
			problems.push({
				field: quoted(field),
				problem: `has a line break in the value of "${name.slice(0, 100)}", ${HEADER_INJECTION}`,
				fix: 'Put the header value on one line.',
			});
		} else if (value.length > MAX_HEADER_VALUE_LENGTH) {
			problems.push({
				field: quoted(field),
				problem: `has a value of ${value.length} characters for "${name.slice(0, 100)}"; at most ${MAX_HEADER_VALUE_LENGTH} are accepted`,
				fix: 'Shorten the header value.',
			});
		}
	}
	return problems;
}

/** Name/value rows of a Custom Headers field as an object; rows without a name are skipped. */
export function headersFromRows(rows: Array<{ name?: unknown; value?: unknown }> | undefined): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const row of rows ?? []) {
		const name = row.name === undefined || row.name === null ? '' : String(row.name).trim();
		if (name) headers[name] = row.value === undefined || row.value === null ? '' : String(row.value);
	}
	return headers;
}
