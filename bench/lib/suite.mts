/** What every benchmark script shares: where n8n-core keeps its files, logging, the result file. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// n8n-core writes instance settings under $N8N_USER_FOLDER/.n8n: keep them out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'sendmux-bench-n8n-'));

export function log(message: string): void {
	process.stderr.write(`${message}\n`);
}

/**
 * Runs a benchmark as a script: `tsx bench/<name>.mts [result.json]` writes its result there
 * (the runner reads it) or prints it.
 */
export function runSuite(name: string, body: () => Promise<unknown>): void {
	body()
		.then((result) => {
			const target = process.argv[2];
			const text = `${JSON.stringify(result, null, '\t')}\n`;
			if (target) {
				mkdirSync(dirname(target), { recursive: true });
				writeFileSync(target, text);
			} else {
				process.stdout.write(text);
			}
			process.exit(0);
		})
		.catch((error: unknown) => {
			log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			process.exit(1);
		});
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(2)} s`;
}
