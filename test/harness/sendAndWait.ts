/**
 * Send and Wait for Response, in-process: the node runs in a real workflow (test/harness/
 * workflow.ts) until n8n-core puts the execution to wait, then its waiting webhook is driven
 * the way n8n 2.41's WaitingWebhooks does it (webhooks/waiting-webhooks.js): the link's
 * signature is checked with n8n-core's own `validateUrlSignature` and the instance's secret,
 * and `webhook()` runs in n8n-core's WebhookContext over the waiting execution's data, with
 * the request and a response the test can read. The real server is proven in test/e2e.
 */
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, InstanceSettings, WebhookContext, WorkflowExecute, validateUrlSignature } from 'n8n-core';
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

/** n8n 2.41's own page for a link whose request is over (templates/send-and-wait-no-action-required). */
export const NO_ACTION_REQUIRED = 'No action required';

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
	const url = new URL(request.url);
	if (!run.waitTill) {
		// n8n answers a link of a finished execution itself; the node is not called.
		return { status: 200, headers: {}, html: NO_ACTION_REQUIRED, answeredBy: 'n8n' };
	}
	const node = waitingNode(run);
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

/**
 * Resumes a waiting execution as n8n 2.41 does: with the webhook's answer (waiting-webhooks.js
 * and webhook-helpers.js: node disabled, its stack entry's input replaced by the answer), or,
 * without one, as the WaitTracker does when the wait limit passes (workflow-execute.js
 * handleWaitingState: node disabled, its input passed on). Returns the finished run.
 */
export async function resume(run: IRun, answer?: INodeExecutionData[]): Promise<IRun> {
	const node = waitingNode(run);
	const data = structuredClone(run.data);
	const entry = data.executionData?.nodeExecutionStack[0];
	if (!entry) throw new Error('nothing to resume');
	if (answer) {
		entry.node.disabled = true;
		data.waitTill = undefined;
		data.resultData.runData[node.name]?.pop();
		entry.data.main = [answer];
		entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
	}
	const { nodeTypes } = await loadPackage();
	const workflow = new Workflow({ id: 'wf-test', nodes: [node], connections: {}, nodeTypes, active: false, settings: { executionOrder: 'v1' } });
	const executionId = 'resumed';
	const hooks = new ExecutionLifecycleHooks(run.mode, executionId, {
		id: workflow.id,
		name: 'Sendmux test workflow',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [node],
		connections: {},
		activeVersionId: null,
	});
	let finished: (result: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finished(fullRunData));
	const additionalData = stubOf<IWorkflowExecuteAdditionalData>({
		executionId,
		hooks,
		webhookWaitingBaseUrl: 'https://n8n.example.test/webhook-waiting',
		formWaitingBaseUrl: 'https://n8n.example.test/form-waiting',
		currentNodeParameters: undefined,
		parentCallbackManager: undefined,
		ssrfBridge: undefined,
		encryptedRunnerIdentity: undefined,
		evalLlmMockHandler: undefined,
	});
	await new WorkflowExecute(additionalData, run.mode, data).processRunExecutionData(workflow);
	return await done;
}

/** What the node emitted in a finished run (its last run). */
export function outputAfter(run: IRun): INodeExecutionData[] {
	const runs = Object.values(run.data.resultData.runData)[0] ?? [];
	return runs[runs.length - 1]?.data?.main[0] ?? [];
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
