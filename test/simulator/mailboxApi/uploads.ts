/**
 * Mailbox API attachment uploads. `POST /mailbox/attachments:upload`: the raw bytes become a
 * blob of the key's mailbox that `POST /mailbox/messages/send` accepts as
 * `attachments[].blob_id`. `POST /mailbox/attachment-uploads`: a signed PUT URL (no API key;
 * exact Content-Type and Content-Length), served by `completeMailboxUpload` outside the API
 * surfaces, whose answer carries the blob. Over the upload cap → 413.
 */
import type { Sim, HandlerMap } from '../context';
import { SimError } from '../errors';
import { publicId, randomToken } from '../ids';
import { bodyOf, text } from '../resources/common';
import type { MailboxUploadIntentRecord } from '../state';
import { scopeOf } from './scope';

/** Where signed mailbox upload URLs point, below the simulator's origin. */
export const MAILBOX_UPLOAD_PATH = '/__mailbox-uploads/';
const UPLOAD_URL_TTL_MS = 15 * 60 * 1000;

const TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	txt: 'text/plain',
	csv: 'text/csv',
	html: 'text/html',
	json: 'application/json',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	zip: 'application/zip',
};

const contentTypeOf = (filename: string) => TYPES[/\.([^.]+)$/.exec(filename.toLowerCase())?.[1] ?? ''] ?? 'application/octet-stream';

function checkSize(sim: Sim, size: number): void {
	if (size > sim.settings.maxAttachmentBytes) {
		throw new SimError(413, 'payload_too_large', `Attachment exceeds the upload size cap of ${sim.settings.maxAttachmentBytes} bytes (this one is ${size}).`);
	}
}

function storeBlob(sim: Sim, mailboxId: string, filename: string, contentType: string, bytes: Buffer) {
	const mailbox = sim.state.mailboxes.get(mailboxId);
	if (!mailbox || mailbox.status === 'deleted') throw new SimError(404, 'not_found', 'The mailbox of this upload no longer exists.');
	const blob = { id: publicId('blob'), filename, contentType, bytes };
	sim.mail.storeOf(mailbox).blobs.set(blob.id, blob);
	return { blob_id: blob.id, filename, content_type: contentType, size_bytes: bytes.length };
}

/**
 * The PUT to a signed mailbox upload URL: the signature, the exact declared Content-Type and
 * size, once (the same bytes again → the same blob; different bytes → 409).
 */
export function completeMailboxUpload(sim: Sim, uploadId: string, signature: string | null, contentType: string | undefined, bytes: Buffer) {
	const upload: MailboxUploadIntentRecord | undefined = sim.state.mailboxUploads.get(uploadId);
	if (!upload || upload.signature !== signature) throw new SimError(403, 'insufficient_permissions', 'The upload URL is not valid (unknown upload or wrong signature).');
	if (upload.expiresAt <= sim.clock.peek()) throw new SimError(403, 'insufficient_permissions', 'The upload URL expired. Create a new one.');
	if ((contentType ?? '').split(';')[0].trim().toLowerCase() !== upload.contentType.toLowerCase()) {
		throw new SimError(400, 'invalid_parameter', `Content-Type must be exactly ${upload.contentType}, as declared.`, { param: 'Content-Type' });
	}
	if (bytes.length !== upload.sizeBytes) throw new SimError(413, 'payload_too_large', `The upload was declared as ${upload.sizeBytes} bytes but ${bytes.length} arrived.`);
	if (upload.blobId) {
		const mailbox = sim.state.mailboxes.get(upload.mailboxId);
		const existing = mailbox ? sim.mail.storeOf(mailbox).blobs.get(upload.blobId) : undefined;
		if (!existing || !existing.bytes.equals(bytes)) throw new SimError(409, 'conflict', 'This upload was already completed with different content.');
		return { blob_id: existing.id, filename: existing.filename, content_type: existing.contentType, size_bytes: existing.bytes.length };
	}
	const data = storeBlob(sim, upload.mailboxId, upload.filename, upload.contentType, bytes);
	upload.blobId = data.blob_id;
	return data;
}

export const uploadHandlers: HandlerMap = {
	mailboxCreateAttachmentUpload(request, sim) {
		const { mailbox } = scopeOf(request, sim);
		const body = bodyOf<{ filename: string; content_type: string; size_bytes: number }>(request);
		checkSize(sim, body.size_bytes);
		const upload: MailboxUploadIntentRecord = {
			id: publicId('upl'),
			mailboxId: mailbox.id,
			signature: randomToken(40),
			filename: body.filename,
			contentType: body.content_type,
			sizeBytes: body.size_bytes,
			expiresAt: sim.clock.peek() + UPLOAD_URL_TTL_MS,
		};
		sim.state.mailboxUploads.set(upload.id, upload);
		const origin = new URL(sim.baseUrls.app).origin;
		return {
			data: {
				upload_id: upload.id,
				upload_url: `${origin}${MAILBOX_UPLOAD_PATH}${upload.id}?signature=${upload.signature}`,
				method: 'PUT',
				expires_at: new Date(upload.expiresAt).toISOString(),
				headers: { 'Content-Type': upload.contentType, 'Content-Length': String(upload.sizeBytes) },
				max_size_bytes: sim.settings.maxAttachmentBytes,
			},
		};
	},

	mailboxUploadAttachment(request, sim) {
		const { store } = scopeOf(request, sim);
		const filename = text(request.query.filename) ?? '';
		if (!filename.trim()) throw new SimError(400, 'invalid_parameter', 'filename must not be empty.', { param: 'filename' });
		const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
		checkSize(sim, bytes.length);
		return { data: storeBlob(sim, store.mailbox.id, filename, contentTypeOf(filename), bytes) };
	},
};
