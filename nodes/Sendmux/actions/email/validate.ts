import { NodeOperationError, type INode } from 'n8n-workflow';

import { isValidEmail, type Address } from './addresses';
import { LIMITS, type EmailMessage } from './message';

/** One reason a message cannot be sent, in the words of the field the user filled. */
export interface Problem {
	/** The field as the user knows it: `To Email`, `messages[3].subject`. */
	field: string;
	problem: string;
	fix: string;
}

/** Names a message path (`from.email`, `cc`, `custom_headers`…) as the user's field. */
export type FieldLabel = (path: string) => string;

const CR_OR_LF = /[\r\n]/;
const HEADER_NAME = /^X-[A-Za-z0-9!#$%&'*+.^_`|~-]+$/i;

const ADDRESS_FIX = 'Enter an address like name@example.com (or "Name <name@example.com>").';

function checkAddress(address: Address, path: string, label: FieldLabel, problems: Problem[]): void {
	if (!address.email) {
		problems.push({ field: label(`${path}.email`), problem: 'is empty', fix: ADDRESS_FIX });
	} else if (!isValidEmail(address.email)) {
		problems.push({
			field: label(`${path}.email`),
			problem: `is not a valid email address ("${address.email}")`,
			fix: ADDRESS_FIX,
		});
	}
	if (address.name !== undefined) checkName(address.name, `${path}.name`, label, problems);
}

function checkName(name: string, path: string, label: FieldLabel, problems: Problem[]): void {
	if (CR_OR_LF.test(name)) {
		problems.push({
			field: label(path),
			problem: 'contains a line break, which could inject email headers',
			fix: 'Remove the line breaks from the name, e.g. with {{ $json.name.replace(/[\\r\\n]+/g, " ") }}.',
		});
	} else if (name.length > LIMITS.nameLength) {
		problems.push({
			field: label(path),
			problem: `is ${name.length} characters long; Sendmux accepts at most ${LIMITS.nameLength}`,
			fix: 'Shorten the display name.',
		});
	}
}

function checkRecipients(list: Address[] | undefined, path: string, label: FieldLabel, problems: Problem[]): void {
	list?.forEach((address, index) => {
		if (!address.email || !isValidEmail(address.email)) {
			problems.push({
				field: label(path),
				problem: `has an invalid email address in entry ${index + 1} ("${address.email}")`,
				fix: 'Separate addresses with commas, e.g. "ann@example.com, Bob <bob@example.com>".',
			});
		}
		if (address.name !== undefined) checkName(address.name, path, label, problems);
	});
}

/** Every reason `message` would be refused by Sendmux, found without asking Sendmux. */
export function validateMessage(message: EmailMessage, label: FieldLabel, fileCount = 0): Problem[] {
	const problems: Problem[] = [];
	checkAddress(message.from, 'from', label, problems);
	checkAddress(message.to, 'to', label, problems);
	if (message.reply_to) checkAddress(message.reply_to, 'reply_to', label, problems);
	checkRecipients(message.cc, 'cc', label, problems);
	checkRecipients(message.bcc, 'bcc', label, problems);
	const recipients = 1 + (message.cc?.length ?? 0) + (message.bcc?.length ?? 0);
	if (recipients > LIMITS.recipients) {
		problems.push({
			field: `${label('cc')} and ${label('bcc')}`,
			problem: `give ${recipients} recipients together with To; Sendmux accepts at most ${LIMITS.recipients} per email`,
			fix: 'Send several emails instead, e.g. one per recipient with Send Batch.',
		});
	}
	if (message.return_path !== undefined && !isValidEmail(message.return_path)) {
		problems.push({
			field: label('return_path'),
			problem: `is not a valid email address ("${message.return_path}")`,
			fix: 'Enter the bounce address, e.g. bounces@example.com, or remove the field.',
		});
	}

	if (!message.subject) {
		problems.push({ field: label('subject'), problem: 'is empty', fix: 'Enter a subject line.' });
	} else if (CR_OR_LF.test(message.subject)) {
		problems.push({
			field: label('subject'),
			problem: 'contains a line break, which could inject email headers',
			fix: 'Put the subject on one line, e.g. with {{ $json.subject.replace(/[\\r\\n]+/g, " ") }}.',
		});
	} else if (message.subject.length > LIMITS.subjectLength) {
		problems.push({
			field: label('subject'),
			problem: `is ${message.subject.length} characters long; email allows at most ${LIMITS.subjectLength}`,
			fix: 'Shorten the subject.',
		});
	}

	if (!message.html_body?.trim() && !message.text_body?.trim()) {
		problems.push({
			field: label('body'),
			problem: 'is empty: the email needs an HTML or a text body',
			fix: 'Fill in the HTML or the text of the email.',
		});
	}

	for (const [name, value] of Object.entries(message.custom_headers ?? {})) {
		if (!HEADER_NAME.test(name)) {
			problems.push({
				field: label('custom_headers'),
				problem: `contains "${name}", but only headers starting with X- can be set`,
				fix: 'Rename the header, e.g. X-Order-Id; standard headers (From, Reply-To…) have their own fields.',
			});
		}
		if (CR_OR_LF.test(value)) {
			problems.push({
				field: label('custom_headers'),
				problem: `has a line break in the value of "${name}", which could inject email headers`,
				fix: 'Put the header value on one line.',
			});
		} else if (value.length > LIMITS.headerValueLength) {
			problems.push({
				field: label('custom_headers'),
				problem: `has a value of ${value.length} characters for "${name}"; at most ${LIMITS.headerValueLength} are accepted`,
				fix: 'Shorten the header value.',
			});
		}
	}

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

/** Refuses an item whose message has problems, naming the item, each field and its fix. */
export function refuse(node: INode, itemIndex: number, problems: Problem[]): NodeOperationError {
	const [first] = problems;
	const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
	return new NodeOperationError(
		node,
		`Item ${itemIndex}: ${first.field} ${first.problem}${more}`,
		{
			itemIndex,
			description: [
				'Nothing was sent for this item.',
				...problems.map((p) => `• ${p.field} ${p.problem}. ${p.fix}`),
			].join('\n'),
		},
	);
}
