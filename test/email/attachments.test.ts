import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { filesToUpload } from '../../nodes/Sendmux/actions/email/attachments';
import type { AttachmentFile, Draft } from '../../nodes/Sendmux/actions/email/message';
import { okEnvelope, SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { FakeSending } from './fakeSending';

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

	it('uploads a file that would push the body past the 25 MB limit, then references it by attachment_id', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		const video = Buffer.alloc(19 * 1024 * 1024, 'frame ');
		const notes = Buffer.from('agenda');
		api.sending('POST', '/emails/attachments').replyWith((request) => [
			201,
			okEnvelope({
				attachment_id: 'att_0123456789abcdefghijklmn',
				filename: String(request.query.filename),
				content_type: String(request.query.content_type),
				size_bytes: Number(request.headers['content-length']),
				expires_at: '2026-12-01T10:00:00.000Z',
			}),
		]);
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
		const [upload, send] = api.requests;
		expect(upload.path).toBe('/emails/attachments');
		expect(upload.query).toEqual({ filename: 'video.mp4', content_type: 'video/mp4' });
		expect(upload.headers['content-type']).toBe('application/octet-stream');
		// The file's own bytes (ASCII here, so nock hands them over as text).
		expect(upload.body === video.toString('latin1')).toBe(true);
		expect(Number(upload.headers['content-length'])).toBe(video.length);
		// The upload is keyed from the send's key: a retried send reuses the same upload.
		expect(upload.idempotencyKey).toBe('report-2026-11-attachment-1');
		expect(send.idempotencyKey).toBe('report-2026-11');
		expect((send.body as { attachments: unknown }).attachments).toEqual([
			{ filename: 'notes.txt', content: notes.toString('base64'), type: 'text/plain' },
			{ attachment_id: 'att_0123456789abcdefghijklmn' },
		]);
		expect(items[0].json.status).toBe('queued');
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
