/**
 * The AI-agent example (examples/inbound-email-ai-agent-reply.json) in queue mode: the Sendmux
 * Trigger's event enters through the webhook process, and a worker runs the whole execution:
 * the Sendmux reads, the agent's call to the (offline stand-in) model, the reply.
 */
import { describe, expect, it } from 'vitest';

import { control, e2e, loadExample, outputOf, useWorkflows } from '../helpers.mjs';
import { workersThatRan } from './queueHelpers.mjs';

const RUN = Date.now().toString(36);

interface Accepted {
	via: string;
	to: Array<{ email: string }>;
	subject: string;
}

describe('queue mode: the AI-agent example', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	it('inbound-email-ai-agent-reply.json: a worker reads the new mail, asks the model and replies in the thread', async () => {
		const customer = `customer.${RUN}@example.net`;
		const saved = await workflows.create(loadExample('inbound-email-ai-agent-reply.json', `queue ${RUN}`));
		await client.activateWorkflow(saved.id);
		const inbound = await control<{ id: string; threadId: string }>('POST', '/inbound', {
			mailbox: e2e().seeded.mailboxEmail,
			from: { email: customer, name: 'Jane Customer' },
			subject: 'Where is my order?',
			text: 'Hi,\nwhere is my order A-1001? It was due on Monday.\n\n-- \nJane Customer\nCustomer since 2019',
		});

		const [execution] = await client.waitForExecutions({ workflowId: saved.id, count: 1, timeoutMs: 90_000 });
		expect(execution.status, JSON.stringify(execution.data?.resultData.error ?? null)).toBe('success');
		expect(execution.mode).toBe('webhook');
		expect(workersThatRan(String(execution.id))).toHaveLength(1);
		expect(outputOf(execution, 'Find the new message').map((item) => item.json.id)).toEqual([inbound.id]);
		const asked = (await (await fetch(`${e2e().fakeLlmUrl}/__requests`)).json()) as Array<{ messages: unknown }>;
		expect(JSON.stringify(asked.at(-1)?.messages)).toContain('where is my order A-1001?');
		expect(String(outputOf(execution, 'AI Agent')[0].json.output)).toContain('Drafted offline by the fake model');
		expect(outputOf(execution, 'Reply in the thread')[0].json).toMatchObject({ thread_id: inbound.threadId });
		const accepted = (await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === customer));
		expect(accepted).toEqual([expect.objectContaining({ via: 'mailbox', subject: 'Re: Where is my order?' })]);
	});
});
