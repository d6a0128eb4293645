/**
 * A resource locator's "From List" as the editor runs it: n8n-core's LoadOptionsContext over
 * the node as it stands, calling the node's listSearch method with what the user typed and the
 * pagination token of the page before. Credentials are applied by their real `authenticate`.
 */
import { mock } from 'vitest-mock-extended';
import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ILoadOptionsFunctions,
	type INode,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { TestCredentialsHelper } from './credentials';
import { installCapturingLogger } from './logs';
import { loadPackage, PACKAGE_NAME } from './package';
import { testCredentials } from './workflow';

export interface ListSearchOptions {
	/** The node's listSearch method, e.g. `searchMailboxes`. */
	method: string;
	/** The node's parameters while the user searches. */
	parameters: INodeParameters;
	/** Parameter path of the locator being filled, e.g. `parameters.mailbox`. */
	path?: string;
	filter?: string;
	paginationToken?: string;
	type?: string;
}

export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	installCapturingLogger();
	const { nodeTypes, credentialType } = await loadPackage();
	const typeName = `${PACKAGE_NAME}.${options.type ?? 'sendmux'}`;
	const node: INode = {
		id: randomUUID(),
		name: 'Sendmux',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: {
			sendmuxMailboxApi: { id: 'cred-mailbox', name: 'Sendmux Mailbox' },
			sendmuxRootApi: { id: 'cred-root', name: 'Sendmux Root' },
		},
	};
	const workflow = new Workflow({
		id: 'wf-list-search',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const additionalData = mock<IWorkflowExecuteAdditionalData>();
	Object.assign(additionalData, {
		currentNodeParameters: options.parameters,
		executionContext: undefined,
		ssrfBridge: undefined,
		encryptedRunnerIdentity: undefined,
	});
	additionalData.credentialsHelper = new TestCredentialsHelper(credentialType, testCredentials());
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData,
		options.path ?? 'parameters',
	) as unknown as ILoadOptionsFunctions;
	const nodeType = nodeTypes.getByNameAndVersion(typeName, 1) as INodeType;
	const search = nodeType.methods?.listSearch?.[options.method];
	if (!search) throw new Error(`The node has no listSearch method "${options.method}"`);
	return await search.call(context, options.filter, options.paginationToken);
}
