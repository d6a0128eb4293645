import { addressListProblems, addressProblems, isValidEmail, recipientCountProblem } from '../../shared/addresses';
import { customHeaderProblems } from '../../shared/headers';
import type { Problem } from '../../shared/problems';
import { subjectProblem } from '../../shared/subjects';
import { LIMITS, type EmailMessage } from './message';

export { refuse, type Problem } from '../../shared/problems';

/** Names a message path (`from.email`, `cc`, `custom_headers`…) as the user's field. */
export type FieldLabel = (path: string) => string;

/** Every reason `message` would be refused by Sendmux, found without asking Sendmux. */
export function validateMessage(message: EmailMessage, label: FieldLabel, fileCount = 0): Problem[] {
	const problems: Problem[] = [];
	const present = <T>(entry: T | undefined): entry is T => entry !== undefined;
	problems.push(...addressProblems(message.from, label('from.email'), label('from.name')));
	problems.push(...addressProblems(message.to, label('to.email'), label('to.name')));
	if (message.reply_to) problems.push(...addressProblems(message.reply_to, label('reply_to.email'), label('reply_to.name')));
	problems.push(...addressListProblems(message.cc ?? [], label('cc')));
	problems.push(...addressListProblems(message.bcc ?? [], label('bcc')));
	const tooMany = recipientCountProblem(1 + (message.cc?.length ?? 0) + (message.bcc?.length ?? 0));
	if (tooMany) problems.push(tooMany);
	if (message.return_path !== undefined && !isValidEmail(message.return_path)) {
		problems.push({
			field: label('return_path'),
			problem: `is not a valid email address ("${message.return_path.slice(0, 254)}")`,
			fix: 'Enter the bounce address, e.g. bounces@example.com, or remove the field.',
		});
	}
	problems.push(...[subjectProblem(message.subject, label('subject'))].filter(present));

	if (!message.html_body?.trim() && !message.text_body?.trim()) {
		problems.push({
			field: label('body'),
			problem: 'is empty: the email needs an HTML or a text body',
			fix: 'Fill in the HTML or the text of the email.',
		});
	}

	problems.push(...customHeaderProblems(message.custom_headers ?? {}, label('custom_headers')));

	const attachmentCount = (message.attachments?.length ?? 0) + fileCount;
	if (attachmentCount > LIMITS.attachments) {
		problems.push({
			field: label('attachments'),
			problem: `lists ${attachmentCount} files; Sendmux accepts at most ${LIMITS.attachments} per email`,
			fix: 'Attach fewer files, or combine them into one archive (e.g. with the Compression node).',
		});
	}
	return problems;
}
