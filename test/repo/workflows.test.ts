/**
 * The release pipeline in .github/workflows: CI runs what .ci/run runs, and Publish publishes
 * a tagged version with an npm provenance statement through trusted publishing (OIDC), the way
 * n8n's verification requires since 2026-05-01. Parsed from the files themselves; every
 * `npm run X` they call must exist in package.json.
 */
import { describe, expect, it } from 'vitest';

import { readPackageFile, readPackageJson, readYamlFile } from '../harness/host.mjs';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, string>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	strategy?: { matrix: Record<string, string[]> };
	steps: Step[];
}
interface Workflow {
	name: string;
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const ci = readYamlFile('.github', 'workflows', 'ci.yml') as Workflow;
const publish = readYamlFile('.github', 'workflows', 'publish.yml') as Workflow;
const packageJson = readPackageJson<{ scripts: Record<string, string>; engines: { node: string } }>('package.json');

/** The npm commands a step runs, one per line or `&&` part (`npm test`, `npm run lint`, …). */
function npmCommands(steps: Step[]): string[] {
	return steps
		.flatMap((step) => (step.run ?? '').split(/\n|&&/))
		.map((part) => part.trim())
		.filter((part) => /^npm (?!--version)/.test(part));
}

function onlyJob(workflow: Workflow): Job {
	const jobs = Object.values(workflow.jobs);
	expect(jobs).toHaveLength(1);
	return jobs[0];
}

describe('.github/workflows/ci.yml', () => {
	const job = onlyJob(ci);

	it('runs on every pull request and every push to main', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push?.branches).toEqual(['main']);
		expect(ci.permissions).toEqual({ contents: 'read' });
	});

	it('runs the npm commands of .ci/run, in the same order, starting without npm ci', () => {
		const ciRun = readPackageFile('.ci', 'run')
			.toString('utf8')
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => /^npm (?!--version)/.test(line));
		expect(ciRun[0]).toBe('npm test');
		expect(npmCommands(job.steps)).toEqual(ciRun);
		expect(job.steps.some((step) => /\bnpm (ci|install)\b/.test(step.run ?? ''))).toBe(false);
	});

	it('tests on the Node.js versions the README states: 20, from the oldest package.json allows', () => {
		const versions = job.strategy?.matrix['node-version'];
		expect(packageJson.engines.node).toBe('>=20.15');
		expect(versions).toEqual(['20.15.0', '20.x']);
		const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with?.['node-version']).toBe('${{ matrix.node-version }}');
	});
});

describe('.github/workflows/publish.yml', () => {
	const job = onlyJob(publish);
	const publishStep = job.steps.findIndex((step) => step.run?.startsWith('npm publish'));

	it('runs only for a version tag (*.*.*)', () => {
		expect(publish.on).toEqual({ push: { tags: ['*.*.*'] } });
	});

	it('may mint an OIDC token and nothing more than read the repository', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(publish.permissions).toBeUndefined();
	});

	it('checks the tag against package.json, then tests, lints and builds, then publishes with provenance', () => {
		expect(npmCommands(job.steps)).toEqual([
			'npm test',
			'npm run lint',
			'npm run build',
			'npm publish --provenance --access public',
		]);
		const tagCheck = job.steps.findIndex((step) => step.run?.includes('$GITHUB_REF_NAME'));
		const firstNpm = job.steps.findIndex((step) => step.run === 'npm test');
		expect(tagCheck).toBeGreaterThan(-1);
		expect(tagCheck).toBeLessThan(firstNpm);
		expect(job.steps[tagCheck].run).toContain("require('./package.json').version");
		expect(publishStep).toBe(job.steps.length - 1);
	});

	it('publishes through trusted publishing: npm 11.5+ (Node 24) against npmjs.org, and no npm token anywhere', () => {
		const setups = job.steps.filter((step) => step.uses?.startsWith('actions/setup-node@'));
		const lastSetup = setups[setups.length - 1];
		expect(job.steps.indexOf(lastSetup)).toBeLessThan(publishStep);
		expect(lastSetup.with).toMatchObject({ 'node-version': '24.x', 'registry-url': 'https://registry.npmjs.org' });
		// Tests, lint and build run on the Node.js the README states.
		expect(setups[0].with?.['node-version']).toBe('20.x');
		const text = readPackageFile('.github', 'workflows', 'publish.yml').toString('utf8');
		expect(text).not.toMatch(/secrets\.|NPM_TOKEN|NODE_AUTH_TOKEN|_authToken/);
		expect(job.steps.every((step) => step.env === undefined)).toBe(true);
	});
});

describe('both workflows', () => {
	it.each([
		['ci.yml', ci],
		['publish.yml', publish],
	])('%s calls only npm scripts that exist in package.json', (_file, workflow) => {
		const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
		for (const command of npmCommands(steps)) {
			const [, verb, script] = /^npm (run|test|start|publish)\s*(\S*)/.exec(command) ?? [];
			expect(verb, command).toBeDefined();
			if (verb === 'run') expect(Object.keys(packageJson.scripts), command).toContain(script);
			if (verb === 'test' || verb === 'start') expect(Object.keys(packageJson.scripts), command).toContain(verb);
		}
	});

	it.each([
		['ci.yml', ci],
		['publish.yml', publish],
	])('%s runs on ubuntu-latest with actions pinned to a major version', (_file, workflow) => {
		for (const job of Object.values(workflow.jobs)) {
			expect(job['runs-on']).toBe('ubuntu-latest');
			for (const step of job.steps.filter((each) => each.uses)) expect(step.uses).toMatch(/^actions\/[a-z-]+@v\d+$/);
		}
	});
});
