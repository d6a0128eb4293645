/**
 * The one-node workflow n8n builds for a trigger or poller from the saved workflow: a fresh
 * `Workflow` on the saved static data (as after a restart), and additional data whose
 * credentials are the test's. Shared by the trigger, poll and Mailbox Trigger v2 harnesses.
 */
import { mock } from 'vitest-mock-extended';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { installCapturingLogger } from './logs';
import { loadPackage } from './package';
import { testCredentials } from './workflow';

export interface ActiveWorkflowOptions {
	id: string;
	name: string;
	node: INode;
	/** What n8n saved last; copied, as n8n reads it back from its database. */
	staticData: IDataObject;
	active?: boolean;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	webhookBaseUrl?: string;
	webhookTestBaseUrl?: string;
	/** Further fields of n8n's additional data the harness needs set (or cleared). */
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
}

export async function buildActiveWorkflow(options: ActiveWorkflowOptions) {
	installCapturingLogger();
	const { nodeTypes, credentialType } = await loadPackage();
	const node = structuredClone(options.node);
	const workflow = new Workflow({
		id: options.id,
		name: options.name,
		nodes: [node],
		connections: {},
		nodeTypes,
		active: options.active ?? true,
		staticData: JSON.parse(JSON.stringify(options.staticData)) as IDataObject,
		settings: { executionOrder: 'v1' },
	});
	const additionalData = mock<IWorkflowExecuteAdditionalData>();
	Object.assign(additionalData, {
		executionId: undefined,
		webhookBaseUrl: options.webhookBaseUrl ?? 'https://n8n.example.test/webhook',
		webhookTestBaseUrl: options.webhookTestBaseUrl ?? 'https://n8n.example.test/webhook-test',
		webhookWaitingBaseUrl: 'https://n8n.example.test/webhook-waiting',
		formWaitingBaseUrl: 'https://n8n.example.test/form-waiting',
		currentNodeParameters: undefined,
		parentCallbackManager: undefined,
		ssrfBridge: undefined,
		encryptedRunnerIdentity: undefined,
		evalLlmMockHandler: undefined,
		...options.additionalData,
	});
	additionalData.credentialsHelper = new TestCredentialsHelper(credentialType, options.credentials ?? testCredentials());
	return { workflow, node, additionalData };
}
