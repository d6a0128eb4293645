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

	it('provision-ai-agent-mailbox.json: a new customer gets a mailbox whose key comes back once, and a welcome; a taken address answers 409', async () => {
		const slug = `acme-${RUN}`;
		const customer = `owner.${RUN}@example.net`;
		const workflow = loadExample('provision-ai-agent-mailbox.json');
		const { execution, response } = await workflows.runViaWebhook(workflow, { slug, customerName: 'Acme Ltd', customerEmail: customer });
		expect(execution.status, JSON.stringify(execution.data?.resultData.error ?? null)).toBe('success');

		// What the caller (your app) receives: the new mailbox and its key.
		expect(response.status).toBe(201);
		const created = response.body as { mailbox_id: string; email: string; api_key: string; welcome_message_id: string };
		expect(created).toEqual({
			mailbox_id: expect.stringMatching(/^mbx_/),
			email: `${slug}@example.com`,
			api_key: expect.stringMatching(/^smx_mbx_/),
			welcome_message_id: expect.any(String),
		});
		// The key is the new mailbox's own: the agent can use it at once.
		const me = await sendmux<{ email: string }>('app', 'GET', '/mailbox/me', undefined, created.api_key);
		expect(me.status).toBe(200);
		expect(me.body.data.email).toBe(created.email);
		const mailbox = await sendmux<{ id: string; display_name: string; status: string }>('app', 'GET', `/mailboxes/${created.mailbox_id}`);
		expect(mailbox.body.data).toMatchObject({ display_name: 'Acme Ltd AI agent', status: 'active' });

		// The customer is welcomed with the agent's address, never its key.
		const accepted = (await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === customer));
		expect(accepted).toEqual([
			expect.objectContaining({ messageId: created.welcome_message_id, subject: "Your AI agent's inbox is ready", from: expect.objectContaining({ email: 'onboarding@example.com' }) }),
		]);
		const [welcome] = await sentBodies((body) => body.to?.email === customer);
		expect(welcome.text_body).toContain(`your AI agent now has its own inbox: ${created.email}`);
		expect(JSON.stringify(welcome)).not.toContain(created.api_key);

		// The same slug again: the address is taken, the caller gets 409 and nothing is created or sent.
		const again = await client.callWebhook('provision-agent-mailbox', { slug, customerName: 'Acme Ltd', customerEmail: customer });
		expect(again.status).toBe(409);
		expect(again.body).toEqual({ error: 'address_not_available', email: created.email, reason: 'taken' });
		const [, second] = await client.waitForExecutions({ workflowId: execution.workflowId as string, count: 2 });
		expect(second.status).toBe('success');
		expect(second.data?.resultData.runData['Create the mailbox']).toBeUndefined();
		expect((await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === customer))).toHaveLength(1);
	});

	it('personalised-batch-with-failure-report.json: "Execute workflow" sends each recipient their own email in one batch and reports the typo', async () => {
		const saved = await workflows.create(loadExample('personalised-batch-with-failure-report.json'));
		const execution = await workflows.runManually(saved.id, 'Send the campaign');
		expect(execution.status, JSON.stringify(execution.data?.resultData.error ?? null)).toBe('success');

		// One output item per recipient, in list order: three queued, the typo failed on its own.
		const results = outputOf(execution, 'Send to each recipient').map((item) => item.json);
		expect(results.map((result) => result.status)).toEqual(['queued', 'queued', 'failed', 'queued']);
		expect(results[2]).toMatchObject({ message_id: null });
		expect(String(results[2].error)).toMatch(/To Email/i);

		// Sendmux accepted exactly the three valid emails, each personalised, in one batch call.
		const ids = results.filter((result) => result.status === 'queued').map((result) => result.message_id);
		const accepted = (await control<Accepted[]>('GET', '/messages')).filter((m) => ids.includes(m.messageId));
		expect(accepted.map((m) => [m.via, m.to[0].email, m.subject])).toEqual([
			['batch', 'ana@example.net', 'Ana, your Pro plan renews on 2026-12-15'],
			['batch', 'ben@example.net', 'Ben, your Team plan renews on 2026-12-18'],
			['batch', 'chloe@example.org', 'Chloé, your Starter plan renews on 2026-12-21'],
		]);
		const batches = await control<Array<{ body: { messages: Array<{ to: { email: string; name?: string }; text_body?: string }> } }>>(
			'GET',
			'/requests?operationId=sendingSendEmailBatch',
		);
		const ours = batches.filter((request) => request.body.messages.some((message) => message.to.email === 'ana@example.net'));
		expect(ours).toHaveLength(1);
		expect(ours[0].body.messages.map((message) => message.to)).toEqual([
			{ email: 'ana@example.net', name: 'Ana' },
			{ email: 'ben@example.net', name: 'Ben' },
			{ email: 'chloe@example.org', name: 'Chloé' },
		]);
		expect(ours[0].body.messages[1].text_body).toContain('your Team plan renews on 2026-12-18');

		// The report names the failed address and why; it reached Sendmux.
		const [report] = outputOf(execution, 'Report');
		expect(report.json).toMatchObject({ total: 4, queued: 3, failed: 1, failures: [expect.objectContaining({ email: 'dan@example', status: 'failed' })] });
		expect(String(report.json.report)).toContain('dan@example: ');
		const [sent] = outputOf(execution, 'Send the report');
		const reportMail = (await control<Accepted[]>('GET', '/messages')).filter((m) => m.messageId === sent.json.message_id);
		expect(reportMail).toEqual([
			expect.objectContaining({ subject: 'Renewal reminders: 3 of 4 queued, 1 failed', to: [expect.objectContaining({ email: 'campaigns@example.com' })] }),
		]);
	});

	it('low-balance-alert.json: a healthy balance sends nothing; under the threshold the alert states the balance', async () => {
		const balance = Number((await sendmux<{ balance: string }>('app', 'GET', '/billing/balance')).body.data.balance);
		expect(balance).toBeGreaterThan(20);
		const alerts = async () => (await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === 'billing@example.com'));
		const before = (await alerts()).length;

		// As shipped (alert under 20 USD): the balance is healthy, so no alert.
		const shipped = await workflows.create(loadExample('low-balance-alert.json'));
		const quiet = await workflows.runManually(shipped.id, 'Every morning at 08:00');
		expect(quiet.status, JSON.stringify(quiet.data?.resultData.error ?? null)).toBe('success');
		const [days] = outputOf(quiet, 'Days left');
		expect(days.json).toMatchObject({ balance, autoTopUp: false });
		expect(quiet.data?.resultData.runData['Send the alert']).toBeUndefined();
		expect(await alerts()).toHaveLength(before);

		// A user who wants a warning under 1,000 USD sets that threshold in "Running low?".
		const raised = loadExample('low-balance-alert.json');
		const condition = raised.nodes.find((each) => each.name === 'Running low?')?.parameters as { conditions: { conditions: Array<{ rightValue: number }> } };
		condition.conditions.conditions[0].rightValue = 1000;
		const saved = await workflows.create(raised);
		const loud = await workflows.runManually(saved.id, 'Every morning at 08:00');
		expect(loud.status, JSON.stringify(loud.data?.resultData.error ?? null)).toBe('success');
		const [alert] = outputOf(loud, 'Send the alert');
		expect(alert.json).toMatchObject({ status: 'queued' });
		expect((await alerts()).slice(before)).toEqual([
			expect.objectContaining({ messageId: alert.json.message_id, subject: `Sendmux credit low: ${balance.toFixed(2)} USD left` }),
		]);
		const body = (await sentBodies((each) => each.to?.email === 'billing@example.com')).at(-1) ?? {};
		expect(body.text_body).toContain(`Your Sendmux credit balance is ${balance.toFixed(2)} USD.`);
		expect(body.text_body).toContain('Auto top-up is off.');
	});
});

/** The bodies of Email → Send requests the simulator received that match `which`. */
async function sentBodies(which: (body: { to?: { email?: string } }) => boolean): Promise<Array<{ to?: { email?: string }; text_body?: string; html_body?: string }>> {
	const requests = await control<Array<{ body: { to?: { email?: string }; text_body?: string; html_body?: string } }>>('GET', '/requests?operationId=sendingSendEmail');
	return requests.map((request) => request.body).filter(which);
}

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

