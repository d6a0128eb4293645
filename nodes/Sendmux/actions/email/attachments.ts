import type { IExecuteFunctions } from 'n8n-workflow';

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

/** Upload one file to the Sending API; Sendmux keeps it for the send that follows. */
async function uploadFile(
	ctx: IExecuteFunctions,
	file: AttachmentFile,
	itemIndex: number,
	idempotencyKey: string,
): Promise<UploadedAttachmentRef> {
	const qs: Record<string, string> = { filename: file.fileName };
	if (file.mimeType) qs.content_type = file.mimeType;
	const response = await sendmuxRequest.call(ctx, {
		surface: 'sending',
		method: 'POST',
		path: '/emails/attachments',
		qs,
		body: file.content,
		headers: { 'Content-Type': 'application/octet-stream' },
		idempotencyKey,
		itemIndex,
	});
	return { attachment_id: (response.data as { attachment_id: string }).attachment_id };
}

/**
 * The draft as Sendmux takes it: small files inline as base64, files that would push the
 * body over the limit uploaded first and referenced by `attachment_id`. `uploadKey(n)` is the
 * Idempotency-Key of the n-th file's upload, so a retry reuses the first upload.
 */
export async function finishMessage(
	ctx: IExecuteFunctions,
	draft: Draft,
	uploadKey: (fileIndex: number) => string,
): Promise<EmailMessage> {
	if (draft.files.length === 0) return draft.message;
	const uploads = filesToUpload(draft);
	const attachments: Array<InlineAttachment | UploadedAttachmentRef> = [...(draft.message.attachments ?? [])];
	for (const [index, file] of draft.files.entries()) {
		attachments.push(
			uploads.has(file) ? await uploadFile(ctx, file, draft.itemIndex, uploadKey(index)) : inline(file),
		);
	}
	return { ...draft.message, attachments };
}
