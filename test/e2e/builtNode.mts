/** What the built node (dist/, the code n8n loads) offers, read from its description. */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { REPO_ROOT } from '../stack/stack.mjs';

/** Every `resource.operation` pair the Sendmux action node offers. */
export function operationsOfBuiltNode(): string[] {
	const load = createRequire(path.join(REPO_ROOT, 'package.json'));
	const { Sendmux } = load(path.join(REPO_ROOT, 'dist', 'nodes', 'Sendmux', 'Sendmux.node.js')) as { Sendmux: new () => { description: INodeTypeDescription } };
	const properties: INodeProperties[] = new Sendmux().description.properties;
	const resources = (properties.find((p) => p.name === 'resource')?.options ?? []) as INodePropertyOptions[];
	return resources.flatMap((resource) =>
		properties
			.filter((p) => p.name === 'operation' && (p.displayOptions?.show?.resource ?? []).includes(resource.value))
			.flatMap((p) => (p.options ?? []) as INodePropertyOptions[])
			.map((operation) => `${String(resource.value)}.${String(operation.value)}`),
	);
}
