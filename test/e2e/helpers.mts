/**
 * What every end-to-end test uses: the n8n client, the simulator's control and API over HTTP
 * (the stack lives in the global-setup process), workflow builders, and clean-up.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, expect, inject } from 'vitest';

import { N8nClient } from '../../scripts/n8n/client.mjs';
import { REPO_ROOT } from '../stack/stack.mjs';

export const e2e = () => inject('e2e');

export const SENDMUX = 'n8n-nodes-sendmux.sendmux';
export const SENDMUX_TRIGGER = 'n8n-nodes-sendmux.sendmuxTrigger';

export type Execution = Awaited<ReturnType<N8nClient['getExecution']>>;
export type WorkflowNode = Parameters<N8nClient['createWorkflow']>[0]['nodes'][number];
export type Workflow = Parameters<N8nClient['createWorkflow']>[0];

export function n8n(): N8nClient {
	const { n8nUrl, apiKey, cookie, n8nVersion } = e2e();
	return new N8nClient(n8nUrl, { apiKey, cookie, version: n8nVersion });
}

/** Calls the simulator's control API (`/__control/<path>`) and unwraps `data`. */
export async function control<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${e2e().simulatorUrl}/__control${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const parsed = (await response.json()) as { ok: boolean; data: T; error?: unknown };
	if (!response.ok || !parsed.ok) throw new Error(`simulator control ${method} ${path} → ${response.status}: ${JSON.stringify(parsed)}`);
	return parsed.data;
}

export interface SendmuxEnvelope<T> {
	ok: boolean;
	data: T;
	pagination?: unknown;
	error?: { code: string; message: string };
}

/** Calls the simulator's Sendmux API directly (to arrange a scenario or read its state). */
export async function sendmux<T = unknown>(
	surface: 'sending' | 'app',
	method: string,
	path: string,
	body?: unknown,
	key?: string,
): Promise<{ status: number; body: SendmuxEnvelope<T> }> {
	const { sendingBaseUrl, appBaseUrl, keys } = e2e();
	const base = surface === 'sending' ? sendingBaseUrl : appBaseUrl;
	const bearer = key ?? (surface === 'sending' || path.startsWith('/mailbox/') ? keys.mailbox : keys.root);
	const response = await fetch(`${base}${path}`, {
		method,
		headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const parsed = response.status === 204 ? { ok: true, data: undefined } : await response.json();
	return { status: response.status, body: parsed as SendmuxEnvelope<T> };
}

export interface RemoteWebhook {
	id: string;
	url: string;
	name: string | null;
	event_types: string[];
	enabled: boolean;
}

/** Every webhook subscription the simulator holds (one page is plenty here). */
export async function subscriptions(): Promise<RemoteWebhook[]> {
	const { body } = await sendmux<RemoteWebhook[]>('app', 'GET', '/webhooks?limit=100');
	return body.data;
}

export async function restartN8n(): Promise<void> {
	const response = await fetch(`${e2e().controlUrl}/restart-n8n`, { method: 'POST' });
	if (response.status !== 204) throw new Error(`restarting n8n failed: ${response.status} ${await response.text()}`);
}

/** Waits until `check` returns something truthy (or throws its last error). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, { timeoutMs = 20_000, what = 'condition' } = {}): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

let position = 0;
/** A node at the next free spot on the canvas. */
export function node(name: string, type: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}): WorkflowNode {
	position += 1;
	return { id: randomUUID(), name, type, typeVersion: 1, position: [position * 240, 300], parameters, ...extra };
}

export function sendmuxNode(name: string, parameters: Record<string, unknown>, credential: 'root' | 'mailbox'): WorkflowNode {
	return node(name, SENDMUX, parameters, { credentials: credentialRef(credential) });
}

export function credentialRef(credential: 'root' | 'mailbox'): NonNullable<WorkflowNode['credentials']> {
	const { credentials } = e2e();
	return credential === 'root'
		? { sendmuxRootApi: credentials.root }
		: { sendmuxMailboxApi: credentials.mailbox };
}

/** A Webhook trigger answering with the last node's items: one HTTP call runs the workflow. */
export function webhookTrigger(path: string): WorkflowNode {
	return node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, {
		typeVersion: 2.1,
		webhookId: randomUUID(),
	});
}

/** Main connections along `names`, in order. */
export function chain(...names: string[]): Workflow['connections'] {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

/** Workflows created by a test file: deactivated and deleted after each test. */
export function useWorkflows() {
	const created: string[] = [];
	const client = n8n();
	afterEach(async () => {
		for (const id of created.splice(0)) {
			await client.deactivateWorkflow(id).catch(() => undefined);
			await client.deleteWorkflow(id).catch(() => undefined);
		}
	});
	afterAll(async () => {
		await control('POST', '/settle');
		expect(await control<string[]>('GET', '/violations'), 'the simulator answered outside the spec').toEqual([]);
	});
	return {
		client,
		async create(workflow: Workflow) {
			const saved = await client.createWorkflow(workflow);
			created.push(saved.id);
			return saved;
		},
		/** Creates and activates a Webhook-started workflow, calls it once, returns its execution. */
		async runViaWebhook(workflow: Workflow, body: unknown): Promise<{ execution: Execution; response: { status: number; body: unknown } }> {
			const saved = await this.create(workflow);
			await client.activateWorkflow(saved.id);
			const webhook = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
			const response = await client.callWebhook(String(webhook?.parameters.path), body);
			const [execution] = await client.waitForExecutions({ workflowId: saved.id, count: 1 });
			return { execution, response };
		},
		/** Runs a workflow as the editor's "Execute workflow" button does, from `trigger`. */
		async runManually(workflowId: string, trigger: string): Promise<Execution> {
			const started = (await client.rest('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: trigger } })) as { executionId?: string };
			if (!started.executionId) throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(started)}`);
			return await eventually(
				async () => {
					const execution = await client.getExecution(started.executionId as string);
					return execution.finished || execution.status === 'error' ? execution : undefined;
				},
				{ what: `execution ${started.executionId}` },
			);
		},
	};
}

/** The JSON of every item a node emitted. */
export function jsonOf(execution: Execution, nodeName: string): Array<Record<string, unknown>> {
	return n8n().nodeOutput(execution, nodeName).map((item) => item.json);
}

/** The items (json, pairedItem) a node emitted; fails with the execution's error if it did not run. */
export function outputOf(execution: Execution, nodeName: string) {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs?.[0]?.data) {
		throw new Error(`"${nodeName}" has no output (status ${execution.status}): ${JSON.stringify(execution.data?.resultData.error ?? runs?.[0]?.error ?? null)}`);
	}
	return runs[0].data.main[0] ?? [];
}

export function pause(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A workflow file of examples/, parsed. */
export function readExample(file: string): Workflow {
	return JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8')) as Workflow;
}

/** Sendmux resources that use the Mailbox API key; every other resource uses the root key. */
export const MAILBOX_KEY_RESOURCES = new Set(['email', 'message', 'thread', 'folder', 'attachment', 'senderIdentity', 'submission', 'mailboxAccount']);

/**
 * A workflow of examples/ imported as a user would import it: credentials swapped for the
 * stack's, webhook IDs made unique, the chat model pointed at the offline stand-in.
 */
export function loadExample(file: string, label: string): Workflow {
	const workflow = readExample(file);
	const { credentials } = e2e();
	for (const node of workflow.nodes) {
		// The files ship without credentials: a user picks their own, as we do here.
		expect(node.credentials, `${file}: ${node.name} must not ship credentials`).toBeUndefined();
		if (node.type === SENDMUX_TRIGGER) {
			node.credentials = { sendmuxRootApi: credentials.root };
			node.webhookId = randomUUID();
		} else if (node.type === SENDMUX) {
			node.credentials = MAILBOX_KEY_RESOURCES.has(String(node.parameters.resource))
				? { sendmuxMailboxApi: credentials.mailbox }
				: { sendmuxRootApi: credentials.root };
		} else if (node.type === 'n8n-nodes-base.webhook') {
			node.webhookId = randomUUID();
		} else if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi') {
			node.credentials = { openAiApi: credentials.openAi };
			node.parameters.model = { __rl: true, mode: 'id', value: 'fake-model' };
		}
	}
	return { ...workflow, name: `${workflow.name} (${label})` };
}

interface RecordedRequest {
	method: string;
	path: string;
	at: number;
}

/** When the Sendmux Mailbox Trigger read the mailbox's change feed (one read per poll), after `since`. */
export async function mailboxPollsSince(since: number): Promise<number[]> {
	const requests = await control<RecordedRequest[]>('GET', '/requests?method=GET&path=/mailbox/changes');
	return requests.filter((request) => request.at > since).map((request) => request.at);
}

/**
 * A message arriving in the seeded mailbox from `sender.<run>@example.net`, its text
 * `<subject>: body`; `extra` adds to the simulator's inbound request (attachments…).
 */
export async function injectInbound(subject: string, run: string, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
	return await control<{ id: string }>('POST', '/inbound', {
		mailbox: e2e().seeded.mailboxEmail,
		from: { email: `sender.${run}@example.net`, name: 'Sender' },
		subject,
		text: `${subject}: body`,
		...extra,
	});
}
