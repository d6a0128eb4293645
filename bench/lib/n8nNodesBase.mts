/**
 * n8n's own HTTP Request node (n8n-nodes-base), loaded into the in-process harness beside
 * the Sendmux node. n8n-nodes-base is a pinned devDependency (so `npm ci` on a fresh clone is
 * enough); $N8N_NODES_BASE_DIR or the real n8n in `.local/n8n` can stand in for it.
 */
import { existsSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import type { IVersionedNodeType } from 'n8n-workflow';

import { PROJECT_ROOT, versionOf } from './stats.mjs';
import { requireFromPackage } from '../../test/harness/host.mjs';

export interface LoadedHttpRequestNode {
	type: IVersionedNodeType;
	/** The version n8n gives a new HTTP Request node. */
	defaultVersion: number;
	packageVersion: string;
	packageDir: string;
}

export function nodesBaseDir(): string | undefined {
	const candidates = [
		process.env.N8N_NODES_BASE_DIR,
		join(PROJECT_ROOT, 'node_modules', 'n8n-nodes-base'),
		join(PROJECT_ROOT, '.local', 'n8n', 'node_modules', 'n8n-nodes-base'),
	].filter((dir): dir is string => typeof dir === 'string' && dir !== '');
	return candidates.find((dir) => existsSync(join(dir, 'package.json')));
}

type ResolveFilename = (request: string, parent: unknown, ...rest: unknown[]) => string;

/**
 * n8n runs community and base nodes against its one copy of n8n-workflow; do the same here,
 * so `instanceof NodeApiError` and friends agree with the harness's n8n-core.
 */
function shareN8nWorkflow(): void {
	const loader = Module as unknown as { _resolveFilename: ResolveFilename };
	const original = loader._resolveFilename;
	const ours = requireFromPackage.resolve('n8n-workflow');
	loader._resolveFilename = function (request, parent, ...rest) {
		if (request === 'n8n-workflow') return ours;
		return original.call(this, request, parent, ...rest);
	};
}

export function loadHttpRequestNode(): LoadedHttpRequestNode {
	const packageDir = nodesBaseDir();
	if (!packageDir) {
		throw new Error(
			'n8n-nodes-base was not found. Install the real n8n once with `node scripts/n8n/install.mjs` ' +
				'(it provides .local/n8n/node_modules/n8n-nodes-base), or point N8N_NODES_BASE_DIR at an n8n-nodes-base folder.',
		);
	}
	shareN8nWorkflow();
	const loaded = requireFromPackage(join(packageDir, 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js')) as {
		HttpRequest: new () => IVersionedNodeType;
	};
	const type = new loaded.HttpRequest();
	return {
		type,
		defaultVersion: type.description.defaultVersion ?? type.currentVersion,
		packageVersion: versionOf(join(packageDir, 'package.json')) ?? 'unknown',
		packageDir,
	};
}
