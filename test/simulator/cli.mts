/**
 * Starts the Sendmux simulator from the command line:
 *
 *   npx tsx test/simulator/cli.ts --port 4010 [--allow-loopback-http-webhooks] [--webhook-limit 5]
 *
 * Prints the base URLs and seeded keys (as text, or as JSON with --json) and runs until stopped.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { startSimulator, unsimulatedOperations } from './index';
import type { SimulatorOptions } from './options';

const HELP = `Sendmux simulator

Options:
  --port <n>                       port on the host (default 4010; 0 picks a free one)
  --host <address>                 address to listen on (default 127.0.0.1)
  --allow-loopback-http-webhooks   accept http:// webhook URLs on loopback (test only)
  --webhook-host <name=ip>         test only: deliver webhooks for host <name> to <ip> (repeatable)
  --webhook-ca <file.pem>          test only: trust this extra CA/certificate for webhook deliveries
  --webhook-limit <n>              webhook subscriptions per team (default 1, as on a free team)
  --outcome-delay-ms <n>           delay before a sent message is delivered/bounced (default 50)
  --retry-delays <ms,ms,...>       webhook retry schedule (default 1000,5000,30000,120000)
  --rate-limit-sending <n>         Sending API requests per window (default 1800)
  --rate-limit-app <n>             app-host requests per window (default 600)
  --rate-window-ms <n>             rate-limit window (default 60000)
  --credits <usd>                  opening balance (default 100.00)
  --seed-delivery-logs <n>         add n delivery logs (benchmarks)
  --extra-root-key <key>           also accept this root key (repeatable)
  --extra-mailbox-key <key>        also accept this mailbox key for the seeded mailbox (repeatable)
  --json                           print the start-up summary as one JSON line
  --help                           this text
`;

function numberOption(value: string | undefined, name: string): number | undefined {
	if (value === undefined) return undefined;
	const parsed = Number(value);
	if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} needs a non-negative number, got "${value}"`);
	return parsed;
}

function testNetwork(hostPairs: string[] | undefined, caFile: string | undefined): SimulatorOptions['webhookTestNetwork'] {
	if (!hostPairs?.length && !caFile) return undefined;
	const hosts: Record<string, string> = {};
	for (const pair of hostPairs ?? []) {
		const [name, address] = pair.split('=');
		if (!name || !address) throw new Error(`--webhook-host needs <name>=<ip>, got "${pair}"`);
		hosts[name] = address;
	}
	return { hosts, ...(caFile ? { ca: readFileSync(caFile, 'utf8') } : {}) };
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			'allow-loopback-http-webhooks': { type: 'boolean' },
			'webhook-limit': { type: 'string' },
			'webhook-host': { type: 'string', multiple: true },
			'webhook-ca': { type: 'string' },
			'outcome-delay-ms': { type: 'string' },
			'retry-delays': { type: 'string' },
			'rate-limit-sending': { type: 'string' },
			'rate-limit-app': { type: 'string' },
			'rate-window-ms': { type: 'string' },
			credits: { type: 'string' },
			'seed-delivery-logs': { type: 'string' },
			'extra-root-key': { type: 'string', multiple: true },
			'extra-mailbox-key': { type: 'string', multiple: true },
			json: { type: 'boolean' },
			help: { type: 'boolean' },
		},
	});
	if (values.help) {
		process.stdout.write(HELP);
		return;
	}
	const windowMs = numberOption(values['rate-window-ms'], 'rate-window-ms');
	const options: SimulatorOptions = {
		port: numberOption(values.port, 'port') ?? 4010,
		host: values.host,
		allowLoopbackHttpWebhooks: values['allow-loopback-http-webhooks'] ?? false,
		webhookTestNetwork: testNetwork(values['webhook-host'], values['webhook-ca']),
		limits: { webhooks: numberOption(values['webhook-limit'], 'webhook-limit') },
		outcomeDelayMs: numberOption(values['outcome-delay-ms'], 'outcome-delay-ms'),
		webhookDelivery: values['retry-delays'] ? { retryDelaysMs: values['retry-delays'].split(',').map((d) => numberOption(d.trim(), 'retry-delays') ?? 0) } : undefined,
		rateLimits: {
			sending: { limit: numberOption(values['rate-limit-sending'], 'rate-limit-sending'), windowMs },
			app: { limit: numberOption(values['rate-limit-app'], 'rate-limit-app'), windowMs },
		},
		credits: values.credits,
		keys: { root: values['extra-root-key'], mailbox: values['extra-mailbox-key'] },
	};
	// Undefined fields must not override defaults.
	const clean = JSON.parse(JSON.stringify(options)) as SimulatorOptions;
	const simulator = await startSimulator(clean);
	const seeded = values['seed-delivery-logs'] ? numberOption(values['seed-delivery-logs'], 'seed-delivery-logs') : undefined;
	if (seeded) simulator.control.seedDeliveryLogs(seeded);
	const summary = {
		url: simulator.url,
		sendingBaseUrl: simulator.sendingBaseUrl,
		appBaseUrl: simulator.appBaseUrl,
		controlUrl: `${simulator.url}/__control`,
		keys: simulator.keys,
		seeded: simulator.control.seeded,
	};
	if (values.json) {
		process.stdout.write(`${JSON.stringify(summary)}\n`);
	} else {
		process.stdout.write(
			[
				`Sendmux simulator listening on ${summary.url}`,
				`  Sending API base URL:  ${summary.sendingBaseUrl}`,
				`  App API base URL:      ${summary.appBaseUrl}   (Management + Mailbox API)`,
				`  Control API:           ${summary.controlUrl}`,
				'Seeded keys:',
				`  root (smx_root_):      ${summary.keys.root}`,
				`  mailbox (${summary.seeded.mailboxEmail}): ${summary.keys.mailbox}`,
				`  send-only:             ${summary.keys.sendOnly}`,
				`Seeded domain ${summary.seeded.domain} (${summary.seeded.domainId}), mailbox ${summary.seeded.mailboxId}`,
				unsimulatedOperations().length === 0
					? 'Every operation of both specs is simulated.'
					: `Not simulated (answer 501): ${unsimulatedOperations().join(', ')}; see test/simulator/README.md`,
				'',
			].join('\n'),
		);
	}
	const stop = () => {
		void simulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
