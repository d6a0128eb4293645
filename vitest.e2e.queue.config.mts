import { defineConfig } from 'vitest/config';

// Queue mode end-to-end: n8n main + 2 workers + 1 webhook process on PostgreSQL and Redis
// (test/e2e/queue/globalSetup.mts), the packed package on every process. One stack for the
// run; files run one after another because they share it.
export default defineConfig({
	test: {
		include: ['test/e2e/queue/**/*.queue.test.ts'],
		globalSetup: ['test/e2e/queue/globalSetup.mts'],
		testTimeout: 300_000,
		hookTimeout: 300_000,
		pool: 'forks',
		fileParallelism: false,
		maxWorkers: 1,
		retry: 0,
	},
	logLevel: 'error',
});
