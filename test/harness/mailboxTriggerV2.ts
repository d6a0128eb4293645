/**
 * Version 2 of the Sendmux Mailbox Trigger (a `trigger()` node) as n8n 2.41 drives it,
 * in-process, through n8n-core's own TriggerContext:
 *
 * - activation (`activate`, `restart`): the workflow is built from the saved static data,
 *   `trigger()` is called, and the static data is saved right after it returns (n8n's
 *   workflow-trigger-activator saves it after registering the triggers);
 * - `emit`: saves the static data when a top-level key was assigned, then starts an execution
 *   (trigger-execution-context.factory.js: `saveStaticData` first, then `runWorkflow`);
 * - `emitError`: n8n takes the trigger down (closeFunction) and shows the error; recorded here;
 * - `saveFailedExecution`: a failed execution in n8n's list, the workflow stays active;
 * - `registerCron`: recorded; a test fires a tick with `tick()`;
 * - deactivation (`deactivate`): n8n calls the closeFunction.
 *
 * "Listen for test event" (`listen`): as n8n-core's TriggersAndPollers in manual mode: emit,
 * emitError and saveFailedExecution are replaced after `trigger()` returned, the
 * manualTriggerFunction (if any) is called, and the closeFunction runs after the first emit.
 */
import { TriggerContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type ITriggerResponse,
	type WorkflowActivateMode,
} from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { buildActiveWorkflow } from './activeWorkflow';
import { PACKAGE_NAME } from './package';

type StaticRoot = IDataObject & { __dataChanged?: boolean };

export interface V2Setup {
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	typeVersion?: number;
}

interface Running {
	workflow: Workflow;
	response: ITriggerResponse;
}

export class MailboxTriggerV2UnderTest {
	readonly node: INode;
	readonly executions: INodeExecutionData[][] = [];
	/** Errors reported with emitError (n8n takes the trigger down and shows them). */
	readonly fatalErrors: Error[] = [];
	/** Errors recorded as failed executions (the workflow stays active). */
	readonly failedExecutions: Error[] = [];
	/** Cron expressions registered by the running trigger, with their ticks. */
	crons: Array<{ expression: string; onTick: () => void }> = [];
	/** Times n8n saved the static data. */
	saves = 0;
	private saved: IDataObject = {};
	private running?: Running;

	constructor(private readonly setup: V2Setup) {
		this.node = {
			id: randomUUID(),
			name: 'Sendmux Mailbox Trigger',
			type: `${PACKAGE_NAME}.sendmuxMailboxTrigger`,
			typeVersion: setup.typeVersion ?? 2,
			position: [0, 0],
			parameters: setup.parameters,
			credentials: {
				sendmuxMailboxApi: { id: 'cred-mailbox', name: 'Sendmux Mailbox' },
			},
		};
	}

	/** n8n activates the workflow (publish, start-up "init", take-over). */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		const { workflow, node, additionalData } = await this.build();
		this.crons = [];
		const context = new TriggerContext(
			workflow,
			node,
			additionalData,
			'trigger',
			activation,
			(data) => {
				this.saveIfChanged(workflow);
				this.executions.push(data[0] ?? []);
			},
			(error) => {
				this.fatalErrors.push(error);
			},
			(error) => {
				this.failedExecutions.push(error);
			},
			{
				registerCron: (cron, onTick) => {
					this.crons.push({
						expression: cron.expression,
						onTick: () => onTick(new Date()),
					});
				},
			},
		);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.trigger) throw new Error('The node has no trigger()');
		const response = (await nodeType.trigger.call(context)) ?? {};
		this.saveIfChanged(workflow);
		this.running = { workflow, response };
	}

	/** n8n deactivates the workflow (or stops): the closeFunction runs. */
	async deactivate(): Promise<void> {
		const running = this.running;
		this.running = undefined;
		await running?.response.closeFunction?.();
	}

	/** n8n stops and starts again: the trigger is closed, what was not saved is gone. */
	async restart(): Promise<void> {
		await this.deactivate();
		await this.activate('init');
	}

	/** One tick of every registered cron (polling mode). */
	tick(): void {
		for (const cron of this.crons) cron.onTick();
	}

	/** "Listen for test event": resolves with what the trigger emitted first. */
	async listen(): Promise<{
		items: INodeExecutionData[];
		response: ITriggerResponse;
		savedTried: boolean;
	}> {
		const { workflow, node, additionalData } = await this.build();
		const context = new TriggerContext(workflow, node, additionalData, 'manual', 'manual');
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.trigger) throw new Error('The node has no trigger()');
		const response = (await nodeType.trigger.call(context)) ?? {};
		// n8n-core replaces these on the context once trigger() returned (TriggersAndPollers).
		const writable = context as unknown as {
			emit: (data: INodeExecutionData[][]) => void;
			emitError: (error: Error) => void;
			saveFailedExecution: (error: Error) => void;
		};
		const emitted = new Promise<INodeExecutionData[][]>((resolve, reject) => {
			writable.emit = (data) => resolve(data);
			writable.emitError = (error) => reject(error);
			writable.saveFailedExecution = (error) => reject(error);
		});
		this.manualResponse = response;
		if (response.manualTriggerFunction) await response.manualTriggerFunction();
		try {
			const data = await emitted;
			return {
				items: data[0] ?? [],
				response,
				savedTried: (workflow.staticData as StaticRoot).__dataChanged === true,
			};
		} finally {
			await response.closeFunction?.();
		}
	}

	/** The trigger response of the last listen (to close it from a test). */
	manualResponse?: ITriggerResponse;

	savedStaticData(): IDataObject {
		return structuredClone((this.saved[`node:${this.node.name}`] as IDataObject | undefined) ?? {});
	}

	liveStaticData(): IDataObject {
		const live = this.running?.workflow.staticData[`node:${this.node.name}`] as IDataObject | undefined;
		return JSON.parse(JSON.stringify(live ?? {})) as IDataObject;
	}

	setSavedStaticData(data: IDataObject): void {
		this.saved = JSON.parse(JSON.stringify({ [`node:${this.node.name}`]: data })) as IDataObject;
	}

	/** Every item emitted so far, in order. */
	allItems(): INodeExecutionData[] {
		return this.executions.flat();
	}

	private saveIfChanged(workflow: Workflow): void {
		const root = workflow.staticData as StaticRoot;
		if (root.__dataChanged !== true) return;
		const copy = JSON.parse(JSON.stringify(root)) as StaticRoot;
		delete copy.__dataChanged;
		this.saved = copy;
		this.saves++;
		root.__dataChanged = false;
	}

	private async build() {
		return await buildActiveWorkflow({
			id: 'wf-instant',
			name: 'Mailbox instant',
			node: this.node,
			staticData: this.saved,
			credentials: this.setup.credentials,
			additionalData: { executionContext: undefined },
		});
	}
}
