import { defineConfig } from 'vitest/config';

// Compatibility smoke (`npm run test:compat`, scripts/compat.mjs): the end-to-end stack of
// vitest.e2e.config.mts (test/e2e/globalSetup.mts) started with the n8n named by
// N8N_COMPAT_VERSION, and only test/e2e/compat/. Run by hand, not in CI (see CONTRIBUTING.md).
export default defineConfig({
	test: {
		include: ['test/e2e/compat/**/*.compat.test.ts'],
		globalSetup: ['test/e2e/globalSetup.mts'],
		testTimeout: 120_000,
		hookTimeout: 180_000,
		pool: 'forks',
		fileParallelism: false,
		maxWorkers: 1,
		retry: 0,
	},
	logLevel: 'error',
});
