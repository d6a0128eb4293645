/**
 * The transport's clock, swapped so retry waits are recorded instead of slept: tests assert
 * the exact wait Sendmux asked for without spending it.
 */
import { requireFromPackage } from './host.mjs';

interface TransportClock {
	now: () => number;
	random: () => number;
	sleep: (ms: number) => Promise<void>;
}

// The same module instance n8n-core's loader required from dist/.
const { transportClock } = requireFromPackage('./dist/nodes/Sendmux/transport/clock.js') as {
	transportClock: TransportClock;
};
const original = { ...transportClock };

/** Waits the transport asked for since the last reset, in milliseconds. */
export const recordedWaits: number[] = [];

export function useRecordingClock(options: { now?: number; random?: number } = {}): void {
	recordedWaits.length = 0;
	transportClock.sleep = async (ms: number) => {
		recordedWaits.push(ms);
	};
	transportClock.now = options.now === undefined ? original.now : () => options.now as number;
	transportClock.random = options.random === undefined ? () => 0.5 : () => options.random as number;
}

export function useRealClock(): void {
	Object.assign(transportClock, original);
}
