/** The Sending API: single and batch send, with Sendmux's semantic checks and partial success. */
import type { HandlerMap, Sim, SimRequest } from '../context';
import { SimError, type FieldIssue } from '../errors';
import type { OutboundMessage } from '../mail';
import type { Address } from '../types';
import { bodyOf } from './common';

interface SendBody {
	from: Address;
	to: Address;
	cc?: Address[];
	bcc?: Address[];
	reply_to?: Address;
	return_path?: string;
	subject: string;
	html_body: string;
	text_body?: string;
	custom_headers?: Record<string, string>;
	attachments?: Array<{ content: string; filename: string; type?: string; encoding?: 'base64' } | { attachment_id: string }>;
}

/** At most 50 recipients across to, cc and bcc. */
const MAX_RECIPIENTS = 50;

/**
 * What Sendmux checks beyond the schema: sender domain, recipient count, custom header
 * names, attachment references. Returns the message ready to accept, or its issues.
 */
export function checkMessage(body: SendBody, sim: Sim): { message?: OutboundMessage; issues: FieldIssue[] } {
	const issues: FieldIssue[] = [];
	const recipients = 1 + (body.cc?.length ?? 0) + (body.bcc?.length ?? 0);
	if (recipients > MAX_RECIPIENTS) {
		issues.push({ field: 'cc', code: 'too_big', message: `A message may have at most ${MAX_RECIPIENTS} recipients across to, cc and bcc (it has ${recipients}).` });
	}
	for (const name of Object.keys(body.custom_headers ?? {})) {
		if (!/^x-/i.test(name)) {
			issues.push({ field: `custom_headers.${name}`, code: 'custom', message: `Custom header "${name}" is not allowed: only X-* headers may be set.` });
		}
	}
	const domain = body.from.email.split('@')[1]?.toLowerCase() ?? '';
	const senderDomain = sim.state.domains.values().find((d) => d.domain === domain && d.verificationStatus === 'verified');
	const senderMailbox = sim.state.mailboxByEmail(body.from.email);
	if (!senderDomain && senderMailbox?.status !== 'active') {
		issues.push({ field: 'from.email', code: 'custom', message: `The sender domain "${domain}" is not a verified domain of this team. Add and verify it under Domains.` });
	}
	const attachments: NonNullable<OutboundMessage['attachments']> = [];
	(body.attachments ?? []).forEach((attachment, index) => {
		if ('attachment_id' in attachment) {
			const stored = sim.state.attachments.get(attachment.attachment_id);
			if (!stored || stored.expiresAt <= sim.clock.peek()) {
				issues.push({ field: `attachments.${index}.attachment_id`, code: 'custom', message: `Attachment ${attachment.attachment_id} does not exist or has expired. Upload it again.` });
				return;
			}
			attachments.push({ filename: stored.filename, contentType: stored.contentType, bytes: stored.bytes });
			return;
		}
		if (!/^[A-Za-z0-9+/]+={0,2}$/.test(attachment.content.replace(/\s+/g, ''))) {
			issues.push({ field: `attachments.${index}.content`, code: 'invalid_string', message: 'Attachment content must be base64.' });
			return;
		}
		attachments.push({ filename: attachment.filename, contentType: attachment.type ?? 'application/octet-stream', bytes: Buffer.from(attachment.content, 'base64') });
	});
	if (issues.length > 0) return { issues };
	return {
		issues,
		message: {
			from: body.from,
			to: [body.to],
			cc: body.cc,
			bcc: body.bcc,
			replyTo: body.reply_to ? [body.reply_to] : [],
			subject: body.subject,
			html: body.html_body,
			text: body.text_body,
			attachments,
			headers: body.custom_headers,
		},
	};
}

function acceptance(request: SimRequest, via: 'send' | 'batch') {
	return {
		via,
		keyId: request.key?.id ?? 'unknown',
		mailboxId: request.key?.mailboxId ?? null,
		requestId: request.requestId,
		idempotencyKey: request.headers['idempotency-key'],
	};
}

const errorDetail = (issues: FieldIssue[]) => ({
	code: 'validation_error',
	message: `Validation failed: ${issues[0].message}`,
	retryable: false,
	doc_url: 'https://docs.sendmux.ai/api-reference/errors#validation_error',
	errors: issues,
});

export const sendingHandlers: HandlerMap = {
	sendingSendEmail(request, sim) {
		const { message, issues } = checkMessage(bodyOf<SendBody>(request), sim);
		if (!message) {
			throw new SimError(422, 'validation_error', `Validation failed: ${issues[0].message}`, { param: issues[0].field, errors: issues });
		}
		sim.mail.requireCredits(1);
		const { messageId } = sim.mail.acceptOutbound(message, acceptance(request, 'send'));
		return { data: { message_id: messageId, status: 'queued' } };
	},

	sendingSendEmailBatch(request, sim) {
		const { messages } = bodyOf<{ messages: unknown[] }>(request);
		const schemaIssues = new Map<number, FieldIssue[]>();
		for (const issue of request.itemIssues) {
			const [, index, rest] = /^messages\.(\d+)\.?(.*)$/.exec(issue.field) ?? [];
			const list = schemaIssues.get(Number(index)) ?? [];
			list.push({ field: rest || 'message', code: issue.code, message: issue.message.replace(/^messages\.\d+\.?/, '') });
			schemaIssues.set(Number(index), list);
		}
		const checked = messages.map((raw, index) =>
			schemaIssues.has(index) ? { issues: schemaIssues.get(index) as FieldIssue[] } : checkMessage(raw as SendBody, sim),
		);
		const valid = checked.filter((c) => c.message).length;
		if (valid === 0) {
			const errors = checked.flatMap((c, index) => c.issues.map((i) => ({ ...i, field: `messages.${index}.${i.field}` })));
			throw new SimError(422, 'validation_error', 'Every message in the batch failed validation.', { param: errors[0]?.field, errors });
		}
		sim.mail.requireCredits(valid);
		const results = checked.map((c, index) =>
			c.message
				? { index, status: 'queued', message_id: sim.mail.acceptOutbound(c.message, acceptance(request, 'batch')).messageId }
				: { index, status: 'failed', message_id: null, error: errorDetail(c.issues) },
		);
		return {
			data: {
				results,
				summary: { total: messages.length, queued: valid, failed: messages.length - valid },
			},
		};
	},
};
