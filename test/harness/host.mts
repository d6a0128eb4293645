/**
 * The host machine, for test code: package paths, files, temporary folders, npm.
 *
 * n8n's lint (eslint.config.mjs, n8n's template, kept unchanged) applies its node rules to
 * every `.ts` file, tests included: no `node:` built-ins, no `__dirname`/`process`, no
 * `console`. Those rules guard code that runs inside n8n; tests legitimately need the host.
 * The template lints `**\/*.ts` only, so that access lives here, in one small `.mts` module,
 * and `.ts` tests import what they need from it (`'../harness/host.mjs'`). See CONTRIBUTING.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cwd } from 'node:process';

export const PACKAGE_NAME = 'n8n-nodes-sendmux';

/**
 * The package root (package.json, dist/, test/). Tests run from it (`npm test`, vitest's root);
 * walking up from the working directory also finds it from a subfolder. (`import.meta.url`
 * would be exact, but tsc's `module: commonjs` refuses `import.meta`, even in `.mts`.)
 */
export const PACKAGE_ROOT = findPackageRoot(cwd());

function findPackageRoot(from: string): string {
	for (let dir = resolve(from); ; dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
			return dir;
		}
		if (dirname(dir) === dir) throw new Error(`Run the tests inside the ${PACKAGE_NAME} folder (from ${from})`);
	}
}

/** A path inside the package, from its root: `packagePath('test', 'trigger', 'fixtures')`. */
export function packagePath(...segments: string[]): string {
	return join(PACKAGE_ROOT, ...segments);
}

/** A file's exact bytes, by its path from the package root. */
export function readPackageFile(...segments: string[]): Buffer {
	return readFileSync(packagePath(...segments));
}

export function readPackageJson<T>(...segments: string[]): T {
	return JSON.parse(readPackageFile(...segments).toString('utf8')) as T;
}

export function packageFileExists(...segments: string[]): boolean {
	return existsSync(packagePath(...segments));
}

/**
 * Node's own `require`, rooted at the package: modules loaded through it (from dist/) are the
 * same instances n8n-core's loader requires, unlike vitest's transformed imports.
 */
export const requireFromPackage = createRequire(packagePath('package.json'));

/** A fresh, empty temporary folder. */
export function temporaryFolder(prefix: string): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file under a folder, recursively. */
export function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

export interface PackedPackage {
	name: string;
	version: string;
	/** Paths inside the tarball, relative to the package root. */
	files: string[];
}

/** What `npm publish` would ship right now, from `npm pack --dry-run` (dist/ must be built). */
export function npmPackDryRun(): PackedPackage {
	const stdout = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: PACKAGE_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [packed] = JSON.parse(stdout) as Array<{ name: string; version: string; files: Array<{ path: string }> }>;
	return { name: packed.name, version: packed.version, files: packed.files.map((file) => file.path) };
}

/** Runs `script` in a fresh Node process from the package root and returns what it printed. */
export function runNodeScript(script: string, args: string[] = []): string {
	return execFileSync(process.execPath, ['-e', script, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
}

/**
 * A YAML file (the GitHub workflows), parsed by `yaml`: already installed as a dependency of
 * vite and openapi3-ts, so no package of our own. Strict YAML 1.2: duplicate keys are errors,
 * as GitHub Actions treats them.
 */
export function readYamlFile(...segments: string[]): unknown {
	const { parse } = requireFromPackage('yaml') as { parse: (text: string, options: { uniqueKeys: boolean }) => unknown };
	return parse(readPackageFile(...segments).toString('utf8'), { uniqueKeys: true });
}
