import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { filesToUpload } from '../../nodes/Sendmux/actions/email/attachments';
import type { AttachmentFile, Draft } from '../../nodes/Sendmux/actions/email/message';
import { recordedWaits } from '../harness/clock';
import { okEnvelope, SendmuxApi, type RecordedRequest, type Reply } from '../harness/sendmuxApi';
import { runNode, SENDING_BASE_URL } from '../harness/workflow';
import { fail, FakeSending } from './fakeSending';

const base = {
	resource: 'email',
	operation: 'send',
	fromEmail: 'reports@acme.test',
	toEmail: 'jane@example.com',
	subject: 'Your reports',
	emailFormat: 'html',
	html: '<p>Attached.</p>',
};

const binaryOf = (content: Buffer, fileName: string, mimeType: string) => ({
	data: content.toString('base64'),
	mimeType,
	fileName,
});

/** Bytes that do not compress or repeat, like a real file. */
function randomish(size: number, seed: string): Buffer {
	const out = Buffer.alloc(size);
	let block = createHash('sha256').update(seed).digest();
	for (let offset = 0; offset < size; offset += block.length) {
		block.copy(out, offset);
		block = createHash('sha256').update(block).digest();
	}
	return out;
}

describe('Email → Send: attachments', () => {
	it('inlines binary files with their own name and type, or the overrides given', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').replyWith(new FakeSending().single());
		const csv = Buffer.from('id,total\n1,9.99\n');
		const png = randomish(2048, 'png');
		const txt = Buffer.from('notes');
		const { error } = await runNode({
			node: {
				parameters: {
					...base,
					additionalFields: {
						attachments: {
							attachment: [
								{ binaryPropertyName: 'report, chart' },
								{ binaryPropertyName: 'notes', fileName: 'README.txt', mimeType: 'text/markdown' },
							],
						},
					},
				},
			},
			input: [
				{
					json: {},
					binary: {
						report: binaryOf(csv, 'report.csv', 'text/csv'),
						chart: binaryOf(png, 'chart.png', 'image/png'),
						notes: binaryOf(txt, 'notes.txt', 'text/plain'),
					},
				},
			],
		});
		expect(error).toBeUndefined();
		expect((api.requests[0].body as { attachments: unknown }).attachments).toEqual([
			{ filename: 'report.csv', content: csv.toString('base64'), type: 'text/csv' },
			{ filename: 'chart.png', content: png.toString('base64'), type: 'image/png' },
			{ filename: 'README.txt', content: txt.toString('base64'), type: 'text/markdown' },
		]);
	});

	it('uploads a file that would push the body past the 25 MB limit through an upload URL, then references it by attachment_id', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		const video = Buffer.alloc(19 * 1024 * 1024, 'frame ');
		const notes = Buffer.from('agenda');
		uploadUrls(api);
		api.sending('PUT', UPLOAD_PATH).replyWith(uploaded);
		api.sending('POST', '/emails/send').replyWith(fake.single());
		const { items, error } = await runNode({
			node: {
				parameters: {
					...base,
					additionalFields: { attachments: { attachment: [{ binaryPropertyName: 'notes,video' }] } },
					options: { idempotencyKey: 'report-2026-11' },
				},
			},
			input: [
				{
					json: {},
					binary: {
						notes: binaryOf(notes, 'notes.txt', 'text/plain'),
						video: binaryOf(video, 'video.mp4', 'video/mp4'),
					},
				},
			],
		});
		expect(error).toBeUndefined();
		const [intent, put, send] = api.requests;
		expect([intent.method, intent.path]).toEqual(['POST', '/emails/attachment-uploads']);
		// No bytes yet: the name, the exact size and the digest, so Sendmux can state its cap first.
		expect(intent.body).toEqual({
			filename: 'video.mp4',
			size_bytes: video.length,
			content_type: 'video/mp4',
			sha256: createHash('sha256').update(video).digest('hex'),
		});
		// The upload is keyed from the send's key: a retried send reuses the same upload.
		expect(intent.idempotencyKey).toBe('report-2026-11-attachment-1');
		expect([put.method, put.path]).toEqual(['PUT', `/emails/attachment-uploads/${UPLOAD_ID}`]);
		// The file's own bytes (ASCII here, so nock hands them over as text): raw, not base64,
		// with the upload token and without the API key.
		expect(put.body === video.toString('latin1')).toBe(true);
		expect(Number(put.headers['content-length'])).toBe(video.length);
		expect(put.headers['content-type']).toBe('application/octet-stream');
		expect(put.headers['x-sendmux-upload-token']).toBe(UPLOAD_HEADER_VALUE);
		expect(put.headers.authorization).toBeUndefined();
		expect(send.idempotencyKey).toBe('report-2026-11');
		expect((send.body as { attachments: unknown }).attachments).toEqual([
			{ filename: 'notes.txt', content: notes.toString('base64'), type: 'text/plain' },
			{ attachment_id: ATTACHMENT_ID },
		]);
		expect(items[0].json.status).toBe('queued');
	});
});

const UPLOAD_ID = 'upl_0123456789abcdefghijklmn';
const UPLOAD_PATH = `/emails/attachment-uploads/${UPLOAD_ID}`;
// Shaped like Sendmux's example (`smx_upload_...`); a fixture, not a secret.
const UPLOAD_HEADER_VALUE = ['smx', 'upload', 'fixture'].join('_');
const ATTACHMENT_ID = 'att_0123456789abcdefghijklmn';
// Any cap the spec allows; Sendmux states it with every upload URL.
const CAP = 20 * 1024 * 1024;

/** `POST /emails/attachment-uploads` answered as Sendmux does: an upload URL and the cap. */
function uploadUrls(api: SendmuxApi, options: { cap?: number; times?: number } = {}) {
	api
		.sending('POST', '/emails/attachment-uploads')
		.times(options.times ?? 1)
		.replyWith((request) => {
			const body = request.body as { size_bytes: number };
			return [
				201,
				okEnvelope({
					upload_id: UPLOAD_ID,
					upload_url: `${SENDING_BASE_URL}${UPLOAD_PATH}`,
					method: 'PUT',
					headers: {
						'Content-Length': String(body.size_bytes),
						'Content-Type': 'video/mp4',
						'X-Sendmux-Upload-Token': UPLOAD_HEADER_VALUE,
					},
					max_size_bytes: options.cap ?? CAP,
					expires_at: '2026-12-01T10:00:00.000Z',
				}),
			];
		});
}

/** The PUT completing the upload. */
function uploaded(request: RecordedRequest): Reply {
	return [
		201,
		okEnvelope({
			attachment_id: ATTACHMENT_ID,
			filename: 'video.mp4',
			content_type: 'video/mp4',
			size_bytes: Number(request.headers['content-length']),
			expires_at: '2026-12-02T10:00:00.000Z',
		}),
	];
}

describe('Email → Send: upload edge cases', () => {
	const video = Buffer.alloc(19 * 1024 * 1024, 'frame ');
	const run = (settings: Record<string, unknown> = {}) =>
		runNode({
			node: {
				parameters: {
					...base,
					additionalFields: { attachments: { attachment: [{ binaryPropertyName: 'video' }] } },
					options: { idempotencyKey: 'report-7' },
				},
				settings,
			},
			input: [{ json: {}, binary: { video: binaryOf(video, 'video.mp4', 'video/mp4') } }],
		});

	it('a PUT answered 503 is retried with the same upload token, then the email is sent once', async () => {
		const api = new SendmuxApi();
		uploadUrls(api);
		api.sending('PUT', UPLOAD_PATH).error(503, 'service_unavailable', 'Attachment storage temporarily unavailable', {
			retryable: true,
			headers: { 'Retry-After': '2' },
		});
		api.sending('PUT', UPLOAD_PATH).replyWith(uploaded);
		api.sending('POST', '/emails/send').replyWith(new FakeSending().single());
		const { items, error } = await run();
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('queued');
		const puts = api.requestsTo('PUT', UPLOAD_PATH);
		expect(puts).toHaveLength(2);
		expect(puts.map((put) => put.headers['x-sendmux-upload-token'])).toEqual([UPLOAD_HEADER_VALUE, UPLOAD_HEADER_VALUE]);
		expect(recordedWaits).toEqual([2000]);
		expect(api.requestsTo('POST', '/emails/attachment-uploads')).toHaveLength(1);
		expect(api.requestsTo('POST', '/emails/send')).toHaveLength(1);
	});

	it('a PUT whose connection drops is sent again (the same bytes complete the same upload)', async () => {
		const api = new SendmuxApi();
		uploadUrls(api);
		api.sending('PUT', UPLOAD_PATH).dropConnection();
		api.sending('PUT', UPLOAD_PATH).replyWith(uploaded);
		api.sending('POST', '/emails/send').replyWith(new FakeSending().single());
		const { items, error } = await run();
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('queued');
		expect(api.requestsTo('PUT', UPLOAD_PATH)).toHaveLength(2);
	});

	it('an upload URL request answered 503 is retried under the same Idempotency-Key', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/attachment-uploads').error(503, 'service_unavailable', 'Try again', {
			retryable: true,
			headers: { 'Retry-After': '1' },
		});
		uploadUrls(api);
		api.sending('PUT', UPLOAD_PATH).replyWith(uploaded);
		api.sending('POST', '/emails/send').replyWith(new FakeSending().single());
		const { error } = await run();
		expect(error).toBeUndefined();
		const intents = api.requestsTo('POST', '/emails/attachment-uploads');
		expect(intents.map((intent) => intent.idempotencyKey)).toEqual(['report-7-attachment-0', 'report-7-attachment-0']);
	});

	it('a file over the cap Sendmux states is refused before its bytes are uploaded, naming the file, its size and the cap', async () => {
		const api = new SendmuxApi();
		uploadUrls(api, { cap: 10 * 1024 * 1024 });
		const { items, error } = await run({ continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe('Attachment "video.mp4" is too large for Sendmux: 19,922,944 bytes (19.0 MiB) (item 0)');
		expect(String(items[0].json.description)).toContain("Sendmux's upload cap is 10,485,760 bytes (10.0 MiB)");
		expect(String(items[0].json.description)).toContain('binary property "video"');
		expect(items[0].json).toMatchObject({ code: 'attachment_too_large', sizeBytes: video.length, maxSizeBytes: 10 * 1024 * 1024 });
		expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /emails/attachment-uploads']);
	});

	it('a file Sendmux refuses with 413 when asked for an upload URL is refused with Sendmux’s words, before any bytes', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/attachment-uploads').error(413, 'payload_too_large', 'Attachment exceeds the upload size cap of 18874368 bytes.');
		const { error } = await run();
		expect(error?.message).toBe('Attachment "video.mp4" is too large for Sendmux: 19,922,944 bytes (19.0 MiB) (item 0)');
		expect(error?.description).toContain('Sendmux says: "Attachment exceeds the upload size cap of 18874368 bytes."');
		expect(error?.description).toContain('No file of this email was uploaded, and the email was not sent.');
		expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /emails/attachment-uploads']);
	});

	it('an expired upload URL (PUT answered 404) fails the item naming the file; nothing is sent', async () => {
		const api = new SendmuxApi();
		uploadUrls(api);
		api.sending('PUT', UPLOAD_PATH).error(404, 'not_found', 'Upload intent not found or expired');
		const { error } = await run();
		expect(error?.message).toBe('Upload intent not found or expired');
		expect(error?.description).toContain('While uploading attachment "video.mp4" (binary property "video")');
		expect(error?.description).toContain('The upload URL expires at 2026-12-01T10:00:00.000Z.');
		expect(api.requestsTo('PUT', UPLOAD_PATH)).toHaveLength(1);
		expect(api.requestsTo('POST', '/emails/send')).toHaveLength(0);
	});

	it('with two files to upload and the second over the cap, no bytes of either are uploaded', async () => {
		const api = new SendmuxApi();
		const big = Buffer.alloc(19 * 1024 * 1024, 'slide ');
		uploadUrls(api);
		api.sending('POST', '/emails/attachment-uploads').error(413, 'payload_too_large', 'Attachment exceeds the upload size cap of 18874368 bytes.');
		const { error } = await runNode({
			node: {
				parameters: { ...base, additionalFields: { attachments: { attachment: [{ binaryPropertyName: 'video, slides' }] } } },
			},
			input: [
				{
					json: {},
					binary: {
						video: binaryOf(Buffer.concat([video, Buffer.from('x')]), 'video.mp4', 'video/mp4'),
						slides: binaryOf(big, 'slides.pdf', 'application/pdf'),
					},
				},
			],
		});
		expect(error?.message).toBe('Attachment "slides.pdf" is too large for Sendmux: 19,922,944 bytes (19.0 MiB) (item 0)');
		expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /emails/attachment-uploads',
			'POST /emails/attachment-uploads',
		]);
	});
});

describe('which files are uploaded', () => {
	const file = (name: string, size: number): AttachmentFile => ({
		source: name,
		fileName: name,
		content: Buffer.alloc(size),
	});
	const draft = (files: AttachmentFile[]): Draft => ({
		itemIndex: 0,
		message: { from: { email: 'a@acme.test' }, to: { email: 'b@example.com' }, subject: 's', html_body: '<p>x</p>' },
		files,
	});

	it('none while everything fits inline', () => {
		expect(filesToUpload(draft([file('a', 3000), file('b', 3000)]), 10_000).size).toBe(0);
	});

	it('the largest first, only as many as needed, the same choice every time', () => {
		const files = [file('small', 1000), file('large', 6000), file('medium', 4000)];
		const chosen = filesToUpload(draft(files), 9000);
		expect([...chosen].map((f) => f.fileName)).toEqual(['large']);
		expect([...filesToUpload(draft(files), 3000)].map((f) => f.fileName)).toEqual(['large', 'medium']);
	});
});

describe('Email → Send Batch: a file over the cap', () => {
	// An email whose files must be uploaded is over the JSON budget on its own, so it always
	// travels in a batch call of its own: its refusal touches no other email.
	it('fails only its own email; the others are sent, each result on its own item', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending((message) =>
			message.to.email.startsWith('blocked') ? fail('recipient_suppressed', `${message.to.email} is on the suppression list`) : 'queued',
		);
		api.sending('POST', '/emails/attachment-uploads').error(413, 'payload_too_large', 'Attachment exceeds the upload size cap of 18874368 bytes.');
		api.sending('POST', '/emails/send/batch').times(2).replyWith(fake.batch());
		const video = Buffer.alloc(19 * 1024 * 1024, 'frame ');
		const { items, error } = await runNode({
			node: {
				parameters: {
					...base,
					operation: 'sendBatch',
					source: 'items',
					toEmail: '={{ $json.email }}',
					additionalFields: { attachments: { attachment: [{ binaryPropertyName: '={{ $json.file }}' }] } },
				},
				settings: { continueOnFail: true },
			},
			input: [
				{ json: { email: 'ann@example.com', file: '' } },
				{ json: { email: 'bob@example.com', file: 'video' }, binary: { video: binaryOf(video, 'video.mp4', 'video/mp4') } },
				{ json: { email: 'blocked@example.com', file: '' } },
			],
		});
		expect(error).toBeUndefined();
		const calls = api.requestsTo('POST', '/emails/send/batch');
		expect(calls.map((c) => (c.body as { messages: Array<{ to: { email: string } }> }).messages.map((m) => m.to.email))).toEqual([
			['ann@example.com'],
			['blocked@example.com'],
		]);
		expect(api.requestsTo('POST', '/emails/attachment-uploads')).toHaveLength(1);
		expect(api.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
		expect(items.map((item) => item.json.status)).toEqual(['queued', 'failed', 'failed']);
		expect(items[1].json.error).toBe(
			'Sendmux did not queue the email of item 1: Attachment "video.mp4" is too large for Sendmux: 19,922,944 bytes (19.0 MiB) (item 1)',
		);
		expect(String(items[1].json.description)).toContain('Sendmux says: "Attachment exceeds the upload size cap of 18874368 bytes."');
		expect(String(items[2].json.error)).toContain('blocked@example.com is on the suppression list');
		expect(fake.sent.map((m) => m.to)).toEqual(['ann@example.com']);
	});
});
