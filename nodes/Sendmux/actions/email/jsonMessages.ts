import type { IExecuteFunctions } from 'n8n-workflow';

import { parseAddress, parseAddressList, type Address } from '../../shared/addresses';
import { textToHtml } from '../../shared/html';
import { LIMITS, type Draft, type EmailMessage } from './message';
import { validateMessage, type Problem } from './validate';

const FIELD = '"Messages"';

const MESSAGE_KEYS = new Set([
	'from',
	'to',
	'subject',
	'html_body',
	'text_body',
	'cc',
	'bcc',
	'reply_to',
	'return_path',
	'custom_headers',
	'attachments',
]);

function asAddress(value: unknown): Address {
	if (typeof value === 'string') return parseAddress(value);
	return parseAddressList(value)[0] ?? { email: '' };
}

function parseList(value: unknown): { list?: unknown[]; problem?: Problem } {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value) as unknown;
		} catch (error) {
			return {
				problem: {
					field: FIELD,
					problem: `is not valid JSON (${(error as Error).message})`,
					fix: 'Enter a JSON array of messages, or an expression such as {{ $json.messages }}.',
				},
			};
		}
	}
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'messages' in parsed) {
		parsed = (parsed as { messages: unknown }).messages;
	}
	if (!Array.isArray(parsed)) {
		return {
			problem: {
				field: FIELD,
				problem: 'is not a list of messages',
				fix: 'Give an array: [{ "from": "...", "to": "...", "subject": "...", "html_body": "..." }].',
			},
		};
	}
	return { list: parsed };
}

/** One message object as the user wrote it → the API's shape, lenient about addresses. */
function toMessage(raw: Record<string, unknown>, at: string, problems: Problem[]): EmailMessage {
	for (const key of Object.keys(raw)) {
		if (!MESSAGE_KEYS.has(key)) {
			problems.push({
				field: `"${at}.${key}"`,
				problem: 'is not a field of a Sendmux message',
				fix: `Use only: ${[...MESSAGE_KEYS].join(', ')}.`,
			});
		}
	}
	const text = typeof raw.text_body === 'string' ? raw.text_body : '';
	const html = typeof raw.html_body === 'string' ? raw.html_body : '';
	const message: EmailMessage = {
		from: asAddress(raw.from),
		to: asAddress(raw.to),
		subject: typeof raw.subject === 'string' ? raw.subject : '',
		html_body: html.trim() ? html : textToHtml(text),
	};
	if (text.trim()) message.text_body = text;
	const cc = parseAddressList(raw.cc);
	if (cc.length) message.cc = cc;
	const bcc = parseAddressList(raw.bcc);
	if (bcc.length) message.bcc = bcc;
	if (raw.reply_to) message.reply_to = asAddress(raw.reply_to);
	if (typeof raw.return_path === 'string' && raw.return_path) message.return_path = raw.return_path;
	if (raw.custom_headers && typeof raw.custom_headers === 'object') {
		message.custom_headers = Object.fromEntries(
			Object.entries(raw.custom_headers as Record<string, unknown>).map(([name, value]) => [name, String(value)]),
		);
	}
	if (Array.isArray(raw.attachments)) message.attachments = raw.attachments as EmailMessage['attachments'];
	return message;
}

/**
 * The messages an item lists in the Messages field, as drafts for one batch call, with every
 * problem named by its JSON path (`messages[3].to.email`).
 */
export function readJsonDrafts(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { drafts: Draft[]; problems: Problem[] } {
	const { list, problem } = parseList(ctx.getNodeParameter('messages', itemIndex));
	if (!list) return { drafts: [], problems: problem ? [problem] : [] };
	if (list.length === 0) {
		return {
			drafts: [],
			problems: [{ field: FIELD, problem: 'is an empty list', fix: 'Give at least one message.' }],
		};
	}
	if (list.length > LIMITS.batchMessages) {
		return {
			drafts: [],
			problems: [
				{
					field: FIELD,
					problem: `holds ${list.length} messages; one batch call takes at most ${LIMITS.batchMessages}`,
					fix: 'Split the list into parts of 100 (e.g. with Split Out and Loop Over Items), or choose "One Email per Input Item" to let the node make the batches.',
				},
			],
		};
	}
	const problems: Problem[] = [];
	const drafts = list.map((raw, index): Draft => {
		const at = `messages[${index}]`;
		if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
			problems.push({ field: `"${at}"`, problem: 'is not an object', fix: 'Each message is an object with from, to, subject and a body.' });
			return { itemIndex, message: toMessage({}, at, []), files: [] };
		}
		const message = toMessage(raw as Record<string, unknown>, at, problems);
		const label = (path: string) => `"${at}.${path === 'body' ? 'html_body' : path}"`;
		problems.push(...validateMessage(message, label));
		return { itemIndex, message, files: [] };
	});
	return { drafts, problems };
}
