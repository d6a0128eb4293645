/**
 * Send and Wait for Response in queue mode. A worker sends the request and puts the execution
 * to wait; the links in the email are n8n's signed resume URLs on N8N_WEBHOOK_URL, which here
 * is the TLS proxy in front of the webhook process: in n8n 2.41.1 `/webhook-waiting/…` is
 * served where production webhooks are, and main has them disabled. Opening a link (GET, HEAD,
 * a link scanner) leaves the execution waiting and queues nothing; the POST from the page runs
 * the node's webhook in the webhook process, which queues the rest of the execution: a worker
 * runs it as a new job. Every link is called as the person clicks it: through the TLS proxy.
 * Also: a wait limit passing (main's wait tracker queues the rest), a manual run (kept out of
 * the queue by n8n), and the Sendmux node as an AI Agent tool behind the Human review tool.
 * Which process queued or ran what is read from the processes' logs (n8n's info lines).
 */
import { describe, expect, it } from 'vitest';

import { chain, control, e2e, eventually, node, outputOf, useWorkflows, type Execution } from '../helpers.mjs';
import { approvalWorkflow, requestEmailTo, reviewedAgentWorkflow, type Accepted } from '../sendAndWaitHelpers.mjs';
import { callWebhookProcess, logOf, processesThatLogged, requestPublic, workerJobs } from './queueHelpers.mjs';

const RUN = Date.now().toString(36);

/** What the page's form sends: multipart, with its answer field, through the public link. */
async function submit(link: string, fields: Record<string, string>): Promise<{ status: number; body: string }> {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	const encoded = new Response(form);
	const body = Buffer.from(await encoded.arrayBuffer());
	return await requestPublic(link, { method: 'POST', body, headers: { 'content-type': String(encoded.headers.get('content-type')) } });
}

describe('queue mode: Send and Wait for Response', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	async function finished(id: string): Promise<Execution> {
		return await eventually(
			async () => {
				const now = await client.getExecution(id);
				return now.status === 'success' || now.status === 'error' ? now : undefined;
			},
			{ what: `execution ${id} to finish`, timeoutMs: 60_000 },
		);
	}

	it('a worker sends and waits; opening the link (through the proxy to the webhook process) leaves it waiting; the POST from the page resumes it on a worker with approved: true', async () => {
		const approver = `queue-boss.${RUN}@example.net`;
		const path = `queue-saw-${RUN}`;
		const workflow = approvalWorkflow(`queue send and wait ${RUN}`, path, {
			approvalOptions: { values: { approvalType: 'double', approveLabel: 'Refund it', disapproveLabel: 'No refund' } },
		});
		const saved = await workflows.create(workflow);
		await client.activateWorkflow(saved.id);
		expect((await callWebhookProcess(path, { approver, orderId: 'Q-1001', amount: 120 })).status).toBe(200);

		const [waiting] = await client.waitForExecutions({ workflowId: saved.id, status: 'waiting', count: 1, timeoutMs: 60_000 });
		const executionId = String(waiting.id);
		const sentBy = workerJobs(executionId);
		expect(sentBy, 'one worker ran the part up to the wait').toHaveLength(1);
		expect(waiting.data?.resultData.runData['After the answer']).toBeUndefined();

		// The links: signed resume URLs on the public webhook URL (the proxy before the webhook process).
		const email = await requestEmailTo(approver);
		expect(email.html).toContain('Refund 120 EUR for order Q-1001?');
		expect(email.links).toHaveLength(2);
		const [approveLink, declineLink] = email.links;
		for (const link of email.links) {
			const url = new URL(link);
			expect(`${url.origin}/`).toBe(e2e().webhookBaseUrl);
			expect(url.pathname).toMatch(new RegExp(`^/webhook-waiting/${executionId}/[0-9a-f-]{36}$`));
			expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		}
		// Main does not serve them (production webhooks are off there; it answers with the editor
		// app instead): the link must reach a webhook process.
		const onMain = new URL(approveLink);
		const fromMain = await fetch(`${e2e().n8nUrl}${onMain.pathname}${onMain.search}`, { signal: AbortSignal.timeout(30_000) });
		const mainPage = await fromMain.text();
		expect(mainPage).not.toContain('Refund 120 EUR for order Q-1001?');
		expect(mainPage).not.toContain('<form method="post"');

		// Opening the link shows the page, whoever opens it, and queues nothing.
		const page = await requestPublic(approveLink);
		expect(page.status).toBe(200);
		expect(page.body).toContain('Refund 120 EUR for order Q-1001?');
		expect(page.body).toContain('>Refund it</button>');
		expect((await requestPublic(approveLink, { method: 'HEAD' })).status).toBeLessThan(500);
		const scanner = await requestPublic(approveLink, { headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Microsoft Safe Links' } });
		expect(scanner.status).toBe(200);
		const flipped = new URL(approveLink);
		flipped.searchParams.set('approved', 'false');
		expect((await submit(flipped.toString(), { 'sendmux-answer': 'decline' })).status).toBe(401);
		expect((await client.getExecution(executionId)).status).toBe('waiting');
		expect(workerJobs(executionId)).toEqual(sentBy);

		// The page's button: the webhook process queues the rest, a worker runs it.
		const answered = await submit(approveLink, { 'sendmux-answer': 'approve' });
		expect(answered.status).toBe(200);
		expect(answered.body).toContain('Your answer: Refund it.');
		const done = await finished(executionId);
		expect(done.status, JSON.stringify(done.data?.resultData.error ?? null)).toBe('success');
		const [answer] = outputOf(done, 'Ask for approval');
		expect(answer.json).toEqual({ data: { approved: true, respondedAt: expect.any(String) } });
		expect(outputOf(done, 'After the answer').map((item) => item.json)).toEqual([answer.json]);
		const jobs = workerJobs(executionId);
		expect(jobs, 'the resumed part ran as a second job on a worker').toHaveLength(2);
		expect(jobs.filter((job) => !sentBy.some((first) => first.job === job.job))).toHaveLength(1);
		expect(processesThatLogged(`Enqueued execution ${executionId} `), 'queued by the webhook process only').toEqual(['webhook']);
		expect(logOf('webhook').filter((line) => line.includes(`Enqueued execution ${executionId} `)), 'the start and the resumed part').toHaveLength(2);

		// Answered: the other button changes nothing, queues nothing; one email was sent.
		expect((await submit(declineLink, { 'sendmux-answer': 'decline' })).body).toContain('No action required');
		expect(workerJobs(executionId)).toHaveLength(2);
		expect((await client.getExecution(executionId)).data?.resultData.runData['After the answer']).toHaveLength(1);
		expect((await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === approver))).toHaveLength(1);
	});

	it('a wait limit of a few seconds: main finds the due execution and a worker resumes it on the timeout path; a late answer changes nothing', async () => {
		const approver = `queue-late.${RUN}@example.net`;
		const path = `queue-saw-timeout-${RUN}`;
		const workflow = approvalWorkflow(`queue send and wait timeout ${RUN}`, path, {
			options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 3, resumeUnit: 'seconds' } } },
		});
		const saved = await workflows.create(workflow);
		await client.activateWorkflow(saved.id);
		expect((await callWebhookProcess(path, { approver, orderId: 'Q-1005', amount: 5 })).status).toBe(200);
		const { links } = await requestEmailTo(approver);
		// n8n's wait tracker (on main, the leader) looks for due executions every minute.
		const [execution] = await client.waitForExecutions({ workflowId: saved.id, status: 'success', count: 1, timeoutMs: 100_000 });
		const executionId = String(execution.id);
		const [passedOn] = outputOf(execution, 'Ask for approval');
		expect(passedOn.json).toMatchObject({ body: { approver, orderId: 'Q-1005' } });
		expect(passedOn.json).not.toHaveProperty('data');
		expect(outputOf(execution, 'After the answer')).toHaveLength(1);
		expect(workerJobs(executionId), 'sent on a worker, resumed on a worker').toHaveLength(2);
		expect(processesThatLogged(`Enqueued execution ${executionId} `), 'started by the webhook process, resumed by main').toEqual(['main', 'webhook']);
		expect((await submit(links[0], { 'sendmux-answer': 'approve' })).body).toContain('No action required');
		expect(workerJobs(executionId)).toHaveLength(2);
	}, 150_000);

	it('a manual run ("Execute workflow"): main runs it up to the wait, outside the queue; the answer through the webhook process resumes it there, not on a worker', async () => {
		const approver = `queue-manual.${RUN}@example.net`;
		const trigger = node('When clicking Execute workflow', 'n8n-nodes-base.manualTrigger', {});
		const workflow = approvalWorkflow(`queue send and wait manual ${RUN}`, `queue-saw-manual-${RUN}`, { toEmail: approver, subject: 'Manual run', message: 'Approve the manual run?' });
		const [, ask, after] = workflow.nodes;
		const saved = await workflows.create({ ...workflow, nodes: [trigger, ask, after], connections: chain(trigger.name, ask.name, after.name) });
		const started = (await client.rest('POST', `/workflows/${saved.id}/run`, { triggerToStartFrom: { name: trigger.name } })) as { executionId?: string };
		const executionId = String(started.executionId);
		const waiting = await eventually(async () => {
			const now = await client.getExecution(executionId);
			return now.status === 'waiting' || now.status === 'error' ? now : undefined;
		}, { what: `manual execution ${executionId} to wait` });
		expect(waiting.status, JSON.stringify(waiting.data?.resultData.error ?? null)).toBe('waiting');
		expect(waiting.mode).toBe('manual');

		const { links } = await requestEmailTo(approver);
		expect(new URL(links[0]).origin).toBe(new URL(e2e().webhookBaseUrl).origin);
		expect((await submit(links[0], { 'sendmux-answer': 'approve' })).body).toContain('Your answer: Approve.');
		const done = await finished(executionId);
		expect(done.status, JSON.stringify(done.data?.resultData.error ?? null)).toBe('success');
		expect(outputOf(done, 'Ask for approval')[0].json).toEqual({ data: { approved: true, respondedAt: expect.any(String) } });
		// n8n 2.41.1 keeps manual runs out of the queue (unless OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS):
		// nothing was enqueued and no worker ran any part of it.
		expect(processesThatLogged(`Enqueued execution ${executionId} `)).toEqual([]);
		expect(workerJobs(executionId)).toEqual([]);
	});

	it('as an AI Agent tool on a worker: the Human review waits, the reviewer approves through the proxy, and the resumed agent runs the Sendmux tool once, on a worker', async () => {
		const reviewer = `queue-reviewer.${RUN}@example.net`;
		const customer = `queue-customer.${RUN}@example.net`;
		const path = `queue-saw-agent-${RUN}`;
		const saved = await workflows.create(reviewedAgentWorkflow(path, reviewer));
		await client.activateWorkflow(saved.id);
		const call = { toolParameters: { to: customer, subject: 'Your refund', text: 'Your refund of 120 EUR is on its way.' }, hitlParameters: {} };
		expect((await callWebhookProcess(path, { prompt: `Tell the customer. CALL_TOOL ${JSON.stringify(call)}` })).status).toBe(200);

		const [waiting] = await client.waitForExecutions({ workflowId: saved.id, status: 'waiting', count: 1, timeoutMs: 60_000 });
		const executionId = String(waiting.id);
		const askedBy = workerJobs(executionId);
		expect(askedBy, 'one worker ran the agent up to the review').toHaveLength(1);
		const request = await requestEmailTo(reviewer);
		expect(request.text).toContain('The agent wants to run this tool: Send_email_to_customer');
		expect(new URL(request.links[0]).origin).toBe(new URL(e2e().webhookBaseUrl).origin);
		const toCustomer = async () => (await control<Accepted[]>('GET', '/messages')).filter((m) => m.to.some((to) => to.email === customer));
		expect((await requestPublic(request.links[0])).body).toContain('Send_email_to_customer');
		expect((await client.getExecution(executionId)).status).toBe('waiting');
		expect(await toCustomer()).toEqual([]);

		expect((await submit(request.links[0], { 'sendmux-answer': 'approve' })).status).toBe(200);
		const done = await finished(executionId);
		expect(done.status, JSON.stringify(done.data?.resultData.error ?? null)).toBe('success');
		expect(workerJobs(executionId), 'the resumed agent ran as a second job on a worker').toHaveLength(2);
		expect(logOf('webhook').filter((line) => line.includes(`Enqueued execution ${executionId} `)), 'the start and the resumed agent, queued by the webhook process').toHaveLength(2);
		const sent = await toCustomer();
		expect(sent).toEqual([expect.objectContaining({ subject: 'Your refund' })]);
		expect(String(outputOf(done, 'AI Agent')[0].json.output)).toContain('Tool result:');
	});
});
