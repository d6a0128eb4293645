#!/usr/bin/env node
// The first step of `npm test` and `npm start`: install the dev dependencies from the lockfile
// (`npm ci`) when node_modules is missing or does not match package-lock.json, so either command
// works as the very first one on a fresh clone. Only Node built-ins: it runs before anything is
// installed. (The project's .npmrc sets ignore-scripts, so a `pretest` hook would never run:
// package.json calls this script explicitly.)
//
// "Matches" means: npm's record of what it installed (node_modules/.package-lock.json) lists every
// package of package-lock.json that is not optional, at the locked version, and each direct dev
// dependency's own package.json is on disk at that version. That is what a `git pull` that
// changed the lockfile, or a half-finished install, gets wrong.

import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * @typedef {{ version?: string, optional?: boolean, link?: boolean, dependencies?: Record<string, string>, devDependencies?: Record<string, string> }} LockEntry
 * @typedef {{ packages?: Record<string, LockEntry> }} Lockfile
 */

/**
 * Why node_modules does not match the lockfile, or `undefined` when it does.
 * @param {object} state
 * @param {Lockfile} state.lock package-lock.json
 * @param {Lockfile | undefined} state.installed node_modules/.package-lock.json (undefined: missing)
 * @param {(name: string) => string | undefined} state.versionOnDisk version in node_modules/<name>/package.json
 * @returns {string | undefined}
 */
export function mismatch({ lock, installed, versionOnDisk }) {
	const locked = lock.packages ?? {};
	if (!installed) return 'node_modules/.package-lock.json is missing (no complete npm install)';
	const have = installed.packages ?? {};
	for (const [path, entry] of Object.entries(locked)) {
		if (path === '' || entry.link) continue;
		const got = have[path];
		// Optional packages for other platforms are left out by npm on purpose.
		if (!got) {
			if (entry.optional) continue;
			return `${path} is not installed`;
		}
		if (got.version !== entry.version) return `${path} is ${got.version}, the lockfile wants ${entry.version}`;
	}
	const root = locked[''] ?? {};
	const direct = { ...root.dependencies, ...root.devDependencies };
	for (const name of Object.keys(direct)) {
		const wanted = locked[`node_modules/${name}`]?.version;
		const onDisk = versionOnDisk(name);
		if (onDisk === undefined) return `node_modules/${name} is missing`;
		if (wanted !== undefined && onDisk !== wanted) return `node_modules/${name} is ${onDisk}, the lockfile wants ${wanted}`;
	}
	return undefined;
}

/** @param {string} file */
function readJson(file) {
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** @param {string} root the package folder */
export function ensureDependencies(root) {
	const modules = join(root, 'node_modules');
	const reason = existsSync(modules)
		? mismatch({
				lock: readJson(join(root, 'package-lock.json')),
				installed: readJson(join(modules, '.package-lock.json')),
				versionOnDisk: (name) => readJson(join(modules, name, 'package.json'))?.version,
			})
		: 'node_modules is missing';
	if (reason === undefined) return;
	// `npm ci` deletes node_modules first: never through a symlink to an install shared with others.
	if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) {
		console.warn(`[ensure-deps] ${reason}, but node_modules is a symlink (a shared install): not touching it.`);
		return;
	}
	console.log(`[ensure-deps] ${reason}: installing the dev dependencies from package-lock.json (npm ci)…`);
	const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
		cwd: root,
		stdio: 'inherit',
		shell: process.platform === 'win32',
	});
	if (result.status !== 0) {
		console.error('[ensure-deps] npm ci failed (see above); fix it and run the command again.');
		process.exit(result.status ?? 1);
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	ensureDependencies(fileURLToPath(new URL('..', import.meta.url)));
}
