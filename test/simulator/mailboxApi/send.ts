/** `POST /mailbox/messages/send`: sent from the key's mailbox, filed in Sent, threaded by In-Reply-To. */
import type { HandlerMap } from '../context';
import { SimError, unprocessable } from '../errors';
import type { OutboundMessage } from '../mail';
import { publicId } from '../ids';
import { bodyOf } from '../resources/common';
import { scopeOf } from './scope';
import type { MailAddress } from './store';

interface SendBody {
	from?: MailAddress;
	to: MailAddress[];
	cc?: MailAddress[];
	bcc?: MailAddress[];
	reply_to?: MailAddress[];
	subject: string;
	text_body?: string;
	html_body?: string;
	custom_headers?: Record<string, string>;
	attachments?: Array<{ filename: string; content_type: string; content?: string; blob_id?: string }>;
}

export const sendHandlers: HandlerMap = {
	mailboxSendMessage(request, sim) {
		const { mailbox } = scopeOf(request, sim);
		const body = bodyOf<SendBody>(request);
		if (body.from && body.from.email.toLowerCase() !== mailbox.email) {
			throw unprocessable(`from must be this mailbox's address (${mailbox.email}).`, 'from.email');
		}
		if (body.text_body === undefined && body.html_body === undefined) {
			throw unprocessable('Give text_body, html_body, or both.', 'text_body', 'invalid_type');
		}
		const blobs = scopeOf(request, sim).store.blobs;
		const attachments = (body.attachments ?? []).map((a, index) => {
			if (a.blob_id !== undefined) {
				const blob = blobs.get(a.blob_id);
				if (!blob) throw unprocessable(`Attachment ${index + 1}: blob ${a.blob_id} is unknown. Upload it with POST /mailbox/attachments:upload first.`, `attachments.${index}.blob_id`);
				return { filename: a.filename, contentType: a.content_type, bytes: blob.bytes };
			}
			return { filename: a.filename, contentType: a.content_type, bytes: Buffer.from(a.content ?? '', 'base64') };
		});
		const message: OutboundMessage = {
			from: { email: mailbox.email, name: body.from?.name ?? mailbox.displayName },
			to: body.to,
			cc: body.cc,
			bcc: body.bcc,
			replyTo: body.reply_to,
			subject: body.subject,
			text: body.text_body,
			html: body.html_body,
			attachments,
			headers: body.custom_headers,
		};
		if (mailbox.status !== 'active') throw new SimError(403, 'insufficient_permissions', 'This mailbox is suspended.');
		sim.mail.requireCredits(1);
		const accepted = sim.mail.acceptOutbound(message, {
			via: 'mailbox',
			keyId: request.key?.id ?? 'unknown',
			mailboxId: mailbox.id,
			requestId: request.requestId,
			idempotencyKey: request.headers['idempotency-key'],
		});
		const stored = sim.mail.storeSent(mailbox, message, accepted.rfcMessageId);
		const { store } = scopeOf(request, sim);
		const submission = {
			id: publicId('sub'),
			createdAt: stored.createdAt,
			identityId: store.identity.id,
			emailId: stored.id,
			threadId: stored.threadId,
			mailFrom: mailbox.email,
			rcptTo: [...body.to, ...(body.cc ?? []), ...(body.bcc ?? [])].map((a) => a.email),
		};
		store.submissions.insert(submission);
		store.record('submissions', submission.id, 'created');
		return { data: { message_id: stored.id, status: 'queued' } };
	},
};
