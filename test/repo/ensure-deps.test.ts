/**
 * `npm test` / `npm start` as the first command on a fresh clone: scripts/ensure-deps.mjs runs
 * `npm ci` when node_modules does not match package-lock.json. Here, when it decides to.
 * (.ci/run proves the whole path: it starts from a clone without node_modules.)
 */
import { describe, expect, it } from 'vitest';

import { mismatch } from '../../scripts/ensure-deps.mjs';
import { readPackageJson } from '../harness/host.mjs';

const lock = {
	packages: {
		'': { devDependencies: { typescript: '5.9.3' } },
		'node_modules/typescript': { version: '5.9.3' },
		'node_modules/tslib': { version: '2.8.1' },
		'node_modules/@esbuild/darwin-arm64': { version: '0.25.0', optional: true },
		'node_modules/linked': { link: true },
	},
};
const complete = {
	packages: {
		'node_modules/typescript': { version: '5.9.3' },
		'node_modules/tslib': { version: '2.8.1' },
	},
};
const onDisk = (versions: Record<string, string>) => (name: string) => versions[name];

describe('ensure-deps: does node_modules match the lockfile?', () => {
	it('matches when every non-optional locked package is installed at its version', () => {
		expect(mismatch({ lock, installed: complete, versionOnDisk: onDisk({ typescript: '5.9.3' }) })).toBeUndefined();
	});

	it('installs when npm never finished an install (no node_modules/.package-lock.json)', () => {
		expect(mismatch({ lock, installed: undefined, versionOnDisk: onDisk({}) })).toMatch(/\.package-lock\.json is missing/);
	});

	it('installs when a locked package is missing or at another version (a pull changed the lockfile)', () => {
		const missing = { packages: { 'node_modules/typescript': { version: '5.9.3' } } };
		expect(mismatch({ lock, installed: missing, versionOnDisk: onDisk({ typescript: '5.9.3' }) })).toBe(
			'node_modules/tslib is not installed',
		);
		const older = { packages: { ...complete.packages, 'node_modules/tslib': { version: '2.6.0' } } };
		expect(mismatch({ lock, installed: older, versionOnDisk: onDisk({ typescript: '5.9.3' }) })).toBe(
			'node_modules/tslib is 2.6.0, the lockfile wants 2.8.1',
		);
	});

	it('installs when a direct dev dependency was removed or changed on disk', () => {
		expect(mismatch({ lock, installed: complete, versionOnDisk: onDisk({}) })).toBe('node_modules/typescript is missing');
		expect(mismatch({ lock, installed: complete, versionOnDisk: onDisk({ typescript: '5.4.0' }) })).toBe(
			'node_modules/typescript is 5.4.0, the lockfile wants 5.9.3',
		);
	});

	it('an install of exactly this lockfile matches it (optional platform packages left out, as npm does)', () => {
		// Independent of the node_modules at hand (a worktree may share one installed from another lockfile).
		const real = readPackageJson<{ packages: Record<string, { version?: string; optional?: boolean }> }>('package-lock.json');
		const installed = {
			packages: Object.fromEntries(Object.entries(real.packages).filter(([path, entry]) => path !== '' && !entry.optional)),
		};
		const versionOnDisk = (name: string) => real.packages[`node_modules/${name}`]?.version;
		expect(Object.keys(installed.packages).length).toBeGreaterThan(100);
		expect(mismatch({ lock: real, installed, versionOnDisk })).toBeUndefined();
		const [somePackage] = Object.keys(installed.packages);
		const { [somePackage]: removed, ...withoutOne } = installed.packages;
		expect(removed).toBeDefined();
		expect(mismatch({ lock: real, installed: { packages: withoutOne }, versionOnDisk })).toBe(`${somePackage} is not installed`);
	});
});

describe('package.json: the first command on a fresh clone installs first', () => {
	const scripts = readPackageJson<{ scripts: Record<string, string> }>('package.json').scripts;
	it.each(['test', 'start'])('npm %s runs scripts/ensure-deps.mjs before anything else', (name) => {
		expect(scripts[name]).toMatch(/^node scripts\/ensure-deps\.mjs && /);
	});
});
