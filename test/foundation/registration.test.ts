import { describe, expect, it } from 'vitest';

import { packageFileExists, readPackageJson } from '../harness/host.mjs';
import { loadPackage } from '../harness/package';

const packageJson = readPackageJson<{
	n8n: { nodes: string[]; credentials: string[] };
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
}>('package.json');

describe('the built package, as n8n loads it', () => {
	it('registers both credentials with their icons', async () => {
		const { loader } = await loadPackage();
		expect(loader.types.credentials.map((c) => c.name).sort()).toEqual(['sendmuxMailboxApi', 'sendmuxRootApi']);
		for (const credential of loader.types.credentials) {
			const iconUrl = credential.iconUrl as { light: string; dark: string };
			for (const icon of [iconUrl.light, iconUrl.dark]) {
				expect(packageFileExists(icon.replace('icons/n8n-nodes-sendmux/', '')), icon).toBe(true);
			}
			expect(credential.documentationUrl).toMatch(/^https:\/\//);
		}
	});

	it('registers every node package.json lists, each with codex, light and dark icons', async () => {
		const { loader } = await loadPackage();
		// A versioned node (the Mailbox Trigger) is listed once per version, under one name.
		expect(new Set(loader.types.nodes.map((node) => node.name)).size).toBe(packageJson.n8n.nodes.length);
		for (const node of loader.types.nodes) {
			expect(node.codex?.categories?.length, node.name).toBeGreaterThan(0);
			const iconUrl = node.iconUrl as { light: string; dark: string };
			expect(iconUrl.light).not.toBe(iconUrl.dark);
			for (const icon of [iconUrl.light, iconUrl.dark]) {
				expect(packageFileExists(icon.replace('icons/n8n-nodes-sendmux/', '')), icon).toBe(true);
			}
		}
	});

	it('the action node offers both credentials, each for its own resources', async () => {
		const { loader } = await loadPackage();
		const sendmux = loader.types.nodes.find((n) => n.name === 'sendmux');
		expect(sendmux?.usableAsTool).toBe(true);
		const credentials = sendmux?.credentials?.map((c) => c.name);
		expect(credentials).toContain('sendmuxRootApi');
		const rootResources = sendmux?.credentials?.find((c) => c.name === 'sendmuxRootApi')?.displayOptions?.show?.resource;
		expect(rootResources).toContain('domain');
	});

	it('has no runtime dependencies and n8n-workflow as its only peer', () => {
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});
});
