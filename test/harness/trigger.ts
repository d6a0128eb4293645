/**
 * The Sendmux Trigger as n8n drives it, in-process: `webhookMethods.default.*` through
 * n8n-core's HookContext (what activation, start-up and "Listen for test event" call), and
 * `webhook()` through WebhookContext with a request carrying `rawBody` and a response the
 * test can read.
 *
 * Workflow static data behaves as n8n's database does: every call builds the workflow anew
 * from the saved JSON (a restart between any two calls), and changes are saved only when n8n
 * 2.41 would save them: when a top-level key of the node's static data was assigned, after
 * webhook methods, and after a delivery only if webhook() answered itself (noWebhookResponse)
 * or started no run.
 */
import { HookContext, LoadOptionsContext, TriggerContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { buildActiveWorkflow } from './activeWorkflow';
import { requireFromPackage } from './host.mjs';
import { PACKAGE_NAME } from './package';

/** Production ("active workflow") or test ("Listen for test event") registration. */
export type TriggerMode = 'production' | 'test';

export interface TriggerSetup {
	parameters: INodeParameters;
	nodeName?: string;
	workflowName?: string;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** n8n's webhook base URLs (what N8N_WEBHOOK_URL sets); https public hosts by default. */
	webhookBaseUrl?: string;
	webhookTestBaseUrl?: string;
}

/** What the sender of a delivery saw, and what n8n did with the trigger's answer. */
export interface DeliveryOutcome {
	/** The HTTP status the sender received; undefined means the request was left hanging. */
	status?: number;
	body?: unknown;
	/** Who wrote the answer: the node itself, or n8n from the node's return value. */
	answeredBy?: 'node' | 'n8n';
	/** The items a workflow execution starts with, when one starts. */
	items?: INodeExecutionData[];
	result: IWebhookResponseData;
}

export interface Delivery {
	/** The exact bytes Sendmux sent. */
	rawBody: Buffer | string;
	headers?: Record<string, string>;
	/** Leave n8n's `rawBody` unset, as if the raw bytes had not been kept. */
	withoutRawBody?: boolean;
	mode?: TriggerMode;
}

/** A fake Express response: records what the node writes. */
class RecordingResponse {
	statusCode = 200;
	body: unknown;
	written = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		this.body = body;
		this.written = true;
		return this;
	}

	send(body?: unknown): this {
		return this.json(body);
	}

	end(): this {
		this.written = true;
		return this;
	}
}

export class TriggerUnderTest {
	readonly node: INode;
	/** Every execution the trigger started, in order (its items). */
	readonly executions: INodeExecutionData[][] = [];
	private readonly saved: Record<TriggerMode, IDataObject> = { production: {}, test: {} };

	constructor(private readonly setup: TriggerSetup) {
		this.node = {
			id: randomUUID(),
			name: setup.nodeName ?? 'Sendmux Trigger',
			type: `${PACKAGE_NAME}.sendmuxTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: setup.parameters,
			credentials: { sendmuxRootApi: { id: 'cred-root', name: 'Sendmux Root' } },
		};
	}

	/** The node's static data as n8n last saved it (a copy). */
	staticData(mode: TriggerMode = 'production'): IDataObject {
		const saved = this.saved[mode][`node:${this.node.name}`] as IDataObject | undefined;
		return structuredClone(saved ?? {});
	}

	/** Replaces the saved static data (to start from a given state). */
	setStaticData(data: IDataObject, mode: TriggerMode = 'production'): void {
		this.saved[mode] = JSON.parse(JSON.stringify({ [`node:${this.node.name}`]: data })) as IDataObject;
	}

	webhookUrl(mode: TriggerMode = 'production'): string {
		const base = mode === 'test' ? this.testBaseUrl : this.productionBaseUrl;
		return `${base}/${this.node.webhookId}/webhook`;
	}

	async checkExists(mode: TriggerMode = 'production', activation: WorkflowActivateMode = 'activate') {
		return await this.hook('checkExists', mode, activation);
	}

	async create(mode: TriggerMode = 'production', activation: WorkflowActivateMode = 'activate') {
		return await this.hook('create', mode, activation);
	}

	async delete(mode: TriggerMode = 'production', activation: WorkflowActivateMode = 'activate') {
		return await this.hook('delete', mode, activation);
	}

	/** What n8n does on activation and at every start: checkExists, then create if false. */
	async activate(mode: TriggerMode = 'production', activation: WorkflowActivateMode = 'activate') {
		if (await this.checkExists(mode, activation)) return { created: false };
		await this.create(mode, activation);
		return { created: true };
	}

	/** One POST from Sendmux to the webhook URL, answered as n8n would answer it. */
	async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
		const mode = delivery.mode ?? 'production';
		const raw = Buffer.isBuffer(delivery.rawBody) ? delivery.rawBody : Buffer.from(delivery.rawBody, 'utf8');
		const headers = Object.fromEntries(
			Object.entries({ 'content-type': 'application/json', ...delivery.headers }).map(([k, v]) => [
				k.toLowerCase(),
				v,
			]),
		);
		let body: unknown = {};
		try {
			body = JSON.parse(raw.toString('utf8')) as unknown;
		} catch {
			// n8n's parser would reject it too; the node must cope with what it gets.
		}
		const httpRequest = {
			method: 'POST',
			url: this.webhookUrl(mode),
			headers,
			body,
			params: {},
			query: {},
			...(delivery.withoutRawBody ? {} : { rawBody: raw }),
		};
		const httpResponse = new RecordingResponse();
		const { workflow, node, additionalData } = await this.build(mode);
		const context = new WebhookContext(
			workflow,
			node,
			{ ...additionalData, httpRequest, httpResponse } as unknown as IWorkflowExecuteAdditionalData,
			this.executeMode(mode),
			this.webhookData(mode, additionalData),
			[],
			null,
		);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.webhook) throw new Error('The node has no webhook()');
		const result = await nodeType.webhook.call(context);
		// n8n 2.41 (webhook-helpers.js, live-webhooks.js): static data is saved in the response
		// callback. With noWebhookResponse that runs before the execution starts; when n8n
		// answers itself and a run starts (onReceived), the run is started first, which clears
		// the "changed" mark, so nothing is saved.
		if (result.noWebhookResponse || !result.workflowData) this.save(mode, workflow);

		const outcome: DeliveryOutcome = { result };
		if (result.noWebhookResponse) {
			// n8n sends nothing more: the sender sees what the node wrote, or waits forever.
			if (httpResponse.written) {
				Object.assign(outcome, { status: httpResponse.statusCode, body: httpResponse.body, answeredBy: 'node' });
			}
		} else {
			// responseMode onReceived: n8n answers 200 itself.
			Object.assign(outcome, {
				status: 200,
				body: result.webhookResponse ?? { message: result.workflowData ? 'Workflow was started' : 'Webhook call received' },
				answeredBy: 'n8n',
			});
		}
		if (result.workflowData) {
			outcome.items = result.workflowData[0] ?? [];
			this.executions.push(outcome.items);
		}
		return outcome;
	}

	/**
	 * n8n's trigger() at activation: returns the cron it registered, and one run of the
	 * periodic check. n8n saves nothing a check changes, so neither does this.
	 * `registerCron: 'string'` schedules as n8n 1.85 does: its `registerCron` takes the cron
	 * expression itself (a string) and hands it to `cron`'s CronJob, which throws a TypeError
	 * (`source.toLowerCase is not a function`) for anything else; 2.x takes `{ expression }`.
	 */
	async startTrigger({ registerCron = 'object' }: { registerCron?: 'object' | 'string' } = {}): Promise<{ expression: string; check: () => Promise<void> }> {
		const { workflow, node, additionalData } = await this.build('production');
		let expression = '';
		const context = new TriggerContext(workflow, node, additionalData, 'trigger', 'activate', undefined, undefined, undefined, {
			registerCron: (cron: unknown) => {
				if (registerCron === 'string') {
					if (typeof cron !== 'string') throw new TypeError('source.toLowerCase is not a function');
					expression = cron;
				} else {
					expression = (cron as { expression: string }).expression;
				}
			},
		});
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.trigger) throw new Error('The node has no trigger()');
		await nodeType.trigger.call(context);
		const { superviseSubscription } = requireFromPackage('./dist/nodes/SendmuxTrigger/supervision.js') as {
			superviseSubscription: (this: TriggerContext) => Promise<void>;
		};
		return { expression, check: async () => await superviseSubscription.call(context) };
	}

	/** A resource locator's list search, as the editor calls it. */
	async listSearch(method: string, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const { workflow, node, additionalData } = await this.build('production');
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const search = nodeType.methods?.listSearch?.[method];
		if (!search) throw new Error(`The node has no listSearch method ${method}`);
		return await search.call(context, filter, paginationToken);
	}

	private get productionBaseUrl(): string {
		return this.setup.webhookBaseUrl ?? 'https://n8n.example.test/webhook';
	}

	private get testBaseUrl(): string {
		return this.setup.webhookTestBaseUrl ?? 'https://n8n.example.test/webhook-test';
	}

	private executeMode(mode: TriggerMode): WorkflowExecuteMode {
		return mode === 'test' ? 'manual' : 'trigger';
	}

	private async hook(
		method: 'checkExists' | 'create' | 'delete',
		mode: TriggerMode,
		activation: WorkflowActivateMode,
	): Promise<boolean> {
		const { workflow, node, additionalData } = await this.build(mode);
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			this.executeMode(mode),
			mode === 'test' ? 'manual' : activation,
			this.webhookData(mode, additionalData),
		);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const lifecycle = nodeType.webhookMethods?.default;
		if (!lifecycle?.[method]) throw new Error(`The node has no webhookMethods.default.${method}`);
		try {
			return await lifecycle[method].call(context);
		} finally {
			// n8n saves static data after activation and deactivation, also when they fail.
			this.save(mode, workflow);
		}
	}

	private webhookData(mode: TriggerMode, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			workflowId: 'wf-trigger',
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest: mode === 'test',
		};
	}

	/** A fresh workflow from the saved static data: as after a restart of n8n. */
	private async build(mode: TriggerMode) {
		return await buildActiveWorkflow({
			id: 'wf-trigger',
			name: this.setup.workflowName ?? 'Bounce handling',
			node: this.node,
			active: mode === 'production',
			staticData: this.saved[mode],
			credentials: this.setup.credentials,
			webhookBaseUrl: this.productionBaseUrl,
			webhookTestBaseUrl: this.testBaseUrl,
			additionalData: { httpRequest: undefined, httpResponse: undefined },
		});
	}

	/** n8n's saveStaticData: only when the data was marked changed. */
	private save(mode: TriggerMode, workflow: Workflow): void {
		const root = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (root.__dataChanged === true) {
			this.saved[mode] = JSON.parse(JSON.stringify(root)) as IDataObject;
		}
	}
}
