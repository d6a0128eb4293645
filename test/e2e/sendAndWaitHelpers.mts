/**
 * What the Send and Wait scenarios of both real-n8n suites (single process and queue mode)
 * share: the workflows they run and the request email as it reached the simulator.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';

import { chain, control, e2e, eventually, node, sendmuxNode } from './helpers.mjs';

export interface Accepted {
	idempotencyKey?: string;
	to: Array<{ email: string }>;
	subject: string;
}

export interface RecordedSend {
	operationId: string;
	body: { html_body: string; text_body?: string; subject: string };
}

/** Webhook (answers at once) → Sendmux Send and Wait → "After the answer". */
export function approvalWorkflow(name: string, path: string, parameters: Record<string, unknown>) {
	const trigger = node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, {
		typeVersion: 2.1,
		webhookId: randomUUID(),
	});
	const ask = sendmuxNode(
		'Ask for approval',
		{
			resource: 'email',
			operation: 'sendAndWait',
			fromEmail: `Acme Approvals <approvals@${e2e().seeded.domain}>`,
			toEmail: '={{ $json.body.approver }}',
			subject: '=Refund for order {{ $json.body.orderId }}',
			message: '=Refund {{ $json.body.amount }} EUR for order {{ $json.body.orderId }}?',
			...parameters,
		},
		'mailbox',
	);
	const after = node('After the answer', 'n8n-nodes-base.noOp', {});
	return { name, nodes: [trigger, ask, after], connections: chain(trigger.name, ask.name, after.name) };
}

/** The request email as it reached Sendmux, and the links in it. */
export async function requestEmailTo(recipient: string, operationId = 'sendingSendEmail'): Promise<{ html: string; text: string; links: string[] }> {
	const accepted = await eventually(
		async () => (await control<Accepted[]>('GET', '/messages')).find((message) => message.to.some((to) => to.email === recipient)),
		{ what: `the request email to ${recipient}` },
	);
	const [sent] = await control<RecordedSend[]>('GET', `/requests?idempotencyKey=${encodeURIComponent(String(accepted.idempotencyKey))}`);
	expect(sent.operationId).toBe(operationId);
	const html = sent.body.html_body;
	const links = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));
	return { html, text: sent.body.text_body ?? '', links };
}

/** Webhook → AI Agent (offline model) with one tool, a Sendmux email send, gated by Sendmux's Human review. */
export function reviewedAgentWorkflow(path: string, reviewer: string) {
	const { credentials, seeded } = e2e();
	const trigger = node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, {
		typeVersion: 2.1,
		webhookId: randomUUID(),
	});
	const agent = node('AI Agent', '@n8n/n8n-nodes-langchain.agent', { promptType: 'define', text: '={{ $json.body.prompt }}', options: {} }, { typeVersion: 3.1 });
	const model = node(
		'OpenAI Chat Model',
		'@n8n/n8n-nodes-langchain.lmChatOpenAi',
		{ model: { __rl: true, mode: 'id', value: 'fake-model' }, responsesApiEnabled: false, options: {} },
		{ typeVersion: 1.3, credentials: { openAiApi: credentials.openAi } },
	);
	const review = node(
		'Human review',
		'n8n-nodes-sendmux.sendmuxHitlTool',
		{
			resource: 'email',
			operation: 'sendAndWait',
			fromEmail: `Acme Agent <agent@${seeded.domain}>`,
			toEmail: reviewer,
			subject: 'Review: the agent wants to send an email',
			approvalOptions: { values: { approvalType: 'double' } },
		},
		{ credentials: { sendmuxMailboxApi: credentials.mailbox } },
	);
	const sendTool = node(
		'Send email to customer',
		'n8n-nodes-sendmux.sendmuxTool',
		{
			resource: 'email',
			operation: 'send',
			fromEmail: `Acme Support <support@${seeded.domain}>`,
			toEmail: "={{ $fromAI('to', 'The customer email address', 'string') }}",
			subject: "={{ $fromAI('subject', 'The subject line', 'string') }}",
			emailFormat: 'text',
			text: "={{ $fromAI('text', 'The email text', 'string') }}",
		},
		{ credentials: { sendmuxMailboxApi: credentials.mailbox } },
	);
	return {
		name: `e2e human review ${path}`,
		nodes: [trigger, agent, model, review, sendTool],
		connections: {
			...chain(trigger.name, agent.name),
			[model.name]: { ai_languageModel: [[{ node: agent.name, type: 'ai_languageModel', index: 0 }]] },
			[sendTool.name]: { ai_tool: [[{ node: review.name, type: 'ai_tool', index: 0 }]] },
			[review.name]: { ai_tool: [[{ node: agent.name, type: 'ai_tool', index: 0 }]] },
		},
	};
}
