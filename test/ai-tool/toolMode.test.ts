/**
 * The Sendmux node as an AI agent's tool, run the way n8n runs it: the `sendmuxTool` variant
 * (see test/harness/aiTool.ts) plugged into an agent, wrapped by n8n-core's createNodeAsTool,
 * its `$fromAI()` parameters filled from the arguments a model passes.
 */
import { NodeConnectionTypes, NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { FakeSending } from '../email/fakeSending';
import { TEST_AGENT } from '../harness/aiTool';
import { loadPackage } from '../harness/package';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { ANN, content, fullMessage, OWN, page, summary } from '../mailbox-api/fixtures';

interface AgentView {
	toolCount: number;
	name: string;
	description: string;
	arguments: Record<string, string>;
	answers: Array<{ answer?: IDataObject[]; error?: string }>;
}

/** Runs an agent whose only tool is a Sendmux node with `parameters`, making `calls`. */
async function agentCalls(parameters: INodeParameters, calls: IDataObject[]): Promise<AgentView> {
	const { items, error } = await runNode({
		node: { type: TEST_AGENT, name: 'Agent', parameters: { calls: JSON.stringify(calls) } },
		subNodes: [
			{
				node: { type: 'sendmuxTool', name: 'Sendmux', parameters },
				connectionType: NodeConnectionTypes.AiTool,
			},
		],
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(1);
	return items[0].json as unknown as AgentView;
}

const fromAi = (key: string, description: string, type = 'string') =>
	`={{ $fromAI('${key}', '${description}', '${type}') }}`;

describe('the Sendmux tool variant (n8n’s conversion of a usableAsTool node)', () => {
	it('is an ai_tool node with the Tool Description fields, and every operation has an automatic description', async () => {
		const { nodeTypes } = await loadPackage();
		const tool = nodeTypes.getByNameAndVersion('n8n-nodes-sendmux.sendmuxTool', 1);
		const { description } = tool;
		expect(description.name).toBe('sendmuxTool');
		expect(description.outputs).toEqual([NodeConnectionTypes.AiTool]);
		expect(description.inputs).toEqual([]);
		expect(description.properties.map((p) => p.name).slice(0, 2)).toEqual(['descriptionType', 'toolDescription']);
		expect(tool.execute).toBeTypeOf('function');

		const pickers = description.properties.filter((p) => p.name === 'operation');
		const autoDescriptions = pickers.flatMap((picker) =>
			(picker.displayOptions?.show?.resource as string[]).flatMap((resource) =>
				(picker.options as Array<{ value: string }>).map((option) =>
					NodeHelpers.makeDescription({ resource, operation: option.value }, description),
				),
			),
		);
		expect(autoDescriptions.length).toBeGreaterThan(60);
		for (const text of autoDescriptions) expect(text).toMatch(/^[A-Z][a-z]+ .+ in Sendmux$/);
		expect(autoDescriptions).toContain('Send an email in Sendmux');
		expect(autoDescriptions).toContain('Search messages in Sendmux');
		expect(new Set(autoDescriptions).size).toBe(autoDescriptions.length);
	});
});

describe('an agent using Sendmux', () => {
	it('Email → Send: the model fills To, Subject and Text; two calls send two emails with their own keys', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		api.sending('POST', '/emails/send').times(2).replyWith(fake.single());
		const view = await agentCalls(
			{
				descriptionType: 'auto',
				resource: 'email',
				operation: 'send',
				fromEmail: 'Acme Support <support@acme.test>',
				toEmail: fromAi('to', 'Recipient email address, e.g. jane@example.com'),
				subject: fromAi('subject', 'Subject line, one line'),
				emailFormat: 'text',
				text: fromAi('body', 'The email body as plain text'),
			},
			[
				{ to: 'jane@example.com', subject: 'Your refund', body: 'Hi Jane,\nthe refund is on its way.' },
				{ to: 'bob@example.com', subject: 'Your order', body: 'Hi Bob, it shipped.' },
			],
		);

		expect(view).toMatchObject({ toolCount: 1, name: 'Sendmux', description: 'Send an email in Sendmux' });
		expect(view.arguments).toEqual({
			to: 'Recipient email address, e.g. jane@example.com',
			subject: 'Subject line, one line',
			body: 'The email body as plain text',
		});
		const requests = api.requestsTo('POST', '/emails/send');
		expect(requests.map((r) => (r.body as { to: { email: string } }).to.email)).toEqual([
			'jane@example.com',
			'bob@example.com',
		]);
		expect(requests[0].body).toMatchObject({ subject: 'Your refund', text_body: 'Hi Jane,\nthe refund is on its way.' });
		// Each tool call is its own run of the node: a derived key per call, so the second
		// email is not swallowed as a repeat of the first.
		expect(new Set(requests.map((r) => r.idempotencyKey)).size).toBe(2);
		expect(fake.sent).toHaveLength(2);
		expect(view.answers.map((a) => a.answer?.[0]?.status)).toEqual(['queued', 'queued']);
		expect(view.answers[0].answer?.[0]).toHaveProperty('message_id');
	});

	it('a bad argument comes back to the model as an error naming the field, with no request sent', async () => {
		const api = new SendmuxApi();
		const view = await agentCalls(
			{
				resource: 'email',
				operation: 'send',
				fromEmail: 'support@acme.test',
				toEmail: fromAi('to', 'Recipient email address'),
				subject: 'Hello',
				emailFormat: 'text',
				text: 'Hi',
			},
			[{ to: 'not an address' }],
		);
		expect(view.answers[0].error).toMatch(/To Email/);
		expect(api.requests).toHaveLength(0);
	});

	it('Message → Get Many: the model’s search words become q; the answer is compact', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages').ok([summary('msg_1'), summary('msg_2')], { pagination: page(false) });
		const view = await agentCalls(
			{
				resource: 'message',
				operation: 'getMany',
				searchText: fromAi('search', 'Words to search for'),
				limit: 5,
			},
			[{ search: 'refund march' }],
		);
		expect(view.description).toBe('Search messages in Sendmux');
		expect(api.requests[0].query).toMatchObject({ q: 'refund march' });
		const found = view.answers[0].answer ?? [];
		expect(found.map((m) => m.id)).toEqual(['msg_1', 'msg_2']);
		expect(JSON.stringify(found)).not.toMatch(/download_url/);
	});

	it('Message → Get: Clean Content by default, for the message ID the model names', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages/msg_7/content').ok(content('msg_7'));
		const view = await agentCalls(
			{ resource: 'message', operation: 'get', messageId: fromAi('message_id', 'ID of the message, e.g. msg_a1b2c3') },
			[{ message_id: 'msg_7' }],
		);
		expect(view.description).toBe('Get a message in Sendmux');
		expect(api.requests.map((r) => r.path)).toEqual(['/mailbox/messages/msg_7/content']);
		expect(api.requests[0].query).toMatchObject({ strip_quotes: 'true', strip_signature: 'true' });
		expect(view.answers[0].answer?.[0]).toMatchObject({ id: 'msg_7' });
	});


	it('Message → Update: the model names the message and the keyword to add', async () => {
		const api = new SendmuxApi();
		api.app('PATCH', '/mailbox/messages/msg_7').ok(fullMessage('msg_7'));
		const view = await agentCalls(
			{
				resource: 'message',
				operation: 'update',
				messageId: fromAi('message_id', 'ID of the message'),
				updateFields: { addKeywords: fromAi('add_keywords', 'Labels to add, separated by commas') },
			},
			[{ message_id: 'msg_7', add_keywords: 'agent_triaged' }],
		);
		expect(view.description).toBe('Update a message in Sendmux');
		expect(api.requests[0].body).toEqual({ keywords: { agent_triaged: true } });
		expect(view.answers[0].answer?.[0]).toMatchObject({ id: 'msg_7', updated: true });
	});

	it('Message → Delete: moves the message the model names to Trash, never erases it by default', async () => {
		const api = new SendmuxApi();
		api.app('DELETE', '/mailbox/messages/msg_7').ok({ id: 'msg_7', deleted: true });
		const view = await agentCalls(
			{ resource: 'message', operation: 'delete', messageId: fromAi('message_id', 'ID of the message') },
			[{ message_id: 'msg_7' }],
		);
		expect(api.requests[0].query).toEqual({});
		expect(view.answers[0].answer).toEqual([{ id: 'msg_7', deleted: true, permanent: false }]);
	});

	it('Thread → Get Content: the whole conversation the model names, cleaned, in one answer', async () => {
		const api = new SendmuxApi();
		const message = content('msg_a', { thread_id: 'thr_1', subject: 'Refund', body: { text: 'I want a refund.' } });
		api.app('GET', '/mailbox/threads/thr_1/content').replyWith(() => [
			200,
			{
				ok: true,
				data: [message],
				pagination: page(false),
				meta: {
					request_id: 'req_1',
					thread_id: 'thr_1',
					participants: [ANN, OWN],
					states: { email_state: 's', option_hash: 'o', thread_state: 't' },
				},
			},
		]);
		const view = await agentCalls(
			{ resource: 'thread', operation: 'getContent', threadId: fromAi('thread_id', 'ID of the conversation') },
			[{ thread_id: 'thr_1' }],
		);
		expect(view.description).toBe('Get the content of a thread in Sendmux');
		const [conversation] = view.answers[0].answer ?? [];
		expect(conversation).toMatchObject({ thread_id: 'thr_1', message_count: 1 });
		expect((conversation.messages as IDataObject[]).map((m) => m.text)).toEqual(['I want a refund.']);
	});

	it('a resource locator filled by the model: its value reaches the request, whatever mode the locator shows', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/messages').times(2).ok([summary('msg_1')], { pagination: page(false) });
		for (const mode of ['list', 'id']) {
			await agentCalls(
				{
					resource: 'message',
					operation: 'getMany',
					mailbox: { __rl: true, mode, value: fromAi('mailbox_id', 'ID of the mailbox, e.g. mbx_a1b2c3') },
					limit: 5,
				},
				[{ mailbox_id: ' mbx_support1 ' }],
			);
		}
		expect(api.requests.map((r) => r.query.mailbox_id)).toEqual(['mbx_support1', 'mbx_support1']);
	});
});

