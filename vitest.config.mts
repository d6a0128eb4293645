import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// n8n-core writes its instance settings under $N8N_USER_FOLDER/.n8n: keep them out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'sendmux-n8n-'));

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/e2e/**', 'node_modules/**'],
		setupFiles: ['test/setup.ts'],
		globalSetup: ['test/globalSetup.mts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
	},
	// n8n-workflow ships source maps without sources; vite's warnings about them are noise.
	logLevel: 'error',
});
