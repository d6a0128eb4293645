import { sleep } from 'n8n-workflow';

/**
 * Time and chance as the transport sees them. Tests replace these to observe the waits
 * retry decides on (exact delays, no real sleeping); nothing else should touch them.
 */
export const transportClock = {
	now: (): number => Date.now(),
	random: (): number => Math.random(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
};
