import { defineConfig } from 'vitest/config';

// End-to-end: a real n8n (installed into .local/ by scripts/n8n/install.mjs) with this package
// packed and loaded, against the Sendmux simulator behind an https proxy. One stack for the
// whole run (test/e2e/globalSetup.mts); files run one after another because they share it.
export default defineConfig({
	test: {
		include: ['test/e2e/**/*.e2e.test.ts'],
		globalSetup: ['test/e2e/globalSetup.mts'],
		testTimeout: 120_000,
		hookTimeout: 180_000,
		pool: 'forks',
		fileParallelism: false,
		maxWorkers: 1,
		// Hard waits on n8n are explicit in the tests; never retry a failed scenario silently.
		retry: 0,
	},
	logLevel: 'error',
});
