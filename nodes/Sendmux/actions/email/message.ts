import type { Address } from '../../shared/addresses';

/**
 * Limits of the Sending API's messages, checked locally so a bad message never leaves n8n
 * (address, subject, display name and header limits live in shared/, for every operation).
 */
export const LIMITS = {
	attachments: 10,
	fileNameLength: 255,
	batchMessages: 100,
	/** Request bodies are refused above 25 MB; stay clear of it with room for the envelope. */
	jsonBodyBytes: 24 * 1024 * 1024,
} as const;

export interface InlineAttachment {
	filename: string;
	/** Base64 of the file's bytes. */
	content: string;
	type?: string;
}

export interface UploadedAttachmentRef {
	attachment_id: string;
}

/** One message as `POST /emails/send` takes it (and each entry of a batch's `messages`). */
export interface EmailMessage {
	from: Address;
	to: Address;
	subject: string;
	html_body: string;
	text_body?: string;
	cc?: Address[];
	bcc?: Address[];
	reply_to?: Address;
	return_path?: string;
	custom_headers?: Record<string, string>;
	attachments?: Array<InlineAttachment | UploadedAttachmentRef>;
}

/** A file from n8n binary data, read but not yet encoded. */
export interface AttachmentFile {
	/** Where the user pointed, for messages: `binary property "invoice"`. */
	source: string;
	fileName: string;
	mimeType?: string;
	content: Buffer;
}

/** A message before its binary attachments are encoded or uploaded. */
export interface Draft {
	itemIndex: number;
	message: EmailMessage;
	files: AttachmentFile[];
}

/** Bytes a message adds to a JSON request body once its files are inlined as base64. */
export function encodedSize(draft: Draft): number {
	const withoutFiles = Buffer.byteLength(JSON.stringify(draft.message), 'utf8');
	return draft.files.reduce(
		(total, file) =>
			total + 4 * Math.ceil(file.content.length / 3) + Buffer.byteLength(file.fileName, 'utf8') + 64,
		withoutFiles,
	);
}
