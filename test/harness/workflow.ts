/**
 * Real workflows executed in-process through n8n-core's WorkflowExecute: the package loaded
 * from dist/, credentials applied by their real `authenticate`, HTTP left to nock (or, in the
 * benchmarks, to a local simulator). No vitest import: the benchmarks run this under tsx.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type NodeConnectionType,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { TestCredentialsHelper } from './credentials';
import { installCapturingLogger } from './logs';
import { loadPackage, PACKAGE_NAME } from './package';
import { TEST_AGENT } from './aiTool';
import { stubOf } from './stub';
import { TRANSPORT_PROBE } from './transportProbe';

/** Test-only node types, named without the package prefix. */
const TEST_ONLY_TYPES = new Set([TRANSPORT_PROBE, TEST_AGENT]);

// Dummy keys with the real prefixes and lengths; Sendmux never issued them.
export const MAILBOX_KEY = 'smx_mbx_dummy000000000000000000000000001';
export const ROOT_KEY = 'smx_root_dummy00000000000000000000000001';
export const SENDING_BASE_URL = 'https://smtp.sendmux.test/api/v1';
export const APP_BASE_URL = 'https://app.sendmux.test/api/v1';

/** Credentials pointing at the nock hosts; tests override fields to probe key handling. */
export function testCredentials(
	overrides: Record<string, ICredentialDataDecryptedObject> = {},
): Record<string, ICredentialDataDecryptedObject> {
	return {
		sendmuxMailboxApi: {
			apiKey: MAILBOX_KEY,
			sendingBaseUrl: SENDING_BASE_URL,
			appBaseUrl: APP_BASE_URL,
			...overrides.sendmuxMailboxApi,
		},
		sendmuxRootApi: { apiKey: ROOT_KEY, appBaseUrl: APP_BASE_URL, ...overrides.sendmuxRootApi },
	};
}

export interface NodeUnderTest {
	/**
	 * Short type name within this package, e.g. `sendmux`; a full name with a dot
	 * (`n8n-nodes-base.httpRequest`) names a type given in `RunOptions.nodeTypes`.
	 */
	type?: string;
	/** 1 by default. */
	typeVersion?: number;
	name?: string;
	parameters: INode['parameters'];
	/** The credentials the node names; both Sendmux credentials by default. */
	credentials?: INode['credentials'];
	/** Node settings as n8n stores them: continueOnFail, retryOnFail, maxTries, waitBetweenTries… */
	settings?: Partial<Pick<INode, 'continueOnFail' | 'retryOnFail' | 'maxTries' | 'waitBetweenTries' | 'onError'>>;
}

/** A node plugged into the node under test through a non-main input (an agent's tool). */
export interface SubNode {
	node: NodeUnderTest;
	connectionType: NodeConnectionType;
}

export interface RunOptions {
	node: NodeUnderTest;
	/** Sub-nodes connected to `node`, such as a `sendmuxTool` under a test agent. */
	subNodes?: SubNode[];
	/** Items the node receives; one empty item by default. */
	input?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	mode?: WorkflowExecuteMode;
	executionId?: string;
	staticData?: IDataObject;
	/** Node types from outside this package, by full type name (e.g. n8n's HTTP Request node). */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
}

/** The package's node types, with the run's extra types in front. */
function withExtraTypes(base: INodeTypes, extra: RunOptions['nodeTypes']): INodeTypes {
	if (!extra || Object.keys(extra).length === 0) return base;
	const byName = (name: string) => extra[name] ?? base.getByName(name);
	return {
		getByName: byName,
		getByNameAndVersion: (name, version) =>
			extra[name] ? NodeHelpers.getVersionedNodeType(extra[name], version) : base.getByNameAndVersion(name, version),
		getKnownTypes: () => base.getKnownTypes(),
	};
}

function typeNameOf(type: string | undefined): string {
	if (type && TEST_ONLY_TYPES.has(type)) return type;
	if (type?.includes('.')) return type;
	return `${PACKAGE_NAME}.${type ?? 'sendmux'}`;
}

export interface NodeRun {
	/** The node's first output, as the next node would receive it. */
	items: INodeExecutionData[];
	/** Every output of the node. */
	outputs: INodeExecutionData[][];
	/** The error that stopped the workflow, if any. */
	error?: ExecutionError;
	run: IRun;
}

/** Runs one Sendmux node over `input` in a real workflow and returns what it produced. */
export async function runNode(options: RunOptions): Promise<NodeRun> {
	installCapturingLogger();
	const loaded = await loadPackage();
	const nodeTypes = withExtraTypes(loaded.nodeTypes, options.nodeTypes);
	const { credentialType } = loaded;
	const node = toWorkflowNode(options.node, 'Sendmux');
	const subNodes = (options.subNodes ?? []).map((sub, index) => ({
		...sub,
		node: toWorkflowNode(sub.node, `Sub-node ${index + 1}`),
	}));
	const connections: IConnections = {};
	for (const sub of subNodes) {
		connections[sub.node.name] = { [sub.connectionType]: [[{ node: node.name, type: sub.connectionType, index: 0 }]] };
	}
	const nodes = [node, ...subNodes.map((sub) => sub.node)];
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'Sendmux test workflow',
		nodes,
		connections,
		nodeTypes,
		active: false,
		staticData: options.staticData,
		settings: { executionOrder: 'v1' },
	});
	const executionId = options.executionId ?? String(Math.floor(Math.random() * 1e9));
	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', executionId, {
		id: workflow.id,
		name: workflow.name ?? '',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		activeVersionId: null,
	});
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finished(fullRunData));
	const additionalData = stubOf<IWorkflowExecuteAdditionalData>({
		executionId,
		hooks,
		webhookBaseUrl: 'https://n8n.example.test/webhook',
		webhookWaitingBaseUrl: 'https://n8n.example.test/webhook-waiting',
		webhookTestBaseUrl: 'https://n8n.example.test/webhook-test',
		formWaitingBaseUrl: 'https://n8n.example.test/form-waiting',
		currentNodeParameters: undefined,
		parentCallbackManager: undefined,
		ssrfBridge: undefined,
		encryptedRunnerIdentity: undefined,
		evalLlmMockHandler: undefined,
	});
	additionalData.credentialsHelper = new TestCredentialsHelper(
		credentialType,
		options.credentials ?? testCredentials(),
	);
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
			waitingExecutionSource: null,
		},
	});
	const execution = new WorkflowExecute(additionalData, options.mode ?? 'manual', runData);
	await execution.processRunExecutionData(workflow);
	const run = await done;
	const nodeRuns = run.data.resultData.runData[node.name] ?? [];
	const outputs = (nodeRuns[nodeRuns.length - 1]?.data?.main ?? []).map(
		(items: INodeExecutionData[] | null) => items ?? [],
	);
	return { items: outputs[0] ?? [], outputs, error: run.data.resultData.error, run };
}

function toWorkflowNode(spec: NodeUnderTest, defaultName: string): INode {
	return {
		id: randomUUID(),
		name: spec.name ?? defaultName,
		type: typeNameOf(spec.type),
		typeVersion: spec.typeVersion ?? 1,
		position: [0, 0],
		parameters: spec.parameters,
		credentials: spec.credentials ?? {
			sendmuxMailboxApi: { id: 'cred-mailbox', name: 'Sendmux Mailbox' },
			sendmuxRootApi: { id: 'cred-root', name: 'Sendmux Root' },
		},
		...spec.settings,
	};
}
