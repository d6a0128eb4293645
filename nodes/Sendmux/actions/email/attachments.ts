import { createHash } from 'node:crypto';
import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { listForMessage } from '../../shared/lists';
import { sendmuxRequest } from '../../transport/request';
import {
	LIMITS,
	encodedSize,
	type AttachmentFile,
	type Draft,
	type EmailMessage,
	type InlineAttachment,
	type UploadedAttachmentRef,
} from './message';
import type { Problem } from './validate';
import { editorDescription, joinDescriptions } from '../../shared/editorText';

/** One row of the Attachments field. */
export interface AttachmentEntry {
	/** A binary property name, or several separated by commas. */
	binaryPropertyName?: string;
	fileName?: string;
	mimeType?: string;
}

const FIELD = '"Attachments"';

/**
 * The files an item's Attachments rows point at, read through n8n's binary data service
 * (so filesystem, S3 and database binary modes all work), with every missing or empty file
 * reported as a problem instead of read.
 */
export async function readAttachmentFiles(
	ctx: IExecuteFunctions,
	itemIndex: number,
	entries: AttachmentEntry[],
): Promise<{ files: AttachmentFile[]; problems: Problem[] }> {
	const files: AttachmentFile[] = [];
	const problems: Problem[] = [];
	const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
	for (const entry of entries) {
		const names = String(entry.binaryPropertyName ?? '')
			.split(',')
			.map((name) => name.trim())
			.filter((name) => name !== '');
		const overrides = Boolean(entry.fileName?.trim() || entry.mimeType?.trim());
		if (names.length > 1 && overrides) {
			problems.push({
				field: FIELD,
				problem: `row "${listForMessage(names)}" names several files but sets one file name or MIME type`,
				fix: 'Give each file its own row to rename it, or clear File Name and MIME Type.',
			});
			continue;
		}
		for (const name of names) {
			const metadata = binary[name];
			if (!metadata) {
				const available = Object.keys(binary);
				problems.push({
					field: FIELD,
					problem: `names the binary property "${name}", which this item does not have`,
					fix: available.length
						? `This item's binary properties are: ${listForMessage(available)}.`
						: 'This item has no binary data: read or download the file in a previous node first.',
				});
				continue;
			}
			const content = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
			const fileName = entry.fileName?.trim() || metadata.fileName || name;
			if (content.length === 0) {
				problems.push({
					field: FIELD,
					problem: `points at an empty file ("${fileName}" in binary property "${name}")`,
					fix: 'Check the node that produced the file; Sendmux does not send empty attachments.',
				});
				continue;
			}
			if (fileName.length > LIMITS.fileNameLength) {
				problems.push({
					field: FIELD,
					problem: `has a file name of ${fileName.length} characters ("${name}"); at most ${LIMITS.fileNameLength} are accepted`,
					fix: 'Set a shorter File Name in the row.',
				});
				continue;
			}
			files.push({
				source: `binary property "${name}"`,
				fileName,
				mimeType: entry.mimeType?.trim() || metadata.mimeType || undefined,
				content,
			});
		}
	}
	return { files, problems };
}

function inline(file: AttachmentFile): InlineAttachment {
	const attachment: InlineAttachment = { filename: file.fileName, content: file.content.toString('base64') };
	if (file.mimeType) attachment.type = file.mimeType;
	return attachment;
}

/**
 * Which of a draft's files must be uploaded so that its JSON stays under the body limit:
 * the largest first, until what remains inline fits. Deterministic, so a retried item
 * builds the same body (and its Idempotency-Key stays valid).
 */
export function filesToUpload(draft: Draft, budgetBytes: number = LIMITS.jsonBodyBytes): Set<AttachmentFile> {
	const chosen = new Set<AttachmentFile>();
	let size = encodedSize(draft);
	const bySize = [...draft.files].sort((a, b) => b.content.length - a.content.length);
	for (const file of bySize) {
		if (size <= budgetBytes) break;
		chosen.add(file);
		size -= 4 * Math.ceil(file.content.length / 3);
	}
	return chosen;
}

/** Sendmux's answer to `POST /emails/attachment-uploads` (`AttachmentUploadIntentData`). */
interface UploadUrl {
	upload_id: string;
	upload_url: string;
	method: 'PUT';
	max_size_bytes: number;
	headers: Record<string, string>;
	expires_at: string;
}

/** A file on its way to Sendmux: the upload URL it was given, and where it came from. */
interface PendingUpload {
	file: AttachmentFile;
	upload: UploadUrl;
}

const bytes = (size: number) => `${size.toLocaleString('en-US')} bytes (${(size / 1024 / 1024).toFixed(1)} MiB)`;

const NOT_SENT = 'The email of this item was not sent.';
const INSTEAD = 'Send a link to the file instead, or compress or split it.';

/** The refusal of a file over Sendmux's upload cap, naming the file, its size and the cap. */
function overCap(ctx: IExecuteFunctions, file: AttachmentFile, itemIndex: number, cap: number | string): NodeOperationError {
	const capText = typeof cap === 'number' ? `Sendmux's upload cap is ${bytes(cap)}` : `Sendmux says: "${cap}"`;
	const error = new NodeOperationError(
		ctx.getNode(),
		`Attachment "${file.fileName}" is too large for Sendmux: ${bytes(file.content.length)} (item ${itemIndex})`,
		{
			itemIndex,
			description: `${capText}. The file comes from ${file.source}. No file of this email was uploaded, and the email was not sent. ${INSTEAD}`,
		},
	);
	error.context.sendmux = {
		code: 'attachment_too_large',
		fileName: file.fileName,
		sizeBytes: file.content.length,
		...(typeof cap === 'number' ? { maxSizeBytes: cap } : {}),
	};
	return error;
}

/** A failed upload request: Sendmux's error, with the file it was for in front. */
function aboutFile(error: unknown, file: AttachmentFile): unknown {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.description = joinDescriptions([
			editorDescription([`While uploading attachment "${file.fileName}" (${file.source}). ${NOT_SENT}`]),
			error.description ?? undefined,
		]);
	}
	return error;
}

/**
 * Asks Sendmux for an upload URL (no bytes yet): Sendmux answers with its upload cap
 * (`max_size_bytes`), or 413 for a file over it. The body is deterministic (size and SHA-256
 * of the bytes) and keyed, so a retried send gets the same upload back.
 */
async function requestUploadUrl(
	ctx: IExecuteFunctions,
	file: AttachmentFile,
	itemIndex: number,
	idempotencyKey: string,
): Promise<UploadUrl> {
	const body: IDataObject = {
		filename: file.fileName,
		size_bytes: file.content.length,
		sha256: createHash('sha256').update(file.content).digest('hex'),
	};
	if (file.mimeType) body.content_type = file.mimeType;
	try {
		const response = await sendmuxRequest.call(ctx, {
			surface: 'sending',
			method: 'POST',
			path: '/emails/attachment-uploads',
			body,
			idempotencyKey,
			itemIndex,
		});
		return response.data as UploadUrl;
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '413') {
			throw overCap(ctx, file, itemIndex, error.message);
		}
		throw aboutFile(error, file);
	}
}

/**
 * The file's raw bytes to the URL Sendmux handed out, with the headers it listed (its
 * short-lived upload token among them) and without the API key. A PUT of the same bytes to
 * the same upload is answered with the same attachment, so the transport may retry it.
 */
async function putBytes(ctx: IExecuteFunctions, pending: PendingUpload, itemIndex: number): Promise<UploadedAttachmentRef> {
	const { file, upload } = pending;
	// Sendmux's headers, but the body's type as the spec declares it (Sendmux also takes the
	// file's own type; the generic one is always accepted) and its length from the bytes sent.
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(upload.headers)) {
		if (!['content-type', 'content-length'].includes(name.toLowerCase())) headers[name] = value;
	}
	headers['Content-Type'] = 'application/octet-stream';
	headers['Content-Length'] = String(file.content.length);
	const token = Object.entries(upload.headers).find(([name]) => name.toLowerCase() === 'x-sendmux-upload-token')?.[1];
	try {
		const response = await sendmuxRequest.call(ctx, {
			surface: 'sending',
			method: upload.method,
			path: `/emails/attachment-uploads/${encodeURIComponent(upload.upload_id)}`,
			handedOutUrl: upload.upload_url,
			body: file.content,
			headers,
			redact: token ? [token] : undefined,
			itemIndex,
		});
		return { attachment_id: (response.data as { attachment_id: string }).attachment_id };
	} catch (error) {
		if (error instanceof NodeApiError && (error.httpCode === '401' || error.httpCode === '404')) {
			error.description = joinDescriptions([
				error.description ?? undefined,
				editorDescription([
					`The upload URL expires at ${upload.expires_at}. A retry under the same Idempotency Key gets the same upload URL back from Sendmux, so once it has expired, run the item with a new Idempotency Key.`,
				]),
			]);
		}
		throw aboutFile(error, file);
	}
}

/**
 * Uploads files through Sendmux's upload URLs: first an upload URL for every file, which
 * tells Sendmux's cap before any byte leaves n8n (a file over it is refused, and no file of
 * the item is uploaded); then each file's bytes.
 */
async function uploadFiles(
	ctx: IExecuteFunctions,
	files: Array<{ file: AttachmentFile; key: string }>,
	itemIndex: number,
): Promise<Map<AttachmentFile, UploadedAttachmentRef>> {
	const pending: PendingUpload[] = [];
	for (const { file, key } of files) {
		const upload = await requestUploadUrl(ctx, file, itemIndex, key);
		if (file.content.length > upload.max_size_bytes) throw overCap(ctx, file, itemIndex, upload.max_size_bytes);
		pending.push({ file, upload });
	}
	const uploaded = new Map<AttachmentFile, UploadedAttachmentRef>();
	for (const entry of pending) uploaded.set(entry.file, await putBytes(ctx, entry, itemIndex));
	return uploaded;
}

/**
 * The draft as Sendmux takes it: small files inline as base64, files that would push the
 * body over the limit uploaded first (through upload URLs) and referenced by
 * `attachment_id`. `uploadKey(n)` is the Idempotency-Key of the n-th file's upload URL, so a
 * retry reuses the first upload.
 */
export async function finishMessage(
	ctx: IExecuteFunctions,
	draft: Draft,
	uploadKey: (fileIndex: number) => string,
): Promise<EmailMessage> {
	if (draft.files.length === 0) return draft.message;
	const chosen = filesToUpload(draft);
	const uploads = await uploadFiles(
		ctx,
		draft.files.flatMap((file, index) => (chosen.has(file) ? [{ file, key: uploadKey(index) }] : [])),
		draft.itemIndex,
	);
	const attachments: Array<InlineAttachment | UploadedAttachmentRef> = [...(draft.message.attachments ?? [])];
	for (const file of draft.files) attachments.push(uploads.get(file) ?? inline(file));
	return { ...draft.message, attachments };
}
