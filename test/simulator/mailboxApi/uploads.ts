/**
 * `POST /mailbox/attachments:upload`: the raw bytes become a blob of the key's mailbox that
 * `POST /mailbox/messages/send` accepts as `attachments[].blob_id`. Over the upload cap → 413.
 */
import type { HandlerMap } from '../context';
import { SimError } from '../errors';
import { publicId } from '../ids';
import { text } from '../resources/common';
import { scopeOf } from './scope';

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

export const uploadHandlers: HandlerMap = {
	mailboxUploadAttachment(request, sim) {
		const { store } = scopeOf(request, sim);
		const filename = text(request.query.filename) ?? '';
		if (!filename.trim()) throw new SimError(400, 'invalid_parameter', 'filename must not be empty.', { param: 'filename' });
		const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
		if (bytes.length > sim.settings.maxAttachmentBytes) {
			throw new SimError(413, 'payload_too_large', `Attachment exceeds the upload size cap of ${sim.settings.maxAttachmentBytes} bytes (this one is ${bytes.length}).`);
		}
		const blob = { id: publicId('blob'), filename, contentType: contentTypeOf(filename), bytes };
		store.blobs.set(blob.id, blob);
		return { data: { blob_id: blob.id, filename: blob.filename, content_type: blob.contentType, size_bytes: bytes.length } };
	},
};
