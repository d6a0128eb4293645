/**
 * `npm start`: n8n with this package, against the Sendmux simulator, ready to build workflows.
 *
 *   npm start [-- --port 5678 --simulator-port 4010 --https-port 5443 --fresh --verbose]
 *
 * Builds nothing itself (`npm start` runs `npm run build` first); installs n8n into `.local/` if
 * missing (scripts/n8n/install.mjs), packs this package, starts the simulator, the TLS proxy
 * and n8n (user folder `.local/n8n-user`, kept between runs; `--fresh` empties it), creates the
 * owner and both Sendmux credentials, prints where everything is. Ctrl-C stops it all.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { DEFAULT_OWNER } from '../../scripts/n8n/client.mjs';
import { install } from '../../scripts/n8n/install.mjs';
import { CREDENTIAL_NAMES, REPO_ROOT, startStack } from './stack.mjs';

function portOption(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined) return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--${name} needs a port number, got "${value}"`);
	return port;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			'simulator-port': { type: 'string' },
			'https-port': { type: 'string' },
			'user-folder': { type: 'string' },
			fresh: { type: 'boolean' },
			verbose: { type: 'boolean' },
		},
	});
	const userFolder = path.resolve(values['user-folder'] ?? path.join(REPO_ROOT, '.local', 'n8n-user'));
	if (values.fresh) rmSync(userFolder, { recursive: true, force: true });

	await install();
	log('starting the Sendmux simulator, the TLS proxy and n8n (the first start takes up to a minute)…');
	const stack = await startStack({
		userFolder,
		n8nPort: portOption(values.port, 5678, 'port'),
		simulatorPort: portOption(values['simulator-port'], 4010, 'simulator-port'),
		httpsPort: portOption(values['https-port'], 5443, 'https-port'),
		echo: values.verbose ?? false,
	});
	const { sim } = stack;
	process.stdout.write(
		[
			'',
			`n8n is ready: ${stack.n8n.url}`,
			`  log in as ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}`,
			`  credentials "${CREDENTIAL_NAMES.root}" and "${CREDENTIAL_NAMES.mailbox}" point at the simulator`,
			`  webhook base URL (WEBHOOK_URL): ${stack.webhookBaseUrl}  (an https proxy; only the simulator resolves this name)`,
			`  n8n log: ${stack.n8n.logFile}`,
			'',
			`Sendmux simulator: ${sim.url}`,
			`  Sending API ${sim.sendingBaseUrl}, Management + Mailbox API ${sim.appBaseUrl}`,
			`  control API ${sim.url}/__control (inject inbound mail, read recorded requests, faults…)`,
			`  root key ${sim.keys.root}`,
			`  mailbox key ${sim.keys.mailbox} (${sim.control.seeded.mailboxEmail})`,
			`  new mail: curl -X POST ${sim.url}/__control/inbound -H 'Content-Type: application/json' -d '{"mailbox":"${sim.control.seeded.mailboxEmail}","from":{"email":"you@example.net"},"subject":"Hi","text":"Hello"}'`,
			`    (a Mailbox Trigger in Instant mode runs at once; open event streams: ${sim.url}/__control/mailbox-events)`,
			'',
			'Ctrl-C stops everything.',
			'',
		].join('\n'),
	);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		log('stopping…');
		void stack.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	stack.n8n.process.on('exit', (code) => {
		if (stopping) return;
		log(`n8n exited (code ${code}); see ${stack.n8n.logFile}`);
		void stack.stop().then(() => process.exit(1));
	});
}

function log(message: string): void {
	process.stdout.write(`[start] ${message}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`[start] ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
