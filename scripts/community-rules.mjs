// Tomorrow's lint rules today: our own checks for the newer rules of n8n's
// `@n8n/eslint-plugin-community-nodes` (n8n-io/n8n, packages/@n8n/eslint-plugin-community-nodes,
// docs/rules/<rule>.md), which the pinned scanner does not run yet. Run by `npm run lint`
// (scripts/lint.mjs) on the built package (dist/, so descriptions are checked as n8n sees them,
// however they are assembled), the codex files, the icons, package.json and the TypeScript
// source. Where we deliberately differ from a rule, CONTRIBUTING.md says why.
//
// Each check returns findings `{ rule, where, message }`; none allowed.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

/** The upstream rules checked here (each one's doc: docs/rules/<rule>.md in the plugin). */
export const RULES = [
	'hint-max-length',
	'icon-contrast',
	'no-ai-codex-category',
	'no-monorepo',
	'node-operation-error-itemindex',
	'options-sorted-alphabetically',
	'require-continue-on-fail',
	'require-mit-license',
	'require-param-default',
	'single-credential-per-node',
	'valid-codex-categories',
	'valid-node-categories',
];

/** valid-node-categories: docs.n8n.io codex files, "Node categories" (upstream list). */
export const NODE_CATEGORIES = [
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'Marketing & Content',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];
export const HINT_MAX_LENGTH = 120;
/**
 * options-sorted-alphabetically: lists whose order is a scale, kept in that order on purpose
 * (CONTRIBUTING.md): alphabetically "Last 30 Days" would come before "Last 7 Days".
 */
export const ORDERED_SCALES = new Set(['period', 'days']);
export const ICON_MIN_CONTRAST = 1.5;
export const ICON_BACKGROUNDS = { light: '#ffffff', dark: '#2b2b2b' };

const finding = (rule, where, message) => ({ rule, where, message });

/** Every parameter of a node description, nested ones (collection, fixedCollection) included. */
function* parameters(properties, path = []) {
	for (const property of properties ?? []) {
		if (!property || typeof property !== 'object') continue;
		const here = [...path, property.name ?? property.displayName];
		if ('type' in property) yield { property, path: here };
		if (Array.isArray(property.options)) {
			for (const option of property.options) {
				// collection: options are parameters; fixedCollection: groups with `values`.
				if (option && typeof option === 'object' && 'type' in option) yield* parameters([option], here);
				else if (option && Array.isArray(option.values)) yield* parameters(option.values, [...here, option.name]);
			}
		}
	}
}

/**
 * require-param-default, hint-max-length, options-sorted-alphabetically, single-credential-per-node
 * over one node's description (as loaded from dist/).
 */
export function checkNodeDescription(description) {
	const out = [];
	const node = description.name;
	for (const { property, path } of parameters(description.properties)) {
		const where = `${node}: ${path.join(' › ')}`;
		if (!('default' in property)) out.push(finding('require-param-default', where, 'has no `default`'));
		if (typeof property.hint === 'string' && property.hint.length > HINT_MAX_LENGTH) {
			out.push(
				finding('hint-max-length', where, `hint is ${property.hint.length} characters (at most ${HINT_MAX_LENGTH}); move the detail into \`description\``),
			);
		}
		// Like upstream: the node's own parameters (top level of `properties`), not collection entries.
		if (property.type === 'options' && Array.isArray(property.options) && path.length === 1 && !ORDERED_SCALES.has(property.name)) {
			const names = property.options.map((option) => option?.name);
			if (names.length > 1 && names.every((name) => typeof name === 'string')) {
				const sorted = [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
				if (names.some((name, index) => name !== sorted[index])) {
					out.push(finding('options-sorted-alphabetically', where, `options not sorted: expected ${sorted.join(', ')}`));
				}
			}
		}
	}
	out.push(...checkSingleCredential(description));
	return out;
}

/**
 * single-credential-per-node: several credentials only when mutually exclusive `displayOptions.show`
 * conditions on one single-value property let the user pick exactly one. Checked on the values the
 * node really declares (upstream reads literals only; ours come from one shared function).
 */
export function checkSingleCredential(description) {
	const credentials = description.credentials ?? [];
	if (credentials.length <= 1) return [];
	const where = `${description.name}: credentials`;
	const keys = credentials.map((credential) => Object.keys(credential.displayOptions?.show ?? {}));
	const key = keys[0]?.[0];
	if (!key || keys.some((each) => each.length !== 1 || each[0] !== key)) {
		return [finding('single-credential-per-node', where, 'several credentials without one `displayOptions.show` property choosing between them')];
	}
	const selector = (description.properties ?? []).find((property) => property.name === key);
	if (!selector || selector.type !== 'options') {
		return [finding('single-credential-per-node', where, `"${key}" is not a single-value options property`)];
	}
	const seen = new Map();
	const out = [];
	for (const credential of credentials) {
		for (const value of credential.displayOptions.show[key]) {
			if (seen.has(value)) {
				out.push(finding('single-credential-per-node', where, `${key} "${value}" shows both ${seen.get(value)} and ${credential.name}`));
			}
			seen.set(value, credential.name);
		}
	}
	return out;
}

/** valid-node-categories, valid-codex-categories, no-ai-codex-category over one `.node.json`. */
export function checkCodex(codex, where, { importsAiNodeSdk = false } = {}) {
	const out = [];
	const { categories, subcategories } = codex;
	if (categories !== undefined) {
		if (!Array.isArray(categories) || categories.length === 0) {
			out.push(finding('valid-node-categories', where, '"categories" must be a non-empty array'));
		} else {
			for (const category of categories) {
				if (category === 'AI') {
					if (!importsAiNodeSdk) out.push(finding('no-ai-codex-category', where, '"AI" is reserved for nodes built on @n8n/ai-node-sdk'));
				} else if (category === 'Marketing') {
					out.push(finding('valid-node-categories', where, '"Marketing" is not a supported category; use "Marketing & Content"'));
				} else if (!NODE_CATEGORIES.includes(category)) {
					out.push(finding('valid-node-categories', where, `"${category}" is not a supported community node category`));
				}
			}
		}
	}
	if (subcategories !== undefined) {
		// Upstream allows subcategories only as { AI: [...] } with the AI category, which we never use.
		if (Array.isArray(subcategories) || typeof subcategories !== 'object' || subcategories === null) {
			out.push(finding('valid-codex-categories', where, 'subcategories must be a map of category to subcategories'));
		} else {
			const shape = `{ ${Object.keys(subcategories).join(', ')} }`;
			out.push(finding('valid-node-categories', where, `subcategories (${shape}) are only for AI nodes; remove them`));
		}
	}
	return out;
}

function hexToRgb(hex) {
	let value = hex.slice(1);
	if (value.length === 3 || value.length === 4) value = [...value.slice(0, 3)].map((c) => c + c).join('');
	return [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16));
}

const NAMED = { black: '#000000', white: '#ffffff', currentcolor: '#000000' };

function luminance([r, g, b]) {
	const channel = (c) => {
		const s = c / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a, b) {
	const [l1, l2] = [luminance(hexToRgb(a)), luminance(hexToRgb(b))].sort((x, y) => y - x);
	return (l1 + 0.05) / (l2 + 0.05);
}

/** The paint colours of an SVG (fill, stroke, stop-color: attributes, style attributes, <style>). */
export function svgColours(svg) {
	const colours = [];
	const pattern = /(?:^|[\s"';{])(?:fill|stroke|stop-color)\s*[=:]\s*["']?\s*(#[0-9a-fA-F]{3,8}|[a-zA-Z]+|var\([^)]*\))/g;
	for (const [, raw] of svg.matchAll(pattern)) {
		let value = raw;
		const fallback = /^var\([^,]+,\s*([^)]+)\)$/.exec(value);
		if (value.startsWith('var(')) value = fallback ? fallback[1].trim() : '#000000';
		const lower = value.toLowerCase();
		if (lower === 'none' || lower === 'transparent') continue;
		if (lower in NAMED) colours.push(NAMED[lower]);
		else if (/^#[0-9a-f]{3,8}$/.test(lower)) colours.push(lower);
	}
	// An SVG that declares no paint is drawn black.
	return colours.length ? colours : ['#000000'];
}

/** icon-contrast: the best paint colour of the icon against its theme background, WCAG formula. */
export function checkIconContrast(svg, where, themes) {
	const out = [];
	for (const theme of themes) {
		const best = Math.max(...svgColours(svg).map((colour) => contrast(colour, ICON_BACKGROUNDS[theme])));
		if (best < ICON_MIN_CONTRAST) {
			out.push(finding('icon-contrast', where, `best contrast ${best.toFixed(2)}:1 on the ${theme} background (${ICON_BACKGROUNDS[theme]}); at least ${ICON_MIN_CONTRAST}:1`));
		}
	}
	return out;
}

/** require-mit-license, no-monorepo over package.json. */
export function checkPackageJson(pkg) {
	const out = [];
	if (pkg.license !== 'MIT') out.push(finding('require-mit-license', 'package.json', `license is ${JSON.stringify(pkg.license)}, must be "MIT"`));
	if (pkg.repository && typeof pkg.repository === 'object' && 'directory' in pkg.repository) {
		out.push(finding('no-monorepo', 'package.json', 'repository.directory marks a monorepo package; community nodes need their own repository'));
	}
	return out;
}

/**
 * require-continue-on-fail and node-operation-error-itemindex over TypeScript source, with the
 * TypeScript compiler's parser.
 *
 * - require-continue-on-fail: a node class's execute() calls `this.continueOnFail()`, or delegates
 *   to a function imported from a module that does (our router: one place handles Continue On Fail
 *   for every operation). A trigger's pass-through execute() (it only returns its input) is exempt.
 * - node-operation-error-itemindex: inside a loop over the input items (`items` from
 *   `this.getInputData()` or an `items` parameter), `new NodeOperationError(…)` and
 *   `new NodeApiError(…)` carry `{ itemIndex }` in their options (third argument).
 *
 * @param {typeof import('typescript')} ts
 * @param {string} file absolute path
 * @param {string} text
 * @param {(specifier: string, from: string) => string | undefined} readModule source of an import
 */
export function checkSource(ts, file, text, readModule) {
	const out = [];
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const line = (node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
	const isContinueOnFail = (node) =>
		ts.isCallExpression(node) &&
		ts.isPropertyAccessExpression(node.expression) &&
		node.expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
		node.expression.name.text === 'continueOnFail';
	const contains = (root, predicate) => {
		let found = false;
		const visit = (node) => {
			if (found) return;
			if (predicate(node)) found = true;
			else ts.forEachChild(node, visit);
		};
		visit(root);
		return found;
	};
	const imports = new Map();
	for (const statement of source.statements) {
		if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings)) {
			for (const element of statement.importClause.namedBindings.elements) imports.set(element.name.text, statement.moduleSpecifier.text);
		}
	}

	// require-continue-on-fail
	for (const statement of source.statements) {
		if (!ts.isClassDeclaration(statement) || !statement.heritageClauses?.some((h) => h.getText().includes('INodeType'))) continue;
		for (const member of statement.members) {
			if (!ts.isMethodDeclaration(member) || member.name.getText() !== 'execute' || !member.body) continue;
			if (contains(member.body, isContinueOnFail)) continue;
			const statements = member.body.statements;
			const passThrough =
				statements.length === 1 &&
				ts.isReturnStatement(statements[0]) &&
				/^\[\s*this\.getInputData\(\)\s*\]$/.test(statements[0].expression?.getText() ?? '');
			if (passThrough) continue;
			const delegates = [];
			contains(member.body, (node) => {
				if (ts.isCallExpression(node)) {
					const callee = ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'call' ? node.expression.expression : node.expression;
					if (ts.isIdentifier(callee) && imports.has(callee.text)) delegates.push(imports.get(callee.text));
				}
				return false;
			});
			const handled = delegates.some((specifier) => {
				const delegate = readModule(specifier, file);
				return delegate !== undefined && /\bthis\.continueOnFail\(\)/.test(delegate);
			});
			if (!handled) {
				out.push(finding('require-continue-on-fail', `${file}:${line(member)}`, 'execute() neither checks this.continueOnFail() nor delegates to a module that does'));
			}
		}
	}

	// node-operation-error-itemindex
	const itemArrays = new Set(['items']);
	const collect = (node) => {
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && /\.getInputData\(\)$/.test(node.initializer.getText())) {
			itemArrays.add(node.name.text);
		}
		ts.forEachChild(node, collect);
	};
	collect(source);
	const overItems = (loop) => {
		if (ts.isForOfStatement(loop)) return ts.isIdentifier(loop.expression) && itemArrays.has(loop.expression.text);
		if (ts.isForStatement(loop) && loop.condition) {
			return [...itemArrays].some((name) => new RegExp(`\\b${name}\\.length\\b`).test(loop.condition.getText()));
		}
		return false;
	};
	const visit = (node, inItemLoop) => {
		const inside = inItemLoop || ((ts.isForStatement(node) || ts.isForOfStatement(node)) && overItems(node));
		if (inside && ts.isNewExpression(node) && ts.isIdentifier(node.expression) && ['NodeOperationError', 'NodeApiError'].includes(node.expression.text)) {
			const options = node.arguments?.[2];
			const hasItemIndex =
				options !== undefined &&
				ts.isObjectLiteralExpression(options) &&
				options.properties.some((p) => p.name?.getText() === 'itemIndex');
			if (!hasItemIndex) {
				out.push(finding('node-operation-error-itemindex', `${file}:${line(node)}`, `new ${node.expression.text}(…) inside an item loop without { itemIndex }`));
			}
		}
		// A function declared inside the loop body is its own scope: upstream stops there too.
		const next = ts.isFunctionLike(node) && node !== undefined && inItemLoop ? false : inside;
		ts.forEachChild(node, (child) => visit(child, next));
	};
	visit(source, false);
	return out;
}

/** Every check over the package at `root` (dist/ must be built). */
export function checkPackage(root) {
	const requireFromRoot = createRequire(join(root, 'package.json'));
	const ts = requireFromRoot('typescript');
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const out = [...checkPackageJson(pkg)];
	const sourceFiles = [];

	for (const nodeFile of pkg.n8n?.nodes ?? []) {
		const built = requireFromRoot(join(root, nodeFile));
		for (const NodeClass of Object.values(built)) {
			if (typeof NodeClass !== 'function') continue;
			const instance = new NodeClass();
			const descriptions = instance.nodeVersions ? Object.values(instance.nodeVersions).map((v) => v.description) : [instance.description];
			for (const description of descriptions) {
				out.push(...checkNodeDescription(description));
				out.push(...checkIcons(root, dirname(join(root, nodeFile)), description.icon, description.name));
			}
		}
		const sourceTs = join(root, nodeFile.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const codexFile = sourceTs.replace(/\.ts$/, '.json');
		const sourceText = readFileSync(sourceTs, 'utf8');
		const codex = JSON.parse(readFileSync(codexFile, 'utf8'));
		out.push(...checkCodex(codex, relative(root, codexFile), { importsAiNodeSdk: sourceText.includes('@n8n/ai-node-sdk') }));
		sourceFiles.push(sourceTs);
	}
	for (const credentialFile of pkg.n8n?.credentials ?? []) {
		const built = requireFromRoot(join(root, credentialFile));
		for (const CredentialClass of Object.values(built)) {
			if (typeof CredentialClass !== 'function') continue;
			const instance = new CredentialClass();
			out.push(...checkIcons(root, dirname(join(root, credentialFile)), instance.icon, instance.name));
		}
	}

	const listTs = (dir) =>
		requireFromRoot('node:fs')
			.readdirSync(dir, { withFileTypes: true, recursive: true })
			.filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
			.map((entry) => join(entry.parentPath ?? entry.path, entry.name));
	const readModule = (specifier, from) => {
		if (!specifier.startsWith('.')) return undefined;
		const base = resolve(dirname(from), specifier);
		for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
			try {
				return readFileSync(candidate, 'utf8');
			} catch {
				// try the next candidate
			}
		}
		return undefined;
	};
	for (const file of new Set([...sourceFiles, ...listTs(join(root, 'nodes'))])) {
		out.push(...checkSource(ts, relative(root, file), readFileSync(file, 'utf8'), (s, from) => readModule(s, join(root, from))));
	}
	return out;
}

/** icon-contrast for a node's or credential's `file:` icon(s), resolved as n8n resolves them. */
function checkIcons(root, builtDir, icon, name) {
	if (!icon) return [];
	const entries = typeof icon === 'string' ? [[icon, ['light', 'dark']]] : [[icon.light, ['light']], [icon.dark, ['dark']]];
	const out = [];
	for (const [reference, themes] of entries) {
		if (typeof reference !== 'string' || !reference.startsWith('file:') || !reference.endsWith('.svg')) continue;
		const builtPath = resolve(builtDir, reference.slice('file:'.length));
		// Icons are copied into dist/ by the build; check the source file the build copies.
		const sourcePath = join(root, relative(join(root, 'dist'), builtPath));
		out.push(...checkIconContrast(readFileSync(sourcePath, 'utf8'), `${name}: ${relative(root, sourcePath)}`, themes));
	}
	return out;
}
