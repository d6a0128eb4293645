/**
 * A polling trigger as n8n drives it, in-process.
 *
 * Active workflow ("trigger" mode): like n8n's ActiveWorkflowManager, activation builds the
 * workflow once from the saved static data and creates one PollContext; every poll then runs
 * through n8n-core's own PollTriggerExecutor on that same in-memory workflow. Static data is
 * saved exactly when n8n saves it: in `__emit` (only when the poll returned items), and only
 * when a top-level key of it was assigned (`__dataChanged`), as a JSON copy. `restart()`
 * throws the in-memory workflow away and activates again from what was saved, as n8n does
 * when it starts (activation mode "init").
 *
 * "Fetch Test Event" ("manual" mode): a PollContext in mode manual / activation manual, as
 * WorkflowExecute.executePollNode builds it, on a workflow loaded from the saved data; n8n
 * never saves static data from it.
 */
import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
} from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { buildActiveWorkflow } from './activeWorkflow';
import { PACKAGE_NAME } from './package';

export interface PollSetup {
	parameters: INodeParameters;
	/** Short type name within this package. */
	type?: string;
	nodeName?: string;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

export interface PollOutcome {
	/** The items of the execution the poll started, or null when it returned null. */
	items: INodeExecutionData[] | null;
	/** The error n8n recorded for the poll (`__emitError`), if it threw. */
	error?: Error;
	/** Whether n8n saved the workflow's static data after this poll. */
	saved: boolean;
}

interface ActiveWorkflow {
	workflow: Workflow;
	node: INode;
	additionalData: IWorkflowExecuteAdditionalData;
	activation: WorkflowActivateMode;
}

type StaticRoot = IDataObject & { __dataChanged?: boolean };

export class PollingTriggerUnderTest {
	readonly node: INode;
	/** Every execution the trigger started, in order (its items). */
	readonly executions: INodeExecutionData[][] = [];
	/** Every poll error n8n recorded, in order. */
	readonly errors: Error[] = [];
	/** The workflow's static data as n8n's database holds it. */
	private saved: IDataObject = {};
	private active?: ActiveWorkflow;

	constructor(private readonly setup: PollSetup) {
		this.node = {
			id: randomUUID(),
			name: setup.nodeName ?? 'Sendmux Mailbox Trigger',
			type: `${PACKAGE_NAME}.${setup.type ?? 'sendmuxMailboxTrigger'}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: setup.parameters,
			credentials: { sendmuxMailboxApi: { id: 'cred-mailbox', name: 'Sendmux Mailbox' } },
		};
	}

	/** Activates the workflow from the saved static data (n8n: publish / start-up / take-over). */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		const { workflow, node, additionalData } = await this.build();
		this.active = { workflow, node, additionalData, activation };
	}

	/** n8n stops and starts again: what was not saved is gone; active workflows poll anew ("init"). */
	async restart(activation: WorkflowActivateMode = 'init'): Promise<void> {
		this.active = undefined;
		await this.activate(activation);
	}

	/**
	 * One scheduled poll of the active workflow, through n8n-core's PollTriggerExecutor. n8n
	 * makes one PollContext per activation; it holds nothing between polls but the workflow,
	 * so one per poll (same workflow, same activation) behaves the same and lets overlapping
	 * polls each report what they emitted.
	 */
	async poll(): Promise<PollOutcome> {
		if (!this.active) await this.activate();
		const { workflow, node, additionalData, activation } = this.active as ActiveWorkflow;
		const outcome: PollOutcome = { items: null, saved: false };
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			'trigger',
			activation,
			(data) => {
				// n8n's __emit: save the static data if it changed, then start the execution.
				outcome.saved = this.saveIfChanged(workflow);
				outcome.items = data[0] ?? [];
				this.executions.push(outcome.items);
			},
			(error) => {
				outcome.error = error;
				this.errors.push(error);
			},
		);
		await Container.get(PollTriggerExecutor).create(workflow, node, context, () => true)(false);
		return outcome;
	}

	/** "Fetch Test Event" in the editor: the poll in manual mode; errors are thrown. */
	async fetchTestEvent(): Promise<INodeExecutionData[] | null> {
		const { workflow, node, additionalData } = await this.build();
		const context = new PollContext(workflow, node, additionalData, 'manual', 'manual');
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.poll) throw new Error('The node has no poll()');
		const result = await nodeType.poll.call(context);
		// n8n never saves static data from a manual run; report whether the node tried to change it.
		this.manualRunChangedStaticData = (workflow.staticData as StaticRoot).__dataChanged === true;
		return result ? (result[0] ?? []) : null;
	}

	/** Whether the last "Fetch Test Event" assigned anything in the static data (it must not). */
	manualRunChangedStaticData = false;

	/** The node's static data as n8n last saved it (a copy). */
	savedStaticData(): IDataObject {
		return structuredClone((this.saved[`node:${this.node.name}`] as IDataObject | undefined) ?? {});
	}

	/** The node's static data in the running workflow's memory (a copy). */
	liveStaticData(): IDataObject {
		const live = this.active?.workflow.staticData[`node:${this.node.name}`] as IDataObject | undefined;
		return JSON.parse(JSON.stringify(live ?? {})) as IDataObject;
	}

	/** Replaces the saved static data, to start from a given state. */
	setSavedStaticData(data: IDataObject): void {
		this.saved = JSON.parse(JSON.stringify({ [`node:${this.node.name}`]: data })) as IDataObject;
	}

	/** n8n's saveStaticData: a JSON copy, only when a top-level key was assigned. */
	private saveIfChanged(workflow: Workflow): boolean {
		const root = workflow.staticData as StaticRoot;
		if (root.__dataChanged !== true) return false;
		const copy = JSON.parse(JSON.stringify(root)) as StaticRoot;
		delete copy.__dataChanged;
		this.saved = copy;
		root.__dataChanged = false;
		return true;
	}

	private async build() {
		return await buildActiveWorkflow({
			id: 'wf-poll',
			name: 'Mailbox polling',
			node: this.node,
			staticData: this.saved,
			credentials: this.setup.credentials,
			additionalData: { executionContext: undefined },
		});
	}
}
