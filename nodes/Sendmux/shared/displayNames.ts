import { HEADER_INJECTION, hasLineBreak, quoted, type Problem } from './problems';

/** Sendmux accepts display names (From Name, a recipient's name) of up to this many characters. */
export const MAX_DISPLAY_NAME_LENGTH = 100;

/** Why `name` cannot be a display name in an address header, or undefined. */
export function displayNameProblem(name: string, field: string): Problem | undefined {
	if (hasLineBreak(name)) {
		return {
			field: quoted(field),
			problem: `contains a line break, ${HEADER_INJECTION}`,
			fix: 'Remove the line breaks from the name, e.g. with {{ $json.name.replace(/[\\r\\n]+/g, " ") }}.',
		};
	}
	if (name.length > MAX_DISPLAY_NAME_LENGTH) {
		return {
			field: quoted(field),
			problem: `is ${name.length} characters long; Sendmux accepts at most ${MAX_DISPLAY_NAME_LENGTH}`,
			fix: 'Shorten the display name.',
		};
	}
	return undefined;
}
