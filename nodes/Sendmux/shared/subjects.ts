import { HEADER_INJECTION, hasLineBreak, quoted, type Problem } from './problems';

/** RFC 5322's line limit, which Sendmux applies to the subject. */
export const MAX_SUBJECT_LENGTH = 998;

/** Why `subject` cannot be sent as an email's subject, or undefined. Empty is refused when `required`. */
export function subjectProblem(subject: string, field: string, required = true): Problem | undefined {
	if (!subject.trim()) {
		return required ? { field: quoted(field), problem: 'is empty', fix: 'Enter a subject line.' } : undefined;
	}
	if (hasLineBreak(subject)) {
		return {
			field: quoted(field),
			problem: `contains a line break, ${HEADER_INJECTION}`,
			fix: 'Put the subject on one line, e.g. with {{ $json.subject.replace(/[\\r\\n]+/g, " ") }}.',
		};
	}
	if (subject.length > MAX_SUBJECT_LENGTH) {
		return {
			field: quoted(field),
			problem: `is ${subject.length} characters long; email allows at most ${MAX_SUBJECT_LENGTH}`,
			fix: 'Shorten the subject.',
		};
	}
	return undefined;
}
