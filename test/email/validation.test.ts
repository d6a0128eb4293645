import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { shownInEditor } from '../harness/editorView';
import { runNode } from '../harness/workflow';
import { FakeSending } from './fakeSending';

const base = {
	resource: 'email',
	operation: 'send',
	fromEmail: 'orders@acme.test',
	toEmail: 'jane@example.com',
	subject: 'Hello',
	emailFormat: 'html',
	html: '<p>Hello</p>',
};

const file = (text: string, fileName = 'a.txt') => ({
	data: Buffer.from(text).toString('base64'),
	mimeType: 'text/plain',
	fileName,
});

const manyAddresses = (count: number, prefix: string) =>
	Array.from({ length: count }, (_, n) => `${prefix}${n}@example.com`).join(', ');

interface Case {
	name: string;
	parameters: Record<string, unknown>;
	binary?: Record<string, ReturnType<typeof file>>;
	message: string;
}

const cases: Case[] = [
	{ name: 'invalid From Email', parameters: { fromEmail: 'orders@' }, message: 'Item 0: "From Email" is not a valid email address ("orders@")' },
	{ name: 'invalid To Email', parameters: { toEmail: 'jane at example.com' }, message: 'Item 0: "To Email" is not a valid email address ("jane at example.com")' },
	{ name: 'several To addresses', parameters: { toEmail: 'a@example.com, b@example.com' }, message: 'Item 0: "To Email" holds 2 addresses; an email has one main recipient' },
	{ name: 'invalid CC entry', parameters: { additionalFields: { cc: 'ann@example.com, bob@@example.com' } }, message: 'Item 0: "CC" has an invalid email address in entry 2 ("bob@@example.com")' },
	{ name: 'invalid Reply-To', parameters: { additionalFields: { replyTo: 'Support <support@>' } }, message: 'Item 0: "Reply-To" is not a valid email address ("support@")' },
	{ name: 'invalid Return Path', parameters: { additionalFields: { returnPath: 'bounces' } }, message: 'Item 0: "Return Path" is not a valid email address ("bounces")' },
	{ name: 'CR/LF in subject', parameters: { subject: 'Hello\r\nBcc: victim@example.com' }, message: 'Item 0: "Subject" contains a line break, which could inject email headers' },
	{ name: 'LF in From Name', parameters: { additionalFields: { fromName: 'Acme\nBcc: x@example.com' } }, message: 'Item 0: "From Name" contains a line break, which could inject email headers' },
	{ name: 'CR in To Name', parameters: { additionalFields: { toName: 'Jane\rDoe' } }, message: 'Item 0: "To Name" contains a line break, which could inject email headers' },
	{ name: 'header not starting with X-', parameters: { additionalFields: { customHeaders: { header: [{ name: 'Subject', value: 'x' }] } } }, message: 'Item 0: "Custom Headers" contains "Subject", but only headers starting with X- can be set' },
	{ name: 'CR/LF in a header value', parameters: { additionalFields: { customHeaders: { header: [{ name: 'X-Tag', value: 'a\r\nBcc: x@example.com' }] } } }, message: 'Item 0: "Custom Headers" has a line break in the value of "X-Tag", which could inject email headers' },
	{ name: 'more than 50 recipients', parameters: { additionalFields: { cc: manyAddresses(30, 'cc'), bcc: manyAddresses(20, 'bcc') } }, message: 'Item 0: "To", "CC" and "BCC" make 51 recipients in all; Sendmux accepts at most 50 per email' },
	{ name: 'no body (HTML empty)', parameters: { html: '   ' }, message: 'Item 0: "HTML" is empty: the email needs an HTML or a text body' },
	{ name: 'no body (Text empty)', parameters: { emailFormat: 'text', text: '' }, message: 'Item 0: "Text" is empty: the email needs an HTML or a text body' },
	{ name: 'subject longer than 998', parameters: { subject: 'x'.repeat(999) }, message: 'Item 0: "Subject" is 999 characters long; email allows at most 998' },
	{ name: 'empty subject (from an expression)', parameters: { subject: '={{ $json.missing ?? "" }}' }, message: 'Item 0: "Subject" is empty' },
	{
		name: 'more than 10 attachments',
		parameters: { additionalFields: { attachments: { attachment: [{ binaryPropertyName: Array.from({ length: 11 }, (_, n) => `f${n}`).join(',') }] } } },
		binary: Object.fromEntries(Array.from({ length: 11 }, (_, n) => [`f${n}`, file(`file ${n}`, `f${n}.txt`)])),
		message: 'Item 0: "Attachments" lists 11 files; Sendmux accepts at most 10 per email',
	},
	{
		name: 'missing binary property',
		parameters: { additionalFields: { attachments: { attachment: [{ binaryPropertyName: 'invoice' }] } } },
		binary: { data: file('hello') },
		message: 'Item 0: "Attachments" names the binary property "invoice", which this item does not have',
	},
	{
		name: 'empty file',
		parameters: { additionalFields: { attachments: { attachment: [{ binaryPropertyName: 'data' }] } } },
		binary: { data: file('', 'empty.csv') },
		message: 'Item 0: "Attachments" points at an empty file ("empty.csv" in binary property "data")',
	},
	{
		name: 'unusable Idempotency Key',
		parameters: { options: { idempotencyKey: 'k'.repeat(256) } },
		message: 'Idempotency Key of item 0 is not usable: it must be 1–255 characters without line breaks or control characters',
	},
];

describe('Email → Send: local validation refuses bad input before any request', () => {
	it.each(cases)('$name', async ({ parameters, binary, message }) => {
		const api = new SendmuxApi();
		// A send that would succeed: the test proves it is never asked.
		api.sending('POST', '/emails/send').times(2).replyWith(new FakeSending().single());
		api.sending('POST', '/emails/attachment-uploads').ok({});
		const { error, items } = await runNode({
			node: { parameters: { ...base, ...parameters } },
			input: [{ json: {}, ...(binary ? { binary } : {}) }],
		});
		expect(api.requests).toEqual([]);
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toMatch(/\S/);
	});

	it('lists every problem of the item with its fix', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({
			node: { parameters: { ...base, fromEmail: 'nope', subject: 'a\nb', html: '' } },
		});
		expect(api.requests).toEqual([]);
		expect(error?.message).toBe('Item 0: "From Email" is not a valid email address ("nope") (and 2 more)');
		// n8n's editor renders the description as HTML: every example survives, one line each,
		// and the first problem (already the title) is not repeated.
		expect(shownInEditor(error?.description)).toBe(
			[
				'Enter an address like name@example.com (or "Name <name@example.com>").',
				'• "Subject" contains a line break, which could inject email headers. Put the subject on one line, e.g. with {{ $json.subject.replace(/[\\r\\n]+/g, " ") }}.',
				'• "HTML" is empty: the email needs an HTML or a text body. Fill in the HTML or the text of the email.',
				'Nothing was sent for this item.',
			].join('\n'),
		);
	});
});

describe('Email → Send Batch: local validation', () => {
	const batch = { ...base, operation: 'sendBatch', source: 'items', toEmail: '={{ $json.to }}' };

	it('one invalid item stops the node before any call, even for the valid items', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send/batch').replyWith(new FakeSending().batch());
		const { error } = await runNode({
			node: { parameters: batch },
			input: [{ json: { to: 'a@example.com' } }, { json: { to: 'b@' } }, { json: { to: 'c@example.com' } }],
		});
		expect(api.requests).toEqual([]);
		expect(error?.message).toBe('Item 1: "To Email" is not a valid email address ("b@")');
	});

	it('with Continue On Fail the invalid item fails on its own and the others are sent', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send/batch').replyWith(fake.batch());
		const { items, error } = await runNode({
			node: { parameters: batch, settings: { continueOnFail: true } },
			input: [{ json: { to: 'a@example.com' } }, { json: { to: 'b@' } }, { json: { to: 'c@example.com' } }],
		});
		expect(error).toBeUndefined();
		expect((api.requests[0].body as { messages: unknown[] }).messages).toHaveLength(2);
		expect(items.map((i) => i.json.status)).toEqual(['queued', 'failed', 'queued']);
		expect(items[1].json.error).toBe('Item 1: "To Email" is not a valid email address ("b@")');
		expect(items[1].json).not.toHaveProperty('idempotency_key');
	});

	it('refuses a Batch Size over 100 from an expression', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({
			node: { parameters: { ...batch, options: { batchSize: '={{ 150 }}' } } },
			input: [{ json: { to: 'a@example.com' } }],
		});
		expect(api.requests).toEqual([]);
		expect(error?.message).toBe('Batch Size of item 0 is 150: it must be a whole number from 1 to 100');
	});

	it('refuses an explicit JSON batch of more than 100 messages', async () => {
		const api = new SendmuxApi();
		const messages = Array.from({ length: 101 }, (_, n) => ({
			from: 'news@acme.test',
			to: `p${n}@example.com`,
			subject: 'Hi',
			html_body: '<p>Hi</p>',
		}));
		const { error } = await runNode({
			node: { parameters: { resource: 'email', operation: 'sendBatch', source: 'json', messages: '={{ $json.messages }}' } },
			input: [{ json: { messages } }],
		});
		expect(api.requests).toEqual([]);
		expect(error?.message).toBe('Item 0: "Messages" holds 101 messages; one batch call takes at most 100');
	});

	it('names the JSON path of a bad message in an explicit batch', async () => {
		const api = new SendmuxApi();
		const messages = [
			{ from: 'news@acme.test', to: 'a@example.com', subject: 'Hi', html_body: '<p>Hi</p>' },
			{ from: 'news@acme.test', to: 'b@example.com', subject: 'Hi', html_body: '<p>Hi</p>', custom_headers: { Received: 'x' } },
			{ from: 'news@acme.test', to: { email: 'c@example.com', name: 'C\r\nBcc: x@example.com' }, subject: 'Hi', text_body: 'Hi', priority: 'high' },
		];
		const { error } = await runNode({
			node: { parameters: { resource: 'email', operation: 'sendBatch', source: 'json', messages: JSON.stringify(messages) } },
		});
		expect(api.requests).toEqual([]);
		expect(error?.message).toBe(
			'Item 0: "messages[1].custom_headers" contains "Received", but only headers starting with X- can be set (and 2 more)',
		);
		expect(error?.description).toContain('"messages[2].priority" is not a field of a Sendmux message');
		expect(error?.description).toContain('"messages[2].to.name" contains a line break');
	});
});

describe('Email → Send: what n8n’s editor shows for a bad address', () => {
	it('keeps the example address of the fix (n8n renders the description as HTML)', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({ node: { parameters: { ...base, toEmail: 'not-an-email' } } });
		expect(api.requests).toEqual([]);
		expect(error?.message).toBe('Item 0: "To Email" is not a valid email address ("not-an-email")');
		expect(shownInEditor(error?.description)).toBe(
			'Enter an address like name@example.com (or "Name <name@example.com>").\nNothing was sent for this item.',
		);
	});
});
