/**
 * The codex file beside each node (`<Node>.node.json`): what n8n's node panel files it under,
 * the words its search finds it by, and where its Docs links go.
 */
import { describe, expect, it } from 'vitest';

import { NODE_CATEGORIES } from '../../scripts/community-rules.mjs';
import { readPackageJson } from '../harness/host.mjs';
import { loadPackage, PACKAGE_NAME } from '../harness/package';

interface Codex {
	node: string;
	nodeVersion: string;
	codexVersion: string;
	categories: string[];
	subcategories?: unknown;
	alias: string[];
	resources: {
		primaryDocumentation: Array<{ url: string }>;
		credentialDocumentation: Array<{ url: string }>;
	};
}

/**
 * The categories a community node may use (n8n's codex-file docs, "Node categories", and the
 * valid-node-categories rule of @n8n/eslint-plugin-community-nodes; scripts/community-rules.mjs).
 */
const COMMUNITY_NODE_CATEGORIES = NODE_CATEGORIES;

const nodeFiles = readPackageJson<{ n8n: { nodes: string[] } }>('package.json').n8n.nodes;

describe.each(nodeFiles)('codex of %s', (nodeFile) => {
	const sourceCodex = nodeFile.replace(/^dist\//, '').replace(/\.js$/, '.json');
	const codex = readPackageJson<Codex>(sourceCodex);

	it('names the node as n8n registers it', async () => {
		const { loader } = await loadPackage();
		const shortName = codex.node.replace(`${PACKAGE_NAME}.`, '');
		expect(codex.node).toBe(`${PACKAGE_NAME}.${shortName}`);
		expect(loader.nodeTypes[shortName], codex.node).toBeDefined();
		expect(loader.nodeTypes[shortName].sourcePath).toContain(nodeFile);
		expect(codex.codexVersion).toBe('1.0');
	});

	it('files it under n8n’s Communication category, with no subcategories (only AI nodes may have them)', () => {
		expect(codex.categories).toContain('Communication');
		for (const category of codex.categories) expect(COMMUNITY_NODE_CATEGORIES).toContain(category);
		expect(codex.subcategories).toBeUndefined();
	});

	it('is found by the words people search for', () => {
		for (const word of ['email', 'mailbox']) expect(codex.alias).toContain(word);
		// Sending is what the action node and the event trigger are about; an inbox poller is not.
		if (!codex.node.endsWith('MailboxTrigger')) expect(codex.alias).toContain('transactional');
		expect(new Set(codex.alias).size).toBe(codex.alias.length);
	});

	it('links its documentation and the API key guide over https', async () => {
		const { loader } = await loadPackage();
		const urls = [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation];
		expect(codex.resources.primaryDocumentation.length).toBeGreaterThan(0);
		for (const { url } of urls) expect(url).toMatch(/^https:\/\/[^\s]+$/);
		// The same page each credential screen's "Open docs" link opens.
		const credentialDocs = loader.types.credentials.map((credential) => credential.documentationUrl);
		expect(codex.resources.credentialDocumentation.map(({ url }) => url)).toEqual([...new Set(credentialDocs)]);
	});
});
