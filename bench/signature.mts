/**
 * Benchmark 4, signature verification: µs per delivery for 1 KB, 10 KB and 1 MB bodies, through
 * the trigger's own check (checkSignature from the built dist/nodes/SendmuxTrigger/signature.js:
 * format check, HMAC-SHA256 over the raw bytes, constant-time comparison).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { log, runSuite } from './lib/suite.mjs';
import { PROJECT_ROOT, machine, rounded, spread } from './lib/stats.mjs';
import { sendmuxSignature } from '../test/simulator/signing';
import { requireFromPackage } from '../test/harness/host.mjs';

type CheckSignature = (rawBody: Buffer | undefined, header: string | string[] | undefined, secret: string | undefined) => { valid: boolean };

const { checkSignature } = requireFromPackage(join(PROJECT_ROOT, 'dist', 'nodes', 'SendmuxTrigger', 'signature.js')) as {
	checkSignature: CheckSignature;
};

const SIZES = [
	{ label: '1 KB', bytes: 1024 },
	{ label: '10 KB', bytes: 10 * 1024 },
	{ label: '1 MB', bytes: 1024 * 1024 },
];
const RUNS = Number(process.env.BENCH_SIGNATURE_RUNS ?? 7);
/** Each run repeats the check for about this long. */
const RUN_MS = Number(process.env.BENCH_SIGNATURE_RUN_MS ?? 400);

/** A JSON event body of about `bytes` bytes, as Sendmux would send it. */
function body(bytes: number): Buffer {
	const event = { id: 'evt_bench', type: 'message.delivered', team_public_id: 'team_bench', occurred_at: new Date(0).toISOString(), data: { note: '' } };
	const padding = bytes - Buffer.byteLength(JSON.stringify(event));
	event.data.note = randomBytes(Math.ceil(padding / 2)).toString('hex').slice(0, Math.max(0, padding));
	return Buffer.from(JSON.stringify(event));
}

/** µs per check over one run of about RUN_MS. */
function timeChecks(raw: Buffer, header: string, secret: string): number {
	let iterations = 0;
	let valid = 0;
	const started = process.hrtime.bigint();
	const deadline = started + BigInt(RUN_MS) * 1_000_000n;
	let now = started;
	while (now < deadline) {
		for (let i = 0; i < 16; i++) if (checkSignature(raw, header, secret).valid) valid++;
		iterations += 16;
		now = process.hrtime.bigint();
	}
	if (valid !== iterations) throw new Error('a valid signature was refused');
	return Number(now - started) / 1000 / iterations;
}

runSuite('signature', async () => {
	const secret = `whsec_${randomBytes(24).toString('hex')}`;
	const results: Record<string, unknown> = {};
	for (const size of SIZES) {
		const raw = body(size.bytes);
		const header = sendmuxSignature(secret, raw);
		timeChecks(raw, header, secret); // warm-up
		const runs = Array.from({ length: RUNS }, () => timeChecks(raw, header, secret));
		const perCheck = spread(runs);
		results[size.label] = { bodyBytes: raw.length, microsecondsPerDelivery: rounded(perCheck, 2), mibPerSecond: Math.round(raw.length / 2 ** 20 / (perCheck.median / 1e6)) };
		log(`signature ${size.label}: ${perCheck.median.toFixed(2)} µs per delivery (median of ${RUNS})`);
	}
	const tenKb = (results['10 KB'] as { microsecondsPerDelivery: { median: number } }).microsecondsPerDelivery.median;
	return {
		benchmark: 'signature',
		machine: machine(),
		function: 'checkSignature (dist/nodes/SendmuxTrigger/signature.js)',
		method: `each run repeats the check for ~${RUN_MS} ms; ${RUNS} runs per size after one warm-up run`,
		sizes: results,
		goal: { tenKbBelowMicroseconds: 50, met: tenKb < 50 },
	};
});
