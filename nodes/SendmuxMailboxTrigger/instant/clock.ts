import { sleep } from 'n8n-workflow';

/** Why the listener waits: tests tell a keep-alive watch from a reconnection delay. */
export type WaitPurpose = 'reconnect' | 'silence';

/**
 * The listener's waits, all abortable (a closed trigger stops waiting at once). Tests replace
 * `sleep` to decide when a wait ends instead of spending real time; nothing else should.
 */
export const instantClock = {
	sleep: async (ms: number, signal: AbortSignal, _purpose: WaitPurpose): Promise<void> => await sleep(ms, signal),
};
