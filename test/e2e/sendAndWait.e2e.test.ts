/**
 * Send and Wait for Response in a real n8n 2.41.1: the execution waits after the email is
 * sent, the links in the email that reached Sendmux are n8n's signed resume URLs, opening one
 * (GET, HEAD, a link scanner) leaves the execution waiting, and only the POST from the page
 * resumes it, once. Links are called on n8n's own port: the signature covers path and query,
 * not the host, so this is the link the person clicks, minus the https proxy.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { control, e2e, eventually, outputOf, readExample, SENDMUX, useWorkflows, type Execution } from './helpers.mjs';
import { approvalWorkflow, requestEmailTo, reviewedAgentWorkflow, type Accepted } from './sendAndWaitHelpers.mjs';

const RUN = Date.now().toString(36);

/** A link of the email, on n8n's own port. */
function direct(link: string): string {
	const url = new URL(link);
	return `${e2e().n8nUrl}${url.pathname}${url.search}`;
}

async function open(link: string, init: RequestInit = {}): Promise<{ status: number; html: string }> {
	const response = await fetch(direct(link), { redirect: 'manual', ...init, signal: AbortSignal.timeout(30_000) });
	return { status: response.status, html: await response.text() };
}

async function executionNow(client: ReturnType<typeof useWorkflows>['client'], id: string): Promise<Execution> {
	return await client.getExecution(id);
}

/** What the page's form sends: multipart, its answer field and the fields typed in. */
async function submit(link: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	return await open(link, { method: 'POST', body: form });
}

describe('e2e: Email → Send and Wait for Response in n8n', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	/** Activates the workflow, starts it, and returns the execution once n8n has it waiting. */
	async function startWaiting(workflow: ReturnType<typeof approvalWorkflow>, body: Record<string, unknown>): Promise<{ workflowId: string; execution: Execution }> {
		const saved = await workflows.create(workflow);
		await client.activateWorkflow(saved.id);
		const path = String(workflow.nodes[0].parameters.path);
		const started = await client.callWebhook(path, body);
		expect(started.status).toBe(200);
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, status: 'waiting', count: 1 });
		return { workflowId: saved.id, execution };
	}


	it('waits after sending; GET, HEAD and a link scanner leave it waiting; the POST from the page approves it, once', async () => {
		const approver = `boss.${RUN}@example.net`;
		const { execution } = await startWaiting(
			approvalWorkflow('e2e send and wait: approve', `e2e-saw-approve-${RUN}`, {
				approvalOptions: { values: { approvalType: 'double', approveLabel: 'Refund it', disapproveLabel: 'No refund' } },
			}),
			{ approver, orderId: 'A-1001', amount: 120 },
		);
		expect(execution.status).toBe('waiting');

		// The email that reached Sendmux: the question and two links, n8n's signed resume URLs.
		const email = await requestEmailTo(approver);
		expect(email.html).toContain('Refund 120 EUR for order A-1001?');
		expect(email.links).toHaveLength(2);
		const [approveLink, declineLink] = email.links;
		for (const [link, approved] of [
			[approveLink, 'true'],
			[declineLink, 'false'],
		]) {
			const url = new URL(link);
			expect(`${url.origin}/`).toBe(e2e().webhookBaseUrl);
			expect(url.pathname).toMatch(new RegExp(`^/webhook-waiting/${execution.id}/[0-9a-f-]{36}$`));
			expect(url.searchParams.get('approved')).toBe(approved);
			expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
			expect(email.text).toContain(link);
		}

		// Opening the link shows the page and decides nothing, whoever opens it.
		const page = await open(approveLink);
		expect(page.status).toBe(200);
		expect(page.html).toContain('Refund 120 EUR for order A-1001?');
		expect(page.html).toContain('<form method="post" enctype="multipart/form-data">');
		expect((await open(approveLink, { method: 'HEAD' })).status).toBeLessThan(500);
		const safeLinks = await open(approveLink, {
			headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Microsoft Safe Links' },
		});
		expect(safeLinks.status).toBe(200);
		await open(approveLink, { headers: { 'user-agent': 'Proofpoint URL Defense (urldefense.com)' } });
		expect((await executionNow(client, execution.id)).status).toBe('waiting');

		// A changed link is refused by n8n's signature check.
		const flipped = new URL(approveLink);
		flipped.searchParams.set('approved', 'false');
		const tampered = await submit(flipped.toString(), { 'sendmux-answer': 'decline' });
		expect(tampered.status).toBe(401);
		const unsigned = new URL(approveLink);
		unsigned.searchParams.delete('signature');
		expect((await open(unsigned.toString())).status).toBe(401);
		expect((await executionNow(client, execution.id)).status).toBe('waiting');

		// The button on the page: the execution resumes with the answer and runs on.
		const answered = await submit(approveLink, { 'sendmux-answer': 'approve' });
		expect(answered.status).toBe(200);
		expect(answered.html).toContain('Your answer: Refund it.');
		const done = await eventually(async () => {
			const now = await executionNow(client, execution.id);
			return now.status === 'success' ? now : undefined;
		}, { what: `execution ${execution.id} to finish` });
		const [answer] = outputOf(done, 'Ask for approval');
		expect(answer.json).toEqual({ data: { approved: true, respondedAt: expect.any(String) } });
		expect(outputOf(done, 'After the answer').map((item) => item.json)).toEqual([answer.json]);

		// Answered already: the other button and the same one again change nothing.
		const again = await submit(declineLink, { 'sendmux-answer': 'decline' });
		expect(again.html).toContain('No action required');
		const twice = await submit(approveLink, { 'sendmux-answer': 'approve' });
		expect(twice.html).toContain('No action required');
		const after = await executionNow(client, execution.id);
		expect(outputOf(after, 'Ask for approval')[0].json).toEqual(answer.json);
		expect(after.data?.resultData.runData['After the answer']).toHaveLength(1);
		// One email, sent once.
		expect((await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === approver))).toHaveLength(1);
	});

	it('decline gives approved: false', async () => {
		const approver = `boss2.${RUN}@example.net`;
		const { execution } = await startWaiting(
			approvalWorkflow('e2e send and wait: decline', `e2e-saw-decline-${RUN}`, {
				approvalOptions: { values: { approvalType: 'double' } },
			}),
			{ approver, orderId: 'A-1002', amount: 80 },
		);
		const { links } = await requestEmailTo(approver);
		const page = await open(links[1]);
		expect(page.html).toContain('>Decline</button>');
		expect((await submit(links[1], { 'sendmux-answer': 'decline' })).status).toBe(200);
		const done = await eventually(async () => {
			const now = await executionNow(client, execution.id);
			return now.status === 'success' ? now : undefined;
		}, { what: 'the declined execution to finish' });
		expect(outputOf(done, 'Ask for approval')[0].json).toEqual({ data: { approved: false, respondedAt: expect.any(String) } });
	});

	it('free text and a custom form return their answers', async () => {
		const writer = `writer.${RUN}@example.net`;
		const { execution: freeText } = await startWaiting(
			approvalWorkflow('e2e send and wait: free text', `e2e-saw-text-${RUN}`, { responseType: 'freeText' }),
			{ approver: writer, orderId: 'A-1003', amount: 10 },
		);
		const textEmail = await requestEmailTo(writer);
		expect((await open(textEmail.links[0])).html).toContain('name="field-0"');
		expect((await submit(textEmail.links[0], { 'sendmux-answer': 'form', 'field-0': 'Refund half, please.' })).status).toBe(200);

		const filler = `filler.${RUN}@example.net`;
		const { execution: customForm } = await startWaiting(
			approvalWorkflow('e2e send and wait: custom form', `e2e-saw-form-${RUN}`, {
				responseType: 'customForm',
				formFields: {
					values: [
						{ fieldLabel: 'Decision', fieldType: 'dropdown', fieldChoices: 'Full refund, Partial refund, No refund', requiredField: true },
						{ fieldLabel: 'Amount', fieldType: 'number' },
					],
				},
			}),
			{ approver: filler, orderId: 'A-1004', amount: 99 },
		);
		const formEmail = await requestEmailTo(filler);
		const rejected = await submit(formEmail.links[0], { 'sendmux-answer': 'form', 'field-0': 'Maybe' });
		expect(rejected.status).toBe(400);
		expect(rejected.html).toContain('Please choose one of the options.');
		expect((await executionNow(client, customForm.id)).status).toBe('waiting');
		expect((await submit(formEmail.links[0], { 'sendmux-answer': 'form', 'field-0': 'Partial refund', 'field-1': '49.5' })).status).toBe(200);

		const finished = async (id: string) =>
			await eventually(async () => {
				const now = await executionNow(client, id);
				return now.status === 'success' ? now : undefined;
			}, { what: `execution ${id} to finish` });
		expect(outputOf(await finished(freeText.id), 'Ask for approval')[0].json).toEqual({
			data: { text: 'Refund half, please.', respondedAt: expect.any(String) },
		});
		expect(outputOf(await finished(customForm.id), 'Ask for approval')[0].json).toEqual({
			data: { Decision: 'Partial refund', Amount: 49.5, respondedAt: expect.any(String) },
		});
	});

	it('a wait limit of a few seconds resumes it on the timeout path (input items, no answer); a late answer changes nothing', async () => {
		const approver = `late.${RUN}@example.net`;
		const { execution } = await startWaiting(
			approvalWorkflow('e2e send and wait: timeout', `e2e-saw-timeout-${RUN}`, {
				options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 3, resumeUnit: 'seconds' } } },
			}),
			{ approver, orderId: 'A-1005', amount: 5 },
		);
		const { links } = await requestEmailTo(approver);
		// n8n looks for due waiting executions every minute: the timeout comes within about a minute.
		const done = await eventually(async () => {
			const now = await executionNow(client, execution.id);
			return now.status === 'success' ? now : undefined;
		}, { what: 'the wait limit to pass', timeoutMs: 100_000 });
		const [passedOn] = outputOf(done, 'Ask for approval');
		expect(passedOn.json).toMatchObject({ body: { approver, orderId: 'A-1005' } });
		expect(passedOn.json).not.toHaveProperty('data');
		expect(outputOf(done, 'After the answer')).toHaveLength(1);
		const late = await submit(links[0], { 'sendmux-answer': 'approve' });
		expect(late.html).toContain('No action required');
	}, 150_000);
});

describe('e2e: Message → Send and Wait for Response in n8n', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	it('sends from the mailbox, waits, and resumes with the answer from the page', async () => {
		const approver = `mbx-boss.${RUN}@example.net`;
		const workflow = approvalWorkflow('e2e message send and wait', `e2e-saw-message-${RUN}`, {});
		const ask = workflow.nodes[1];
		ask.parameters = {
			resource: 'message',
			operation: 'sendAndWait',
			to: '={{ $json.body.approver }}',
			subject: '=Refund for order {{ $json.body.orderId }}',
			message: '=Refund {{ $json.body.amount }} EUR for order {{ $json.body.orderId }}?',
			options: {},
		};
		const saved = await workflows.create(workflow);
		await client.activateWorkflow(saved.id);
		await client.callWebhook(String(workflow.nodes[0].parameters.path), { approver, orderId: 'M-1', amount: 30 });
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, status: 'waiting', count: 1 });
		const accepted = (await control<Array<Accepted & { via: string; from: { email: string } }>>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === approver));
		expect(accepted).toEqual([expect.objectContaining({ via: 'mailbox', from: expect.objectContaining({ email: e2e().seeded.mailboxEmail }) })]);
		const { links } = await requestEmailTo(approver, 'mailboxSendMessage');
		expect((await open(links[0])).status).toBe(200);
		expect((await executionNow(client, execution.id)).status).toBe('waiting');
		expect((await submit(links[0], { 'sendmux-answer': 'approve' })).status).toBe(200);
		const done = await eventually(async () => {
			const now = await executionNow(client, execution.id);
			return now.status === 'success' || now.status === 'error' ? now : undefined;
		}, { what: 'the message execution to finish' });
		expect(done.status, JSON.stringify(done.data?.resultData.error ?? null)).toBe('success');
		expect(outputOf(done, 'Ask for approval')[0].json).toEqual({ data: { approved: true, respondedAt: expect.any(String) } });
	});
});

describe('e2e: the Human review tool (sendmuxHitlTool) gates an AI Agent’s Sendmux tool', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	it('n8n generates the tool from the node; the agent’s email goes out only after the reviewer approves', async () => {
		expect(await client.nodeTypeNames()).toContain('n8n-nodes-sendmux.sendmuxHitlTool');
		const reviewer = `reviewer.${RUN}@example.net`;
		const customer = `customer.${RUN}@example.net`;
		const workflow = reviewedAgentWorkflow(`e2e-saw-agent-${RUN}`, reviewer);
		const saved = await workflows.create(workflow);
		await client.activateWorkflow(saved.id);
		const call = { toolParameters: { to: customer, subject: 'Your refund', text: 'Your refund of 120 EUR is on its way.' }, hitlParameters: {} };
		expect((await client.callWebhook(String(workflow.nodes[0].parameters.path), { prompt: `Tell the customer. CALL_TOOL ${JSON.stringify(call)}` })).status).toBe(200);
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, status: 'waiting', count: 1, timeoutMs: 60_000 });

		// The reviewer got the request, naming the tool and its input; the customer got nothing yet.
		const request = await requestEmailTo(reviewer);
		expect(request.text).toContain('The agent wants to run this tool: Send_email_to_customer');
		expect(request.text).toContain('"text": "Your refund of 120 EUR is on its way."');
		expect(request.text).not.toContain('[object Object]');
		expect(request.links).toHaveLength(2);
		const toCustomer = async () => (await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === customer));
		expect(await toCustomer()).toEqual([]);
		const page = await open(request.links[0]);
		expect(page.html).toContain('Send_email_to_customer');
		expect((await client.getExecution(execution.id)).status).toBe('waiting');
		expect(await toCustomer()).toEqual([]);

		expect((await submit(request.links[0], { 'sendmux-answer': 'approve' })).status).toBe(200);
		const done = await eventually(async () => {
			const now = await client.getExecution(execution.id);
			return now.status === 'success' || now.status === 'error' ? now : undefined;
		}, { what: 'the agent to finish', timeoutMs: 60_000 });
		expect(done.status, JSON.stringify(done.data?.resultData.error ?? null)).toBe('success');
		const sent = await toCustomer();
		expect(sent).toEqual([expect.objectContaining({ subject: 'Your refund' })]);
		const [final] = outputOf(done, 'AI Agent');
		expect(String(final.json.output)).toContain('Tool result:');
	});

	it('declined: the tool does not run and the agent is told so', async () => {
		const reviewer = `reviewer2.${RUN}@example.net`;
		const customer = `customer2.${RUN}@example.net`;
		const workflow = reviewedAgentWorkflow(`e2e-saw-agent-no-${RUN}`, reviewer);
		const saved = await workflows.create(workflow);
		await client.activateWorkflow(saved.id);
		const call = { toolParameters: { to: customer, subject: 'Free money', text: 'You win.' }, hitlParameters: {} };
		await client.callWebhook(String(workflow.nodes[0].parameters.path), { prompt: `Tell the customer. CALL_TOOL ${JSON.stringify(call)}` });
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, status: 'waiting', count: 1, timeoutMs: 60_000 });
		const request = await requestEmailTo(reviewer);
		expect((await submit(request.links[1], { 'sendmux-answer': 'decline' })).status).toBe(200);
		const done = await eventually(async () => {
			const now = await client.getExecution(execution.id);
			return now.status === 'success' || now.status === 'error' ? now : undefined;
		}, { what: 'the agent to finish', timeoutMs: 60_000 });
		expect(done.status, JSON.stringify(done.data?.resultData.error ?? null)).toBe('success');
		expect(String(outputOf(done, 'AI Agent')[0].json.output)).toContain('User rejected the tool call to Send email to customer');
		expect((await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === customer))).toEqual([]);
	});
});

describe('e2e: examples/refund-approval-by-email.json', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	it('the approver refunds with the page’s button; the customer is told once, on the approved branch', async () => {
		const workflow = readExample('refund-approval-by-email.json');
		for (const each of workflow.nodes) {
			// The file ships without credentials: a user picks their own, as we do here.
			expect(each.credentials, each.name).toBeUndefined();
			if (each.type === SENDMUX) each.credentials = { sendmuxMailboxApi: e2e().credentials.mailbox };
			if (each.type === 'n8n-nodes-base.webhook') each.webhookId = randomUUID();
		}
		const saved = await workflows.create({ ...workflow, name: `${workflow.name} (e2e ${RUN})` });
		await client.activateWorkflow(saved.id);
		const approver = `refunds-lead.${RUN}@example.net`;
		const customer = `refund-customer.${RUN}@example.net`;
		const started = await client.callWebhook('refund-request', { orderId: 'A-2001', amount: 120, reason: 'Arrived broken', customerEmail: customer, approver });
		expect(started.status).toBe(200);
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, status: 'waiting', count: 1 });

		const request = await requestEmailTo(approver);
		expect(request.html).toContain('Reason: Arrived broken');
		const [refundIt] = request.links;
		expect((await open(refundIt)).html).toContain('>Refund it</button>');
		expect((await executionNow(client, execution.id)).status).toBe('waiting');
		expect((await submit(refundIt, { 'sendmux-answer': 'approve' })).status).toBe(200);

		const done = await eventually(async () => {
			const now = await executionNow(client, execution.id);
			return now.status === 'success' || now.status === 'error' ? now : undefined;
		}, { what: 'the refund workflow to finish' });
		expect(done.status, JSON.stringify(done.data?.resultData.error ?? null)).toBe('success');
		expect(done.data?.resultData.runData['Tell the customer: not approved']).toBeUndefined();
		const told = (await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === customer));
		expect(told).toEqual([expect.objectContaining({ subject: 'Your refund for order A-2001' })]);
	});
});
