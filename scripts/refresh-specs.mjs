// Copies Sendmux's published OpenAPI specs from the shared contract folder into the test
// fixtures, so a clean clone (and CI) validates against exactly the files we reviewed.
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(process.argv[2] ?? join(root, '..', 'shared', 'sendmux-api'));
for (const file of ['openapi-app.json', 'openapi-sending.json']) {
	const from = join(source, file);
	if (!existsSync(from)) {
		console.error(`missing ${from}: pass the folder holding Sendmux's specs as the first argument`);
		process.exit(1);
	}
	copyFileSync(from, join(root, 'test', 'contract', 'specs', file));
	console.log(`refreshed test/contract/specs/${file}`);
}
