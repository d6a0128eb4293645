/** Attachment uploads on the Sending API: direct upload, and upload intents completed by PUT. */
import { createHash, timingSafeEqual } from 'node:crypto';

import type { HandlerMap, Sim } from '../context';
import { SimError } from '../errors';
import { publicId, randomToken } from '../ids';
import type { AttachmentRecord } from '../state';
import { bodyOf, found, text } from './common';

const ATTACHMENT_TTL_MS = 24 * 60 * 60 * 1000;
const UPLOAD_INTENT_TTL_MS = 60 * 60 * 1000;

function representation(attachment: AttachmentRecord) {
	return {
		attachment_id: attachment.id,
		content_type: attachment.contentType,
		expires_at: new Date(attachment.expiresAt).toISOString(),
		filename: attachment.filename,
		size_bytes: attachment.bytes.length,
	};
}

/** The upload cap (`max_size_bytes`): a larger file is refused with 413, before its bytes when declared. */
function tooLarge(size: number, sim: Sim): void {
	if (size > sim.settings.maxAttachmentBytes) {
		throw new SimError(413, 'payload_too_large', `Attachment exceeds the upload size cap of ${sim.settings.maxAttachmentBytes} bytes (this one is ${size}).`);
	}
}

function store(sim: Sim, filename: string, contentType: string, bytes: Buffer): AttachmentRecord {
	const attachment: AttachmentRecord = {
		id: publicId('att'),
		filename,
		contentType,
		bytes,
		expiresAt: sim.clock.peek() + ATTACHMENT_TTL_MS,
	};
	sim.state.attachments.set(attachment.id, attachment);
	return attachment;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const attachmentHandlers: HandlerMap = {
	sendingUploadAttachment(request, sim) {
		const bytes = request.body as Buffer;
		tooLarge(bytes.length, sim);
		const filename = text(request.query.filename) as string;
		const attachment = store(sim, filename, text(request.query.content_type) ?? 'application/octet-stream', bytes);
		return { status: 201, data: representation(attachment) };
	},

	sendingGetAttachment(request, sim) {
		const attachment = sim.state.attachments.get(request.pathParams.attachment_id);
		if (!attachment || attachment.expiresAt <= sim.clock.peek()) {
			throw new SimError(404, 'not_found', 'Attachment not found or expired.', { param: 'attachment_id' });
		}
		return { data: representation(attachment) };
	},

	sendingCreateAttachmentUpload(request, sim) {
		const body = bodyOf<{ filename: string; size_bytes: number; content_type?: string; sha256?: string }>(request);
		tooLarge(body.size_bytes, sim);
		const upload = {
			id: publicId('upl'),
			token: `upt_${randomToken(40)}`,
			filename: body.filename,
			contentType: body.content_type ?? 'application/octet-stream',
			sizeBytes: body.size_bytes,
			sha256: body.sha256,
			expiresAt: sim.clock.peek() + UPLOAD_INTENT_TTL_MS,
		};
		sim.state.uploads.set(upload.id, upload);
		return {
			status: 201,
			data: {
				upload_id: upload.id,
				upload_url: `${sim.baseUrls.sending}/emails/attachment-uploads/${upload.id}`,
				method: 'PUT',
				headers: {
					'Content-Length': String(upload.sizeBytes),
					'Content-Type': upload.contentType,
					'X-Sendmux-Upload-Token': upload.token,
				},
				// The cap, as the spec describes it ("Maximum upload size in bytes"), not the declared size.
				max_size_bytes: sim.settings.maxAttachmentBytes,
				expires_at: new Date(upload.expiresAt).toISOString(),
			},
		};
	},

	sendingCompleteAttachmentUpload(request, sim) {
		const upload = found(sim.state.uploads.get(request.pathParams.upload_id), 'Upload', 'upload_id');
		if (upload.expiresAt <= sim.clock.peek()) throw new SimError(404, 'not_found', 'Upload intent expired. Create a new one.');
		const token = request.headers['x-sendmux-upload-token'] ?? '';
		if (!sameSecret(token, upload.token)) {
			throw new SimError(401, 'authentication_required', 'The upload token is missing, invalid or expired.');
		}
		const bytes = request.body as Buffer;
		if (bytes.length !== upload.sizeBytes) {
			throw new SimError(413, 'payload_too_large', `The upload was declared as ${upload.sizeBytes} bytes but ${bytes.length} arrived.`);
		}
		const digest = createHash('sha256').update(bytes).digest('hex');
		if (upload.sha256 && upload.sha256 !== digest) {
			throw new SimError(422, 'validation_error', 'The uploaded bytes do not match the declared sha256.', { param: 'sha256' });
		}
		if (upload.attachmentId) {
			const existing = sim.state.attachments.get(upload.attachmentId) as AttachmentRecord;
			if (!existing.bytes.equals(bytes)) throw new SimError(409, 'conflict', 'This upload was already completed with different content.');
			return { status: 201, data: representation(existing) };
		}
		const attachment = store(sim, upload.filename, upload.contentType, bytes);
		upload.attachmentId = attachment.id;
		return { status: 201, data: representation(attachment) };
	},
};
