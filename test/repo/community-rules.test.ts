/**
 * The newer rules of n8n's @n8n/eslint-plugin-community-nodes, checked by
 * scripts/community-rules.mjs in `npm run lint`: the package passes them all, and each check
 * finds what its rule's doc says it must (so a check that cannot fail would show here).
 */
import type { INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import {
	checkCodex,
	checkIconContrast,
	checkNodeDescription,
	checkPackage,
	checkPackageJson,
	checkSource,
	contrast,
	RULES,
} from '../../scripts/community-rules.mjs';
import { PACKAGE_ROOT, requireFromPackage } from '../harness/host.mjs';

const ts = requireFromPackage('typescript') as typeof import('typescript');
const rulesOf = (findings: Array<{ rule: string }>) => findings.map((finding) => finding.rule);

function node(overrides: Partial<INodeTypeDescription>): INodeTypeDescription {
	return { name: 'example', properties: [], ...overrides } as unknown as INodeTypeDescription;
}

describe('this package', () => {
	it('passes every newer upstream rule with zero findings (dist/ as built by npm test)', () => {
		expect(checkPackage(PACKAGE_ROOT)).toEqual([]);
		// As scripts/lint.mjs passes it (a file URL's folder ends with a slash).
		expect(checkPackage(`${PACKAGE_ROOT}/`)).toEqual([]);
		expect(RULES).toHaveLength(12);
	});
});

describe('each check finds what its rule names', () => {
	it('options-sorted-alphabetically: top-level option lists, case-insensitive; ordered scales exempt', () => {
		const options = (names: string[]) => names.map((name) => ({ name, value: name }));
		const unsorted = node({
			properties: [{ displayName: 'Resource', name: 'resource', type: 'options', options: options(['User', 'contact']), default: 'User' }],
		});
		expect(rulesOf(checkNodeDescription(unsorted))).toEqual(['options-sorted-alphabetically']);
		const sorted = node({
			properties: [
				{ displayName: 'Resource', name: 'resource', type: 'options', options: options(['contact', 'User']), default: 'User' },
				{ displayName: 'Period', name: 'period', type: 'options', options: options(['Last 7 Days', 'Last 30 Days']), default: '' },
			],
		});
		expect(checkNodeDescription(sorted)).toEqual([]);
	});

	it('hint-max-length and require-param-default, nested parameters included', () => {
		const description = node({
			properties: [
				{
					displayName: 'Options',
					name: 'options',
					type: 'collection',
					default: {},
					options: [
						{ displayName: 'Long', name: 'long', type: 'string', default: '', hint: 'x'.repeat(121) },
						{ displayName: 'No Default', name: 'noDefault', type: 'string' } as never,
					],
				},
			],
		});
		expect(rulesOf(checkNodeDescription(description)).sort()).toEqual(['hint-max-length', 'require-param-default']);
	});

	it('single-credential-per-node: several credentials only behind one property with disjoint values', () => {
		const resource = { displayName: 'Resource', name: 'resource', type: 'options' as const, options: [], default: 'a' };
		const both = node({ credentials: [{ name: 'oneApi', required: true }, { name: 'twoApi', required: true }] });
		expect(rulesOf(checkNodeDescription(both))).toEqual(['single-credential-per-node']);
		const overlapping = node({
			properties: [resource],
			credentials: [
				{ name: 'oneApi', required: true, displayOptions: { show: { resource: ['a', 'b'] } } },
				{ name: 'twoApi', required: true, displayOptions: { show: { resource: ['b'] } } },
			],
		});
		expect(rulesOf(checkNodeDescription(overlapping))).toEqual(['single-credential-per-node']);
		const exclusive = node({
			properties: [resource],
			credentials: [
				{ name: 'oneApi', required: true, displayOptions: { show: { resource: ['a'] } } },
				{ name: 'twoApi', required: true, displayOptions: { show: { resource: ['b'] } } },
			],
		});
		expect(checkNodeDescription(exclusive)).toEqual([]);
	});

	it('valid-node-categories, valid-codex-categories, no-ai-codex-category', () => {
		expect(rulesOf(checkCodex({ categories: ['Marketing', 'Bananas'] }, 'x.node.json'))).toEqual([
			'valid-node-categories',
			'valid-node-categories',
		]);
		expect(rulesOf(checkCodex({ categories: ['Communication'], subcategories: { Communication: ['Email'] } }, 'x'))).toEqual([
			'valid-node-categories',
		]);
		expect(rulesOf(checkCodex({ categories: ['Communication'], subcategories: ['Email'] }, 'x'))).toEqual(['valid-codex-categories']);
		expect(rulesOf(checkCodex({ categories: ['AI'] }, 'x'))).toEqual(['no-ai-codex-category']);
		expect(checkCodex({ categories: ['AI'] }, 'x', { importsAiNodeSdk: true })).toEqual([]);
		expect(checkCodex({ categories: ['Communication', 'Marketing & Content'] }, 'x')).toEqual([]);
	});

	it('icon-contrast: WCAG ratio of the best paint against white and #2b2b2b, at least 1.5:1', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		const black = '<svg><path fill="#000"/></svg>';
		expect(rulesOf(checkIconContrast(black, 'black.svg', ['light', 'dark']))).toEqual(['icon-contrast']);
		expect(rulesOf(checkIconContrast('<svg><path d="M0 0"/></svg>', 'no-fill.svg', ['dark']))).toEqual(['icon-contrast']);
		expect(checkIconContrast('<svg><path style="fill: #ffffff"/></svg>', 'white.svg', ['dark'])).toEqual([]);
	});

	it('require-mit-license and no-monorepo', () => {
		expect(rulesOf(checkPackageJson({ license: 'Apache-2.0', repository: { url: 'x', directory: 'packages/x' } }))).toEqual([
			'require-mit-license',
			'no-monorepo',
		]);
		expect(checkPackageJson({ license: 'MIT', repository: { type: 'git', url: 'x' } })).toEqual([]);
	});

	it('require-continue-on-fail: execute() checks it, or delegates to a module that does', () => {
		const nodeClass = (body: string) => `
			import { router } from './router';
			export class Example implements INodeType {
				async execute(this: IExecuteFunctions) { ${body} }
			}`;
		const router = 'export async function router() { if (this.continueOnFail()) return []; }';
		const read = (text: string) => () => text;
		expect(rulesOf(checkSource(ts, 'A.node.ts', nodeClass('return [[]];'), read('')))).toEqual(['require-continue-on-fail']);
		expect(rulesOf(checkSource(ts, 'A.node.ts', nodeClass('return await router.call(this);'), read('export const x = 1;')))).toEqual([
			'require-continue-on-fail',
		]);
		expect(checkSource(ts, 'A.node.ts', nodeClass('return await router.call(this);'), read(router))).toEqual([]);
		expect(checkSource(ts, 'A.node.ts', nodeClass('if (this.continueOnFail()) return []; return [];'), read(''))).toEqual([]);
		// A trigger's execute() that only passes its input on has nothing to continue past.
		expect(checkSource(ts, 'T.node.ts', nodeClass('return [this.getInputData()];'), read(''))).toEqual([]);
	});

	it('node-operation-error-itemindex: errors thrown in an item loop carry { itemIndex }', () => {
		const loop = (error: string) => `
			export async function run(this: IExecuteFunctions) {
				const inputs = this.getInputData();
				for (let i = 0; i < inputs.length; i++) { throw ${error}; }
				for (const item of inputs) { throw ${error}; }
			}
			throw new NodeOperationError(node, 'outside any loop');`;
		const read = () => undefined;
		expect(rulesOf(checkSource(ts, 'a.ts', loop("new NodeOperationError(this.getNode(), 'bad')"), read))).toEqual([
			'node-operation-error-itemindex',
			'node-operation-error-itemindex',
		]);
		expect(rulesOf(checkSource(ts, 'a.ts', loop('new NodeApiError(this.getNode(), error, {})'), read))).toHaveLength(2);
		expect(checkSource(ts, 'a.ts', loop("new NodeOperationError(this.getNode(), 'bad', { itemIndex: i })"), read)).toEqual([]);
	});
});
