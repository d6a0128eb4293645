/**
 * n8n 1.x (n8n-workflow 1.83 in n8n 1.85.3, 1.120 in 1.123.81) resolves a level's parameters in
 * the order their `displayOptions` need, and gives up ("Could not resolve parameter dependencies.
 * Max iterations reached!") when a rule names something that is neither a parameter of the same
 * level, a root path (`/name`) nor a special (`@version`) — it then refuses to activate the
 * workflow. n8n 2.x skips such names, so only `npm run test:compat` saw it (the Sendmux Trigger's
 * `options.verifySignature` rule). This holds every node to 1.x's rule.
 */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage } from '../harness/package';

const NODES = ['n8n-nodes-sendmux.sendmux', 'n8n-nodes-sendmux.sendmuxTrigger', 'n8n-nodes-sendmux.sendmuxMailboxTrigger'];

/** Rules on one level naming something n8n 1.x cannot resolve there: `path → name`. */
function unresolvable(level: INodeProperties[], path: string): string[] {
	const names = new Set(level.map((property) => property.name));
	const found: string[] = [];
	for (const property of level) {
		for (const rule of Object.values(property.displayOptions ?? {})) {
			for (const name of Object.keys(rule ?? {})) {
				if (name.startsWith('@') || name.startsWith('/') || names.has(name)) continue;
				found.push(`${path}${property.name} → ${name}`);
			}
		}
		for (const option of property.options ?? []) {
			// A fixedCollection's options are groups with their own level of values.
			if ('values' in option) found.push(...unresolvable((option as INodePropertyCollection).values, `${path}${property.name}.${option.name}.`));
		}
		if (property.type === 'collection') found.push(...unresolvable((property.options ?? []) as INodeProperties[], `${path}${property.name}.`));
	}
	return found;
}

describe('display rules n8n 1.x can resolve', () => {
	it.each(NODES)('%s: every displayOptions rule names a parameter of its level, a /root path or @version', async (name) => {
		const { nodeTypes } = await loadPackage();
		const { description } = nodeTypes.getByNameAndVersion(name, 1);
		expect(unresolvable(description.properties, '')).toEqual([]);
	});
});
