/**
 * The README a user reads on npm or GitHub: its links lead somewhere, its first screen answers
 * what the package is, how to install it (n8n 3.0's verified-only default included) and how to
 * send a first email, and its Example workflows table lists exactly the files of examples/,
 * each of which the end-to-end suite runs.
 */
import { describe, expect, it } from 'vitest';

import { CREDENTIAL_DISPLAY_NAME } from '../../nodes/Sendmux/transport/apiKey';
import { filesUnder, PACKAGE_ROOT, packageFileExists, packagePath, readPackageFile, readPackageJson } from '../harness/host.mjs';

/** The Markdown files whose links are checked, from the package root. */
const MARKDOWN_FILES = [
	'README.md',
	'CHANGELOG.md',
	'CONTRIBUTING.md',
	'RELEASING.md',
	'BENCHMARKS.md',
	...filesUnder(packagePath('docs'))
		.filter((file) => file.endsWith('.md'))
		.map((file) => file.slice(PACKAGE_ROOT.length + 1).split('\\').join('/')),
].filter((file) => packageFileExists(...file.split('/')));

const read = (file: string) => readPackageFile(...file.split('/')).toString('utf8');

/** The text outside fenced code blocks (links and headings there are not Markdown). */
function prose(markdown: string): string {
	return markdown.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, -1, -2… for repeats. */
function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const [, heading] of prose(markdown).matchAll(/^#{1,6}[ \t]+(.+?)[ \t]*#*$/gm)) {
		const text = heading
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/<[^>]+>/g, '')
			.replace(/[`*]/g, '');
		const slug = text
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	for (const [, id] of markdown.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(id);
	return anchors;
}

/** Every link target of the file: Markdown links and images, HTML src and href. */
function linksOf(markdown: string): string[] {
	const text = prose(markdown).replace(/`[^`\n]*`/g, '');
	return [
		...[...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]),
		...[...text.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]),
	];
}

/** A relative path from a Markdown file's folder, resolved to a path from the package root. */
function resolveFrom(file: string, target: string): string {
	const parts = file.split('/').slice(0, -1);
	for (const part of target.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.' && part !== '') parts.push(part);
	}
	return parts.join('/');
}

function brokenLinks(file: string): string[] {
	const broken: string[] = [];
	for (const link of linksOf(read(file))) {
		if (/^(?:[a-z]+:|\/\/)/i.test(link)) continue; // https:, mailto: and other sites
		const [path, anchor] = link.split('#') as [string, string | undefined];
		const target = path === '' ? file : resolveFrom(file, decodeURIComponent(path));
		if (!packageFileExists(...target.split('/'))) {
			broken.push(`${link}: no file ${target}`);
			continue;
		}
		if (anchor !== undefined && target.endsWith('.md') && !anchorsOf(read(target)).has(decodeURIComponent(anchor))) {
			broken.push(`${link}: no heading #${anchor} in ${target}`);
		}
	}
	return broken;
}

describe('Markdown links', () => {
	it('the slugger makes the anchors GitHub makes', () => {
		expect([...anchorsOf('# n8n-nodes-sendmux\n## Use it as an AI agent tool\n### `npm start`\n## Send and Wait for Response\n## Limits\n## Limits\n```\n# not a heading\n```\n## Email → Send (batch)')]).toEqual([
			'n8n-nodes-sendmux',
			'use-it-as-an-ai-agent-tool',
			'npm-start',
			'send-and-wait-for-response',
			'limits',
			'limits-1',
			'email--send-batch',
		]);
	});

	it('finds a broken anchor and a missing file (the check can fail)', () => {
		const markdown = '## Install\n[ok](#install) [bad](#instal) [file](LICENSE) [gone](docs/nothing.md)';
		expect(anchorsOf(markdown).has('instal')).toBe(false);
		expect(linksOf(markdown)).toEqual(['#install', '#instal', 'LICENSE', 'docs/nothing.md']);
		expect(packageFileExists('docs', 'nothing.md')).toBe(false);
	});

	it.each(MARKDOWN_FILES)('%s: every in-page anchor and relative link resolves', (file) => {
		expect(brokenLinks(file)).toEqual([]);
	});
});

describe('README first screen', () => {
	// Roughly what npm and GitHub show before scrolling.
	const firstScreen = read('README.md').split('\n').slice(0, 60).join('\n');

	it('says what the package is and names its three nodes', () => {
		expect(firstScreen).toMatch(/^# n8n-nodes-sendmux\n/);
		for (const node of ['**Sendmux**', '**Sendmux Trigger**', '**Sendmux Mailbox Trigger**']) expect(firstScreen).toContain(node);
	});

	it('says how to install: the Community Nodes screen, by hand, and what n8n 3.0 needs', () => {
		expect(firstScreen).toContain('Settings → Community Nodes → Install');
		expect(firstScreen).toContain('`n8n-nodes-sendmux`');
		expect(firstScreen).toContain('npm install n8n-nodes-sendmux');
		expect(firstScreen).toContain('N8N_UNVERIFIED_PACKAGES_ENABLED=true');
		expect(firstScreen).toContain('n8n has not verified');
	});

	it('sends a first email in three steps: credential, Send node, execute', () => {
		const steps = /## Send your first email\n\n((?:\d\. [\s\S]*?)(?=\n\n))/.exec(firstScreen)?.[1] ?? '';
		expect(steps.match(/^\d\. \*\*[^*]+\*\*/gm)).toEqual(['1. **Credential.**', '2. **Send node.**', '3. **Execute.**']);
	});

	it('links on to the reference', () => {
		for (const anchor of ['#example-workflows', '#operations', '#credentials', '#troubleshooting', '#versions-and-compatibility']) {
			expect(firstScreen).toContain(`(${anchor})`);
		}
	});
});

describe('examples/', () => {
	const examples = filesUnder(packagePath('examples'))
		.map((file) => file.slice(packagePath('examples').length + 1))
		.filter((file) => file.endsWith('.json'))
		.sort();
	const readme = read('README.md');
	const section = readme.slice(readme.indexOf('## Example workflows\n'), readme.indexOf('\n## ', readme.indexOf('## Example workflows\n') + 1));
	const e2eSources = filesUnder(packagePath('test', 'e2e'))
		.filter((file) => file.endsWith('.ts'))
		.map((file) => readPackageFile(...file.slice(PACKAGE_ROOT.length + 1).split(/[\\/]/)).toString('utf8'))
		.join('\n');

	it('holds seven workflows', () => {
		expect(examples).toHaveLength(7);
	});

	it("README's Example workflows table lists exactly the files of examples/", () => {
		const listed = [...section.matchAll(/^\| `([^`]+\.json)` \|/gm)].map((match) => match[1]).sort();
		expect(listed).toEqual(examples);
	});

	it.each(examples)('%s is run by the end-to-end suite, ships without credentials and has a note', (file) => {
		expect(e2eSources).toContain(`'${file}'`);
		const workflow = JSON.parse(read(`examples/${file}`)) as { nodes: Array<{ type: string; credentials?: unknown; webhookId?: string }> };
		expect(workflow.nodes.filter((node) => node.credentials !== undefined)).toEqual([]);
		expect(workflow.nodes.some((node) => node.type === 'n8n-nodes-base.stickyNote')).toBe(true);
		for (const node of workflow.nodes.filter((each) => each.type === 'n8n-nodes-base.webhook')) expect(node.webhookId).toBeTruthy();
	});

	it.each(examples)('%s: its note names the credentials as n8n shows them', (file) => {
		const notes = (JSON.parse(read(`examples/${file}`)) as { nodes: Array<{ type: string; parameters: { content?: string } }> }).nodes
			.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
			.map((node) => node.parameters.content ?? '')
			.join('\n');
		const named = [...notes.matchAll(/\*\*(Sendmux [^*]*API)\*\*/g)].map((match) => match[1]);
		expect(named.length).toBeGreaterThan(0);
		for (const name of named) expect(Object.values(CREDENTIAL_DISPLAY_NAME)).toContain(name);
	});

	it('are not published: the package ships dist only', () => {
		expect(readPackageJson<{ files: string[] }>('package.json').files).toEqual(['dist']);
	});
});
