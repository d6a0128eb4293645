/**
 * Send and Wait for Response, in-process: the node runs in a real workflow (test/harness/
 * workflow.ts) until n8n-core puts the execution to wait, then its waiting webhook is driven
 * the way n8n 2.41's WaitingWebhooks does it (webhooks/waiting-webhooks.js): the link's
 * signature is checked with n8n-core's own `validateUrlSignature` and the instance's secret,
 * and `webhook()` runs in n8n-core's WebhookContext over the waiting execution's data, with
 * the request and a response the test can read. The real server is proven in test/e2e.
 */
import { Container } from '@n8n/di';
import { InstanceSettings, WebhookContext, validateUrlSignature } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IRun,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { loadPackage } from './package';
import { stubOf } from './stub';

/** A fake Express response: what the node wrote, headers included. */
class PageResponse {
	statusCode = 200;
	headers: Record<string, string> = {};
	body = '';
	written = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	send(body: unknown): this {
		this.body = String(body);
		this.written = true;
		return this;
	}
}

export interface PageVisit {
	/** The status the browser (or scanner) saw. */
	status: number;
	headers: Record<string, string>;
	/** The HTML it received. */
	html: string;
	/** Who answered: n8n itself (signature refused) or the node. */
	answeredBy: 'n8n' | 'node';
	/** The items the execution resumes with, when this request resumes it. */
	resumedWith?: INodeExecutionData[];
	result?: IWebhookResponseData;
}

export interface Visit {
	method: 'GET' | 'HEAD' | 'POST';
	/** The link as it appears in the email (or a changed one). */
	url: string;
	/** Form fields, as n8n parses a multipart form (under `data`). */
	form?: Record<string, string>;
	headers?: Record<string, string>;
}

/** The signed links of an email body, in order. */
export function linksIn(html: string): string[] {
	return [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));
}

export function hmacSecret(): string {
	return Container.get(InstanceSettings).hmacSignatureSecret;
}

/** A run that n8n-core left waiting on its first node. */
export function waitingNode(run: IRun): INode {
	const entry = run.data.executionData?.nodeExecutionStack[0];
	if (!run.waitTill || !entry) throw new Error(`the execution is not waiting (status ${run.status})`);
	return entry.node;
}

/** One request to a link of a waiting execution, answered as n8n 2.41 would answer it. */
export async function visit(run: IRun, request: Visit): Promise<PageVisit> {
	const node = waitingNode(run);
	const url = new URL(request.url);
	const signature = url.searchParams.get('signature') ?? '';
	// n8n checks the signature of every send-and-wait link before the node sees it.
	if (!signature || !validateUrlSignature(signature, url, hmacSecret())) {
		return { status: 401, headers: {}, html: 'Invalid Form Link', answeredBy: 'n8n' };
	}
	const { nodeTypes } = await loadPackage();
	const workflow = new Workflow({
		id: 'wf-test',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const httpResponse = new PageResponse();
	const httpRequest = {
		method: request.method,
		url: `${url.pathname}${url.search}`,
		headers: { 'user-agent': 'Mozilla/5.0', ...request.headers },
		query: Object.fromEntries(url.searchParams),
		body: request.form ? { data: request.form, files: {} } : {},
		params: {},
	};
	const additionalData = stubOf<IWorkflowExecuteAdditionalData>({
		httpRequest,
		httpResponse,
		webhookBaseUrl: 'https://n8n.example.test/webhook',
		webhookWaitingBaseUrl: 'https://n8n.example.test/webhook-waiting',
		webhookTestBaseUrl: 'https://n8n.example.test/webhook-test',
		formWaitingBaseUrl: 'https://n8n.example.test/form-waiting',
	} as unknown as Partial<IWorkflowExecuteAdditionalData>);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = nodeType.description.webhooks?.find((webhook) => webhook.httpMethod === (request.method === 'POST' ? 'POST' : 'GET'));
	if (!description || !nodeType.webhook) throw new Error('the node has no waiting webhook');
	const webhookData = {
		httpMethod: description.httpMethod,
		node: node.name,
		path: node.id,
		webhookDescription: description,
		workflowId: 'wf-test',
		workflowExecuteAdditionalData: additionalData,
	} as unknown as IWebhookData;
	const context = new WebhookContext(workflow, node, additionalData, 'manual', webhookData, [], run.data);
	const result = await nodeType.webhook.call(context);
	if (!result.noWebhookResponse || !httpResponse.written) throw new Error('the node left the request unanswered');
	return {
		status: httpResponse.statusCode,
		headers: httpResponse.headers,
		html: request.method === 'HEAD' ? '' : httpResponse.body,
		answeredBy: 'node',
		resumedWith: result.workflowData?.[0],
		result,
	};
}

/** The text of a page, tags removed, for assertions on what a person reads. */
export function textOf(html: string): string {
	return html
		.replace(/<style[\s\S]*?<\/style>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();
}

export type { IDataObject };
