/**
 * What `npm publish` would ship, from `npm pack --dry-run` over the freshly built dist/:
 * only the built package, everything package.json's `n8n` section promises n8n, and nothing
 * from the repository's tests or sources.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { npmPackDryRun, readPackageJson, type PackedPackage } from '../harness/host.mjs';
import { loadPackage, PACKAGE_NAME } from '../harness/package';

interface Manifest {
	name: string;
	version: string;
	license: string;
	files: string[];
	n8n: { nodes: string[]; credentials: string[] };
}

const manifest = readPackageJson<Manifest>('package.json');
/** n8n serves a package's icons under this prefix, followed by the icon's path in the package. */
const ICON_URL_PREFIX = `icons/${PACKAGE_NAME}/`;

let packed: PackedPackage;
let shipped: Set<string>;

beforeAll(() => {
	packed = npmPackDryRun();
	shipped = new Set(packed.files);
});

describe('npm pack', () => {
	it('packs this package at the manifest’s version', () => {
		expect(packed.name).toBe(PACKAGE_NAME);
		expect(packed.version).toBe(manifest.version);
		expect(manifest.files).toEqual(['dist']);
		expect(manifest.license).toBe('MIT');
	});

	it('ships only dist/, package.json, README.md and LICENSE', () => {
		const outsideDist = packed.files.filter((path) => !path.startsWith('dist/'));
		expect(outsideDist.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		// Compiled JavaScript, its source maps, the icons and the codex files; nothing else.
		const unexpected = packed.files.filter(
			(path) => path.startsWith('dist/') && !/\.(js|js\.map|svg|node\.json)$/.test(path),
		);
		expect(unexpected).toEqual([]);
	});

	it('ships no tests, no TypeScript and no maps without their script', () => {
		expect(packed.files.filter((path) => /(^|\/)(test|tests|__tests__|bench)\//.test(path))).toEqual([]);
		expect(packed.files.filter((path) => /\.(test|spec)\.|\.[cm]?ts$/.test(path))).toEqual([]);
		const orphanMaps = packed.files.filter(
			(path) => path.endsWith('.js.map') && !shipped.has(path.slice(0, -'.map'.length)),
		);
		expect(orphanMaps).toEqual([]);
		// Only the two folders tsconfig.build.json compiles, plus the icons.
		const topFolders = new Set(packed.files.filter((p) => p.startsWith('dist/')).map((p) => p.split('/')[1]));
		expect([...topFolders].sort()).toEqual(['credentials', 'icons', 'nodes']);
	});

	it('ships every node package.json lists, each with its codex file', () => {
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		for (const node of manifest.n8n.nodes) {
			expect(node).toMatch(/^dist\/nodes\/.+\.node\.js$/);
			expect(shipped.has(node), node).toBe(true);
			const codex = node.replace(/\.js$/, '.json');
			expect(shipped.has(codex), codex).toBe(true);
		}
	});

	it('ships every credential package.json lists', () => {
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
		for (const credential of manifest.n8n.credentials) {
			expect(credential).toMatch(/^dist\/credentials\/.+\.credentials\.js$/);
			expect(shipped.has(credential), credential).toBe(true);
		}
	});

	it('ships the light and dark icon of every node and credential, as n8n resolves them', async () => {
		const { loader } = await loadPackage();
		const described = [...loader.types.nodes, ...loader.types.credentials];
		// A versioned node (the Mailbox Trigger) is described once per version, under one name.
		expect(new Set(described.map((type) => type.name)).size).toBe(manifest.n8n.nodes.length + manifest.n8n.credentials.length);
		for (const type of described) {
			const iconUrl = type.iconUrl as { light: string; dark: string } | undefined;
			expect(iconUrl, type.name).toEqual({ light: expect.any(String), dark: expect.any(String) });
			expect(iconUrl?.light).not.toBe(iconUrl?.dark);
			for (const url of [iconUrl?.light ?? '', iconUrl?.dark ?? '']) {
				expect(url.startsWith(ICON_URL_PREFIX), url).toBe(true);
				const path = url.slice(ICON_URL_PREFIX.length);
				expect(shipped.has(path), `${type.name}: ${path}`).toBe(true);
			}
		}
	});
});
