/**
 * The built package as n8n loads it: `dist/` through n8n-core's PackageDirectoryLoader,
 * which also proves package.json's `n8n` section, the codex files and the icons register.
 */
import { PackageDirectoryLoader } from 'n8n-core';
import {
	NodeHelpers,
	type ICredentialType,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

import { PACKAGE_NAME, PACKAGE_ROOT } from './paths';
import { asAiToolType, TEST_AGENT, TestAgent } from './aiTool';
import { TRANSPORT_PROBE, TransportProbe } from './transportProbe';

export { PACKAGE_NAME, PACKAGE_ROOT };

export interface LoadedPackage {
	loader: PackageDirectoryLoader;
	nodeTypes: INodeTypes;
	credentialType(name: string): ICredentialType;
}

let loaded: Promise<LoadedPackage> | undefined;

/** Loads `dist/` once per test process. Run `npm run build` first (`npm test` does). */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		const testOnly: Record<string, INodeType> = {
			[TRANSPORT_PROBE]: new TransportProbe(),
			[TEST_AGENT]: new TestAgent(),
		};
		const toolVariants = new Map<string, INodeType>();
		const byName = (fullName: string): INodeType | IVersionedNodeType => {
			if (testOnly[fullName]) return testOnly[fullName];
			const shortName = fullName.startsWith(`${PACKAGE_NAME}.`)
				? fullName.slice(PACKAGE_NAME.length + 1)
				: fullName;
			const entry = loader.nodeTypes[shortName];
			if (entry) return entry.type;
			// `<node>Tool`: the tool variant n8n synthesises for a usableAsTool node (see aiTool.ts).
			const base = shortName.endsWith('Tool') ? loader.nodeTypes[shortName.slice(0, -'Tool'.length)] : undefined;
			if (!base) throw new Error(`Unknown node type ${fullName}`);
			let variant = toolVariants.get(shortName);
			if (!variant) {
				variant = asAiToolType(NodeHelpers.getVersionedNodeType(base.type));
				toolVariants.set(shortName, variant);
			}
			return variant;
		};
		const nodeTypes: INodeTypes = {
			getByName: byName,
			getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(byName(name), version),
			getKnownTypes: () => loader.known.nodes,
		};
		return {
			loader,
			nodeTypes,
			credentialType: (name) => {
				const entry = loader.credentialTypes[name];
				if (!entry) throw new Error(`Unknown credential type ${name}`);
				return entry.type;
			},
		};
	})();
	return await loaded;
}
