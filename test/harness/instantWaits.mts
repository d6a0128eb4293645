/**
 * The Mailbox Trigger's waits (instant/clock.ts), decided by the test instead of real time,
 * and a bounded wait for asynchronous outcomes. A .mts file: it needs the event loop's own
 * timers, which n8n's lint rules forbid in .ts files.
 */
import { requireFromPackage } from './host.mjs';

/** Waits that the listener asks for, decided by the test instead of real time. */
export interface InstantWaits {
	/** Every wait asked for: [purpose, ms]. */
	readonly asked: Array<[string, number]>;
	/** Ends every keep-alive watch now running, as if the pings had stopped. */
	expireSilence(): number;
	/** Reconnection waits from this one on (0-based) are held until the trigger closes. */
	holdReconnectsFrom(index: number): void;
	/** Waits being held now (keep-alive watches and held reconnections). */
	pending(): number;
}

type Sleep = (ms: number, signal: AbortSignal, purpose: string) => Promise<void>;
const { instantClock } = requireFromPackage('./dist/nodes/SendmuxMailboxTrigger/instant/clock.js') as {
	instantClock: { sleep: Sleep };
};
const originalSleep = instantClock.sleep;

/**
 * Reconnection waits end at once (after a turn of the event loop); keep-alive watches run
 * until the test expires them or the trigger closes.
 */
export function useInstantWaits(): InstantWaits {
	const asked: Array<[string, number]> = [];
	const watches = new Set<() => void>();
	let holdFrom = Number.POSITIVE_INFINITY;
	let reconnects = 0;
	instantClock.sleep = async (ms, signal, purpose) => {
		asked.push([purpose, ms]);
		const held = purpose === 'silence' || (purpose === 'reconnect' && reconnects++ >= holdFrom);
		await new Promise<void>((resolve, reject) => {
			if (signal.aborted) return reject(new Error('aborted'));
			const onAbort = () => {
				watches.delete(finish);
				reject(new Error('aborted'));
			};
			const finish = () => {
				watches.delete(finish);
				signal.removeEventListener('abort', onAbort);
				resolve();
			};
			signal.addEventListener('abort', onAbort, { once: true });
			if (held) watches.add(finish);
			else setImmediate(finish);
		});
	};
	return {
		asked,
		expireSilence: () => {
			const pending = [...watches];
			pending.forEach((finish) => finish());
			return pending.length;
		},
		holdReconnectsFrom: (index) => {
			holdFrom = index;
		},
		pending: () => watches.size,
	};
}

export function restoreInstantWaits(): void {
	instantClock.sleep = originalSleep;
}

/** Waits (turns of the event loop, bounded) until `condition` holds. */
export async function until(condition: () => boolean, what: string, turns = 2000): Promise<void> {
	for (let turn = 0; turn < turns; turn++) {
		if (condition()) return;
		await new Promise((resolve) => setImmediate(resolve));
		if (turn % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 5));
	}
	throw new Error(`Timed out waiting until ${what}`);
}


/** One turn of the event loop. */
export async function turn(): Promise<void> {
	await new Promise((resolve) => setImmediate(resolve));
}
