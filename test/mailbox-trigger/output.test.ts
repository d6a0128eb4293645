import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { runNode } from '../harness/workflow';
import { idsOf, mailboxTrigger } from './support';

const CSV = { id: 'att_1', filename: 'orders.csv', contentType: 'text/csv', bytes: Buffer.from('id,total\n1,9.90\n') };
const PNG = { id: 'att_2', filename: 'logo.png', contentType: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) };

const CASES: Array<{ label: string; output?: string; options: INodeParameters }> = [
	{ label: 'Clean Content (default)', options: {} },
	{ label: 'Clean Content with HTML, links, headers, no cap', output: 'cleanContent', options: { includeHtml: true, includeLinks: true, includeHeaders: 'selected', maxChars: 0, stripQuotes: false } },
	{ label: 'Simplified', output: 'simplified', options: {} },
	{ label: 'Raw, HTML only, capped', output: 'raw', options: { rawPart: 'html', maxChars: 5000 } },
];

describe('Sendmux Mailbox Trigger: items are exactly what Message → Get gives', () => {
	for (const { label, output, options } of CASES) {
		it(label, async () => {
			const parameters = { ...(output ? { output } : {}), options };
			const { mailbox, trigger } = mailboxTrigger(parameters);
			await trigger.poll();
			mailbox.receive('msg_a', { attachments: [CSV] });
			mailbox.receive('msg_b');
			const polled = await trigger.poll();
			expect(idsOf(polled.items)).toEqual(['msg_a', 'msg_b']);

			const get = await runNode({
				node: { parameters: { resource: 'message', operation: 'get', messageId: '={{ $json.id }}', ...parameters } },
				input: [{ json: { id: 'msg_a' } }, { json: { id: 'msg_b' } }],
			});
			expect(get.error).toBeUndefined();
			expect(polled.items?.map((item) => item.json)).toEqual(get.items.map((item) => item.json));
			// The same :batch-get body, IDs aside.
			const [fromTrigger, fromGet] = mailbox.requests('batch-get').map((r) => ({ ...(r.body as IDataObject), ids: undefined }));
			expect(fromTrigger).toEqual(fromGet);
		});
	}

	it('Download Attachments gives the same binary data as Message → Get', async () => {
		const parameters = { options: { downloadAttachments: true, binaryPrefix: 'file_' } };
		const { mailbox, trigger } = mailboxTrigger(parameters);
		await trigger.poll();
		mailbox.receive('msg_a', { attachments: [CSV, PNG] });
		mailbox.receive('msg_b');
		const polled = await trigger.poll();
		const get = await runNode({
			node: { parameters: { resource: 'message', operation: 'get', messageId: '={{ $json.id }}', ...parameters } },
			input: [{ json: { id: 'msg_a' } }, { json: { id: 'msg_b' } }],
		});
		const files = (binary: IDataObject | undefined) =>
			Object.fromEntries(
				Object.entries(binary ?? {}).map(([key, file]) => {
					const { fileName, mimeType, data } = file as { fileName: string; mimeType: string; data: string };
					return [key, { fileName, mimeType, bytes: Buffer.from(data, 'base64').toString('hex') }];
				}),
			);
		expect(files(polled.items?.[0].binary)).toEqual({
			file_0: { fileName: 'orders.csv', mimeType: 'text/csv', bytes: CSV.bytes.toString('hex') },
			file_1: { fileName: 'logo.png', mimeType: 'image/png', bytes: PNG.bytes.toString('hex') },
		});
		expect(files(polled.items?.[0].binary)).toEqual(files(get.items[0].binary));
		expect(polled.items?.[1].binary).toBeUndefined();
		expect(get.items[1].binary).toBeUndefined();
		// Attachment metadata carries no download_url (it embeds a token).
		expect(JSON.stringify(polled.items)).not.toContain('download_token');
	});

	for (const output of ['cleanContent', 'simplified', 'raw']) {
		for (const downloadAttachments of [false, true]) {
			it(`${output}${downloadAttachments ? ' with Download Attachments' : ''}: emits when Sendmux leaves the other body null and the summary sparse`, async () => {
				const { mailbox, trigger } = mailboxTrigger({ output, options: { downloadAttachments } });
				await trigger.poll();
				mailbox.receive('msg_sparse', { sparse: true, attachments: [CSV] });
				mailbox.receive('msg_plain');
				const polled = await trigger.poll();
				expect(polled.error).toBeUndefined();
				expect(idsOf(polled.items)).toEqual(['msg_sparse', 'msg_plain']);
				expect(polled.saved).toBe(true);
				const batch = mailbox.requests('batch-get')[0].body as { body_mode: string };
				expect(batch.body_mode).toBe(output === 'cleanContent' ? 'clean_json' : 'raw');
				if (output === 'raw') expect(polled.items?.[1].json).toMatchObject({ body: { text: 'Raw text of msg_plain' } });
				else expect(polled.items?.[1].json.text).toBe(output === 'simplified' ? 'Raw text of msg_plain' : 'Clean text of msg_plain');
				const file = polled.items?.[0].binary?.attachment_0;
				if (downloadAttachments) {
					expect(file).toMatchObject({ fileName: 'orders.csv', mimeType: 'text/csv' });
					expect(Buffer.from(file?.data ?? '', 'base64').equals(CSV.bytes)).toBe(true);
				} else {
					expect(polled.items?.[0].binary).toBeUndefined();
				}
			});
		}
	}
});
