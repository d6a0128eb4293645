/**
 * What keeps the package quick to load (benchmark 5, cold import). No timings here: the
 * benchmarks measure; these tests pin the causes.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { packagePath, readPackageJson, runNodeScript } from '../harness/host.mjs';
import { loadPackage } from '../harness/package';
import { byDisplayName } from '../../nodes/Sendmux/shared/descriptions';

const packageJson = readPackageJson<{ n8n: { nodes: string[]; credentials: string[] } }>('package.json');

/** Loads every node and credential n8n would, in a fresh process, counting collator set-ups. */
const PROBE = `
let calls = 0;
const localeCompare = String.prototype.localeCompare;
String.prototype.localeCompare = function (...args) { calls++; return localeCompare.apply(this, args); };
const Collator = Intl.Collator;
Intl.Collator = function (...args) { calls++; return new Collator(...args); };
for (const file of JSON.parse(process.argv[1])) {
	for (const value of Object.values(require(file))) if (typeof value === 'function') new value();
}
process.stdout.write(String(calls));
`;

function collections(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		const nested = (property.options ?? []).filter((option): option is INodeProperties => 'displayName' in option && 'type' in option);
		return property.type === 'collection' ? [property, ...collections(nested)] : collections(nested);
	});
}

describe('loading the package', () => {
	it('never sets up an ICU collator (the first localeCompare of a process costs 10–20 ms)', () => {
		const files = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials].map((file) => packagePath(file));
		const calls = runNodeScript(PROBE, [JSON.stringify(files)]);
		expect(Number(calls)).toBe(0);
	});

	it('orders option names by display name as a collator would, on every collection the node has', async () => {
		const { loader } = await loadPackage();
		const description = loader.nodeTypes.sendmux.type.description as INodeTypeDescription;
		const lists = collections(description.properties);
		expect(lists.length).toBeGreaterThan(20);
		for (const collection of lists) {
			const options = collection.options as INodeProperties[];
			const names = (compare: (a: INodeProperties, b: INodeProperties) => number) =>
				[...options].sort(compare).map((option) => option.displayName);
			expect(names(byDisplayName), collection.name).toEqual(names((a, b) => a.displayName.localeCompare(b.displayName)));
		}
	});

	it('byDisplayName ignores case and keeps equal names in place', () => {
		const names = ['reply-To', 'BCC', 'Attachments', 'bcc', 'Custom Headers', 'CC'].map((displayName) => ({ displayName }));
		expect(names.sort(byDisplayName).map((n) => n.displayName)).toEqual(['Attachments', 'BCC', 'bcc', 'CC', 'Custom Headers', 'reply-To']);
	});
});
