/**
 * Large attachments against the simulator, which implements Sendmux's upload-URL flow and its
 * cap as the spec describes them: `POST /emails/attachment-uploads` states the cap
 * (`max_size_bytes`, 18 MiB here, the spec's example) or answers 413 for a declared size over
 * it; `PUT` of the raw bytes with the upload token completes the upload.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { call, useSimulator } from '../simulator/testing.mjs';
import { runNode, testCredentials } from '../harness/workflow';

const MiB = 1024 * 1024;

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

const binaryOf = (content: Buffer, fileName: string, mimeType: string) => ({ data: content.toString('base64'), mimeType, fileName });

describe('Email → Send: large attachments through the upload URLs (simulator)', () => {
	const sim = useSimulator();
	const credentials = () =>
		testCredentials({
			sendmuxMailboxApi: { apiKey: sim().keys.mailbox, sendingBaseUrl: sim().sendingBaseUrl, appBaseUrl: sim().appBaseUrl },
		});
	const parameters = {
		resource: 'email',
		operation: 'send',
		fromEmail: 'reports@example.com',
		toEmail: 'agent@example.com',
		subject: '={{ $json.subject }}',
		emailFormat: 'html',
		html: '<p>Attached.</p>',
		additionalFields: { attachments: { attachment: [{ binaryPropertyName: '={{ Object.keys($binary).join(",") }}' }] } },
	};

	it('sends a file under the cap by upload URL, and refuses one over the cap before its bytes are uploaded', async () => {
		const video = randomish(12 * MiB, 'video');
		const slides = randomish(10 * MiB, 'slides');
		const archive = randomish(30_000_000, 'archive');
		const { items, error } = await runNode({
			node: { parameters, settings: { continueOnFail: true } },
			credentials: credentials(),
			input: [
				{
					json: { subject: 'Two files, 22 MiB' },
					binary: { video: binaryOf(video, 'video.mp4', 'video/mp4'), slides: binaryOf(slides, 'slides.pdf', 'application/pdf') },
				},
				{ json: { subject: 'One file, 30 MB' }, binary: { archive: binaryOf(archive, 'archive.zip', 'application/zip') } },
			],
		});
		expect(error).toBeUndefined();

		// Item 0: the larger file went by upload URL (under the cap), the other inline; sent.
		expect(items[0].json).toMatchObject({ status: 'queued' });
		// Item 1: refused, naming the file, its size and the cap; nothing sent.
		expect(items[1].json.error).toBe('Attachment "archive.zip" is too large for Sendmux: 30,000,000 bytes (28.6 MiB) (item 1)');
		expect(String(items[1].json.description)).toContain(
			'Sendmux says: "Attachment exceeds the upload size cap of 18874368 bytes (this one is 30000000)."',
		);
		expect(String(items[1].json.description)).toContain('binary property "archive"');

		const requests = sim().control.requests();
		expect(requests.map((r) => [r.method, r.path.replace(/upl_[a-z0-9]+/, 'upl_…'), r.status])).toEqual([
			['POST', '/emails/attachment-uploads', 201],
			['PUT', '/emails/attachment-uploads/upl_…', 201],
			['POST', '/emails/send', 200],
			['POST', '/emails/attachment-uploads', 413],
		]);
		const [intent, put, send, refused] = requests;
		expect(intent.body).toEqual({
			filename: 'video.mp4',
			size_bytes: video.length,
			content_type: 'video/mp4',
			sha256: createHash('sha256').update(video).digest('hex'),
		});
		// The bytes themselves, raw, with the upload token and no API key.
		expect(put.body).toEqual({ bytes: video.length });
		expect(put.headers.authorization).toBeUndefined();
		expect(put.headers['x-sendmux-upload-token']).toBeDefined(); // (the recorder hides its value)
		expect(put.headers['content-type']).toBe('application/octet-stream');
		const attachments = (send.body as { attachments: Array<Record<string, string>> }).attachments;
		expect(attachments).toHaveLength(2);
		expect(attachments[0]).toEqual({ attachment_id: expect.stringMatching(/^att_/) });
		expect(attachments[1]).toMatchObject({ filename: 'slides.pdf', type: 'application/pdf' });
		expect(refused.body).toMatchObject({ filename: 'archive.zip', size_bytes: 30_000_000 });
		expect(sim().control.acceptedMessages().map((m) => m.subject)).toEqual(['Two files, 22 MiB']);

		// The uploaded file arrived whole (Sendmux checked it against the declared SHA-256).
		const stored = await call<{ data: { filename: string; size_bytes: number; content_type: string } }>(sim(), 'sending', {
			path: `/emails/attachments/${attachments[0].attachment_id}`,
		});
		expect(stored.body.data).toMatchObject({ filename: 'video.mp4', size_bytes: video.length, content_type: 'video/mp4' });
	});
});
