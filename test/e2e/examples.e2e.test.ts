/**
 * The workflows in examples/ are imported as a user would import them (their credentials
 * swapped for the stack's, their webhook IDs made unique), activated or run, and checked on
 * what n8n executed and what reached Sendmux. If an example rots, this fails.
 */
import { describe, expect, it } from 'vitest';

import { control, e2e, loadExample as loadExampleFor, outputOf, sendmux, subscriptions, useWorkflows } from './helpers.mjs';

const RUN = Date.now().toString(36);
const loadExample = (file: string) => loadExampleFor(file, `e2e ${RUN}`);

interface Accepted {
	messageId: string;
	via: string;
	from: { email: string };
	to: Array<{ email: string }>;
	subject: string;
}

describe('e2e: examples/ run in n8n', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	it('bounce-to-contacts-data-table.json: a bounce marks the contact in the Data Table', async () => {
		const bounced = `bounce+${RUN}@example.net`;
		const bystander = `jane.${RUN}@example.net`;
		const table = (await client.api('POST', '/data-tables', {
			name: 'Sendmux contacts',
			columns: ['email', 'status', 'bounce_type', 'bounced_at', 'sendmux_message_id'].map((name) => ({ name, type: 'string' })),
		})) as { id: string };
		await client.api('POST', `/data-tables/${table.id}/rows`, {
			data: [
				{ email: bounced, status: 'subscribed' },
				{ email: bystander, status: 'subscribed' },
			],
		});
		const saved = await workflows.create(loadExample('bounce-to-contacts-data-table.json'));
		await client.activateWorkflow(saved.id);
		expect((await subscriptions()).map((s) => s.event_types)).toEqual([['message.bounced']]);

		const sent = await sendmux<{ message_id: string }>('sending', 'POST', '/emails/send', {
			from: { email: `news@${e2e().seeded.domain}` },
			to: { email: bounced },
			subject: 'Our spring news',
			html_body: '<p>Hello!</p>',
		});
		expect(sent.status, JSON.stringify(sent.body.error)).toBe(200);

		const [execution] = await client.waitForExecutions({ workflowId: saved.id, count: 1 });
		expect(execution.status).toBe('success');
		const [event] = outputOf(execution, 'Sendmux Trigger');
		expect(event.json).toMatchObject({ type: 'message.bounced', data: { recipients: [bounced], bounce_type: 'Permanent', sendmux_message_id: sent.body.data.message_id } });

		const rows = ((await client.api('GET', `/data-tables/${table.id}/rows?limit=100`)) as { data: Array<Record<string, unknown>> }).data;
		expect(rows.find((row) => row.email === bounced)).toMatchObject({
			status: 'bounced',
			bounce_type: 'Permanent',
			bounced_at: event.json.occurred_at,
			sendmux_message_id: sent.body.data.message_id,
		});
		expect(rows.find((row) => row.email === bystander)).toMatchObject({ status: 'subscribed' });
		expect(rows).toHaveLength(2);
	});

	it('inbound-email-ai-agent-reply.json: new mail is read clean, drafted by the agent and answered in its thread', async () => {
		const customer = `customer.${RUN}@example.net`;
		const saved = await workflows.create(loadExample('inbound-email-ai-agent-reply.json'));
		await client.activateWorkflow(saved.id);

		const inbound = await control<{ id: string; threadId: string; messageId: string }>('POST', '/inbound', {
			mailbox: e2e().seeded.mailboxEmail,
			from: { email: customer, name: 'Jane Customer' },
			subject: 'Where is my order?',
			text: 'Hi,\nwhere is my order A-1001? It was due on Monday.\n\n-- \nJane Customer\nCustomer since 2019',
		});

		const [execution] = await client.waitForExecutions({ workflowId: saved.id, count: 1, timeoutMs: 60_000 });
		expect(execution.status, JSON.stringify(execution.data?.resultData.error ?? null)).toBe('success');
		expect(outputOf(execution, 'Find the new message').map((item) => item.json.id)).toEqual([inbound.id]);
		const [read] = outputOf(execution, 'Read it (clean content)');
		expect(read.json).toMatchObject({ id: inbound.id, thread_id: inbound.threadId, subject: 'Where is my order?' });
		expect(read.json.text).toContain('where is my order A-1001?');
		expect(read.json.text).not.toContain('Customer since 2019');

		// The agent asked the (stand-in) model about the clean text, and its answer was sent.
		const asked = (await (await fetch(`${e2e().fakeLlmUrl}/__requests`)).json()) as Array<{ messages: Array<{ role: string; content: unknown }> }>;
		const prompt = JSON.stringify(asked.at(-1)?.messages);
		expect(prompt).toContain('where is my order A-1001?');
		expect(prompt).toContain('Acme Support');
		const [draft] = outputOf(execution, 'AI Agent');
		expect(String(draft.json.output)).toContain('Drafted offline by the fake model');

		const [reply] = outputOf(execution, 'Reply in the thread');
		expect(reply.json).toMatchObject({ thread_id: inbound.threadId });
		const accepted = (await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === customer));
		expect(accepted).toEqual([expect.objectContaining({ via: 'mailbox', subject: 'Re: Where is my order?', from: expect.objectContaining({ email: e2e().seeded.mailboxEmail }) })]);
		const original = await sendmux<{ keywords: string[] }>('app', 'GET', `/mailbox/messages/${inbound.id}`);
		expect(original.body.data.keywords).toContain('$answered');
	});

	it('nightly-delivery-report.json: "Execute workflow" summarises the last 24 hours of logs and emails the report', async () => {
		await control('POST', '/delivery-logs', { count: 12, statuses: ['sent', 'sent', 'failed', 'rejected'] });
		const expected = await logsOfLastDay();
		const saved = await workflows.create(loadExample('nightly-delivery-report.json'));
		const execution = await workflows.runManually(saved.id, 'Every night at 07:00');
		expect(execution.status, JSON.stringify(execution.data?.resultData.error ?? null)).toBe('success');

		expect(outputOf(execution, 'Delivery logs of the last 24 hours')).toHaveLength(expected.length);
		const [summary] = outputOf(execution, 'Summarise');
		const byStatus: Record<string, number> = {};
		for (const log of expected) byStatus[log.status] = (byStatus[log.status] ?? 0) + 1;
		const problems = expected.filter((log) => log.status === 'failed' || log.status === 'rejected').length;
		expect(summary.json).toMatchObject({ total: expected.length, byStatus, problems });
		expect(problems).toBeGreaterThanOrEqual(6);

		const [sent] = outputOf(execution, 'Send the report');
		expect(sent.json).toMatchObject({ status: 'queued' });
		const report = (await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === 'ops@example.com'));
		expect(report).toEqual([
			expect.objectContaining({ messageId: sent.json.message_id, subject: `Sendmux delivery report: ${expected.length} emails, ${problems} not delivered` }),
		]);
	});
});

/** Every delivery log of the last 24 hours, read from the simulator directly. */
async function logsOfLastDay(): Promise<Array<{ id: string; status: string }>> {
	const from = new Date(Date.now() - 24 * 3600_000).toISOString();
	const all: Array<{ id: string; status: string }> = [];
	let cursor: string | undefined;
	do {
		const { body } = await sendmux<Array<{ id: string; status: string }>>(
			'app',
			'GET',
			`/emails/logs?limit=100&from_date=${encodeURIComponent(from)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		all.push(...body.data);
		cursor = (body.pagination as { next_cursor?: string } | undefined)?.next_cursor;
	} while (cursor);
	return all;
}

