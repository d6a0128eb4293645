/**
 * A binary stored by n8n's filesystem mode: the item holds only a reference
 * (`id: "filesystem-v2:…"`, `data: "filesystem-v2"`), the bytes live on disk. The node must read
 * them through getBinaryDataBuffer; reading `item.binary.x.data` would send the word
 * "filesystem-v2" instead of the file.
 */
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';
import { beforeAll, describe, expect, it } from 'vitest';

import { filesUnder, temporaryFolder } from '../harness/host.mjs';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { FakeSending } from './fakeSending';

const storagePath = temporaryFolder('sendmux-binary-');

beforeAll(async () => {
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.localStoragePath = storagePath;
	await Container.get(BinaryDataService).init();
});

describe('Email → Send: attachment from a filesystem-mode binary', () => {
	it('reads the file from disk through n8n’s binary data service and sends its bytes', async () => {
		const content = Buffer.from('%PDF-1.7\nquarterly report\n');
		const stored = await Container.get(BinaryDataService).store(
			{ type: 'execution', workflowId: 'wf-test', executionId: 'earlier-run' },
			content,
			{ data: '', mimeType: 'application/pdf', fileName: 'q3-report.pdf' } as IBinaryData,
		);
		// Really on disk, and the item itself does not carry the bytes.
		expect(stored.id).toMatch(/^filesystem-v2:/);
		expect(stored.data).toBe('filesystem-v2');
		expect(filesUnder(storagePath).length).toBeGreaterThan(0);

		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').replyWith(new FakeSending().single());
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'email',
					operation: 'send',
					fromEmail: 'reports@acme.test',
					toEmail: 'cfo@example.com',
					subject: 'Q3 report',
					emailFormat: 'text',
					text: 'Attached.',
					additionalFields: { attachments: { attachment: [{ binaryPropertyName: 'report' }] } },
				},
			},
			input: [{ json: {}, binary: { report: stored } }],
		});
		expect(error).toBeUndefined();
		expect((api.requests[0].body as { attachments: unknown }).attachments).toEqual([
			{ filename: 'q3-report.pdf', content: content.toString('base64'), type: 'application/pdf' },
		]);
		expect(items[0].json.status).toBe('queued');
	});
});
