import { sleep } from 'n8n-workflow';

/** Why the listener waits: tests tell a keep-alive watch from a reconnection delay. */
export type WaitPurpose = 'reconnect' | 'silence';

/**
 * The listener's waits, all abortable (a closed trigger stops waiting at once). Tests replace
 * `sleep` to decide when a wait ends instead of spending real time; nothing else should.
 */
interface InstantClock {
	sleep(ms: number, signal: AbortSignal, purpose: WaitPurpose): Promise<void>;
}

export const instantClock: InstantClock = {
	sleep: async (ms, signal) => await sleep(ms, signal),
};
