/**
 * The simulator in its own process, so the process under measurement (n8n) shares neither
 * its event loop nor its heap. Started by `lib/simulator.mts` with `fork()`; takes its
 * options as JSON in argv[2] and answers a few commands over IPC. Summaries are computed
 * here: the parent gets counts, not 100,000 recorded exchanges.
 */
import { startSimulator, type FaultRule, type SimulatorOptions } from '../../test/simulator';
import type { RateLimit } from '../../test/simulator/rateLimit';

export type SimCommand =
	| { cmd: 'reset' }
	| { cmd: 'setFaults'; rules: FaultRule[] }
	| { cmd: 'setRateLimits'; limits: { sending?: Partial<RateLimit>; app?: Partial<RateLimit> } }
	| { cmd: 'seedDeliveryLogs'; count: number }
	| { cmd: 'summary' }
	| { cmd: 'close' };

/** What reached the simulator and what it accepted, for failure and duplicate counts. */
export interface SimSummary {
	requests: number;
	byStatus: Record<string, number>;
	replayed: number;
	/** Outbound messages accepted (each once, as the simulator records them). */
	acceptedMessages: number;
	/** Distinct recipients among them; the benchmarks give every item its own recipient. */
	distinctRecipients: number;
	/** Recipients accepted more than once: duplicated sends. */
	duplicatedRecipients: number;
	/** Idempotency-Keys answered 429 at least once that a later attempt got accepted. */
	rateLimitedKeysRetried: number;
	/** Idempotency-Keys answered 429 that were never accepted. */
	rateLimitedKeysAbandoned: number;
	/** Arrival times (ms) of the accepted send calls, sorted. */
	acceptedSendTimes: number[];
	/** Median time the simulator took per request, injected latency included (ms). */
	medianServerMs: number;
	/** Arrival times (ms) of the calls answered 429, sorted. */
	rateLimitedTimes: number[];
	/** Messages per accepted send call, in the same order. */
	acceptedSendSizes: number[];
}

async function main(): Promise<void> {
	const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
	const sim = await startSimulator({ selfCheck: false, ...options });
	const { control } = sim;

	const summary = (): SimSummary => {
		const exchanges = control.requests();
		const byStatus: Record<string, number> = {};
		for (const exchange of exchanges) {
			const status = String(exchange.status);
			byStatus[status] = (byStatus[status] ?? 0) + 1;
		}
		const accepted = control.acceptedMessages();
		const perRecipient = new Map<string, number>();
		for (const message of accepted) {
			for (const to of message.to) perRecipient.set(to.email, (perRecipient.get(to.email) ?? 0) + 1);
		}
		const sends = exchanges
			.filter((e) => e.status === 200 && !e.replayed && (e.path === '/emails/send/batch' || e.path === '/emails/send'))
			.sort((a, b) => a.at - b.at);
		const keyOf = (e: { idempotencyKey?: string }) => e.idempotencyKey ?? '';
		const acceptedKeys = new Set(sends.map(keyOf).filter(Boolean));
		const limitedKeys = new Set(exchanges.filter((e) => e.status === 429).map(keyOf).filter(Boolean));
		const durations = exchanges.map((e) => e.durationMs).sort((a, b) => a - b);
		return {
			requests: exchanges.length,
			medianServerMs: durations.length ? durations[Math.floor(durations.length / 2)] : 0,
			rateLimitedKeysRetried: [...limitedKeys].filter((key) => acceptedKeys.has(key)).length,
			rateLimitedKeysAbandoned: [...limitedKeys].filter((key) => !acceptedKeys.has(key)).length,
			byStatus,
			replayed: exchanges.filter((e) => e.replayed).length,
			acceptedMessages: accepted.length,
			distinctRecipients: perRecipient.size,
			duplicatedRecipients: [...perRecipient.values()].filter((count) => count > 1).length,
			acceptedSendTimes: sends.map((e) => e.at),
			rateLimitedTimes: exchanges.filter((e) => e.status === 429).map((e) => e.at).sort((a, b) => a - b),
			acceptedSendSizes: sends.map((e) => {
				const body = e.body as { messages?: unknown[] } | undefined;
				return Array.isArray(body?.messages) ? body.messages.length : 1;
			}),
		};
	};

	process.on('message', (raw: { id: number } & SimCommand) => {
		const reply = (result: unknown) => process.send?.({ id: raw.id, result });
		switch (raw.cmd) {
			case 'reset':
				control.reset();
				return reply(null);
			case 'setFaults':
				control.setFaults(raw.rules);
				return reply(null);
			case 'setRateLimits':
				control.setRateLimits(raw.limits);
				return reply(null);
			case 'seedDeliveryLogs':
				return reply(control.seedDeliveryLogs(raw.count));
			case 'summary':
				return reply(summary());
			case 'close':
				void sim.close().then(() => {
					reply(null);
					process.exit(0);
				});
				return undefined;
		}
	});
	process.send?.({ ready: { url: sim.url, sendingBaseUrl: sim.sendingBaseUrl, appBaseUrl: sim.appBaseUrl, keys: sim.keys } });
	// The parent going away must not leave a simulator behind.
	process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
	process.stderr.write(`simulator failed to start: ${String(error)}\n`);
	process.exit(1);
});
