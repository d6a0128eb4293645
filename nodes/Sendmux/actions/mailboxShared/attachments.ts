import { createHash } from 'node:crypto';
import {
	NodeOperationError,
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type IPollFunctions,
	type ITriggerFunctions,
} from 'n8n-workflow';

import { listForMessage } from '../../shared/lists';
import { sendmuxRequest } from '../../transport/request';
import { segment } from './scope';
import type { MailboxAttachment, OutgoingAttachment } from './types';

/**
 * Files up to this size travel inline (base64 in the send request); larger ones are uploaded
 * first with POST /mailbox/attachments:upload and referenced by blob ID, which keeps the send
 * request well under Sendmux's 25 MB body limit.
 */
export const INLINE_ATTACHMENT_MAX_BYTES = 1024 * 1024;

/**
 * Blob IDs of files already uploaded for one send, by (idempotency key, file hash). When n8n's
 * Retry On Fail re-runs the node, the retried send then carries the same blob IDs and so the
 * same body as the first try, and Sendmux's idempotency replay recognises it instead of
 * answering `idempotency_conflict` (or sending twice). Bounded, oldest entries dropped first.
 */
const uploadedBlobs = new Map<string, string>();
const UPLOAD_CACHE_SIZE = 512;

function rememberBlob(key: string, blobId: string): void {
	uploadedBlobs.set(key, blobId);
	while (uploadedBlobs.size > UPLOAD_CACHE_SIZE) {
		const oldest = uploadedBlobs.keys().next().value as string;
		uploadedBlobs.delete(oldest);
	}
}

export const attachmentsOption: INodeProperties = {
	displayName: 'Attachments (Binary Properties)',
	name: 'attachments',
	type: 'string',
	default: '',
	placeholder: 'e.g. data, attachment_*',
	description:
		'Names of the input binary properties to attach, separated by commas. A trailing * matches every property with that prefix (attachment_* takes all files from Message → Get with Download Attachments).',
};

/** The binary property names `spec` selects on the item, in a stable order. */
export function selectBinaryProperties(
	ctx: IExecuteFunctions,
	spec: string,
	itemIndex: number,
): string[] {
	const available = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
	const selected: string[] = [];
	for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
		if (raw.endsWith('*')) {
			const prefix = raw.slice(0, -1);
			const matches = available
				.filter((name) => name.startsWith(prefix))
				.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
			if (!matches.length) {
				throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex} has no binary property matching "${raw}"`, {
					itemIndex,
					description: `The item's binary properties are: ${listForMessage(available)}.`,
				});
			}
			selected.push(...matches);
			continue;
		}
		if (!available.includes(raw)) {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex} has no binary property "${raw}"`, {
				itemIndex,
				description: `The item's binary properties are: ${listForMessage(available)}. Check Attachments (Binary Properties).`,
			});
		}
		selected.push(raw);
	}
	return [...new Set(selected)];
}

export interface UploadedAttachment {
	blob_id: string;
	filename: string;
	content_type: string;
	size_bytes: number;
}

/** POST /mailbox/attachments:upload: raw bytes in, a blob ID for a later send out. */
export async function uploadAttachment(
	ctx: IExecuteFunctions,
	itemIndex: number,
	bytes: Buffer,
	filename: string,
	mailbox: IDataObject,
): Promise<UploadedAttachment> {
	const response = await sendmuxRequest.call(ctx, {
		surface: 'mailbox',
		method: 'POST',
		path: '/mailbox/attachments:upload',
		qs: { ...mailbox, filename },
		// The endpoint takes raw bytes as octet-stream; the type is given again at send time.
		headers: { 'Content-Type': 'application/octet-stream' },
		body: bytes,
		// Not retried: the endpoint takes no Idempotency-Key, so a repeat after a lost answer
		// would store the file twice. A failed upload fails the item before anything is sent.
		itemIndex,
	});
	return response.data as UploadedAttachment;
}

/** One file as an attachment of an outgoing message: inline when small, uploaded when large. */
export async function toOutgoingAttachment(
	ctx: IExecuteFunctions,
	itemIndex: number,
	file: { bytes: Buffer; filename: string; contentType: string },
	sendKey: string,
	mailbox: IDataObject,
): Promise<OutgoingAttachment> {
	const { bytes, filename, contentType } = file;
	if (bytes.length <= INLINE_ATTACHMENT_MAX_BYTES) {
		return { filename, content_type: contentType, content: bytes.toString('base64') };
	}
	const cacheKey = `${sendKey}:${String(mailbox.mailbox_id ?? '')}:${createHash('sha256').update(bytes).digest('hex')}:${filename}`;
	let blobId = uploadedBlobs.get(cacheKey);
	if (!blobId) {
		blobId = (await uploadAttachment(ctx, itemIndex, bytes, filename, mailbox)).blob_id;
		rememberBlob(cacheKey, blobId);
	}
	return { filename, content_type: contentType, blob_id: blobId };
}

/** The item's binary properties named by `spec`, as outgoing attachments. */
export async function attachmentsFromBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: string,
	sendKey: string,
	mailbox: IDataObject,
): Promise<OutgoingAttachment[]> {
	const out: OutgoingAttachment[] = [];
	for (const property of selectBinaryProperties(ctx, spec, itemIndex)) {
		const meta = ctx.helpers.assertBinaryData(itemIndex, property);
		const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		const filename = meta.fileName || `${property}${meta.fileExtension ? `.${meta.fileExtension}` : ''}`;
		out.push(
			await toOutgoingAttachment(
				ctx,
				itemIndex,
				{ bytes, filename, contentType: meta.mimeType || 'application/octet-stream' },
				sendKey,
				mailbox,
			),
		);
	}
	return out;
}

/** Where attachments can be downloaded to binary data: an action node's run, a poll or a trigger. */
export type BinaryContext = IExecuteFunctions | IPollFunctions | ITriggerFunctions;

/** The bytes of one attachment of a message, through the authenticated endpoint. */
export async function downloadAttachment(
	ctx: BinaryContext,
	itemIndex: number,
	messageId: string,
	attachmentId: string,
	mailbox: IDataObject,
): Promise<Buffer> {
	const response = await sendmuxRequest.call(ctx, {
		surface: 'mailbox',
		method: 'GET',
		path: `/mailbox/messages/${segment(messageId)}/attachments/${segment(attachmentId)}`,
		qs: mailbox,
		responseType: 'binary',
		itemIndex,
	});
	return response.data as Buffer;
}

/** A file name for an attachment that has none, from its ID and MIME type. */
export function attachmentFileName(attachment: MailboxAttachment, index: number): string {
	if (attachment.filename) return attachment.filename;
	const subtype = attachment.content_type.split('/')[1]?.split(';')[0]?.trim();
	return `attachment_${index}${subtype && /^[a-z0-9.+-]+$/i.test(subtype) ? `.${subtype}` : ''}`;
}

/**
 * Every attachment of a message as n8n binary data (`<prefix>0`, `<prefix>1`…), with its real
 * file name and MIME type, stored through prepareBinaryData so every binary-data mode works.
 */
export async function attachmentsToBinary(
	ctx: BinaryContext,
	itemIndex: number,
	messageId: string,
	attachments: MailboxAttachment[],
	prefix: string,
	mailbox: IDataObject,
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	for (const [index, attachment] of attachments.entries()) {
		const bytes = await downloadAttachment(ctx, itemIndex, messageId, attachment.id, mailbox);
		binary[`${prefix}${index}`] = await ctx.helpers.prepareBinaryData(
			bytes,
			attachmentFileName(attachment, index),
			attachment.content_type,
		);
	}
	return binary;
}
