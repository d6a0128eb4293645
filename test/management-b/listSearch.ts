/**
 * Calls a resource locator's list search the way the n8n editor does: through n8n-core's
 * LoadOptionsContext on the loaded node type, with the test credentials.
 */
import { mock } from 'vitest-mock-extended';
import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ILoadOptionsFunctions,
	type INode,
	type INodeListSearchResult,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from '../harness/credentials';
import { installCapturingLogger } from '../harness/logs';
import { loadPackage, PACKAGE_NAME } from '../harness/package';
import { testCredentials } from '../harness/workflow';

type SearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

export async function runListSearch(
	method: string,
	parameters: INode['parameters'],
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	installCapturingLogger();
	const { nodeTypes, credentialType } = await loadPackage();
	const node: INode = {
		id: 'list-search-node',
		name: 'Sendmux',
		type: `${PACKAGE_NAME}.sendmux`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { sendmuxRootApi: { id: 'cred-root', name: 'Sendmux Root' } },
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
	Object.assign(additionalData, { currentNodeParameters: parameters, executionId: undefined });
	additionalData.credentialsHelper = new TestCredentialsHelper(credentialType, testCredentials());
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.webhook');
	const nodeType = nodeTypes.getByNameAndVersion(node.type, 1) as INodeType;
	const search = (nodeType.methods?.listSearch as Record<string, SearchMethod> | undefined)?.[method];
	if (!search) throw new Error(`The node has no list search "${method}"`);
	return await search.call(context, filter, paginationToken);
}
