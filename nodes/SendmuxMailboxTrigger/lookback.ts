/** n8n's Poll Times entries (`pollTimes.item[]`), as far as their interval goes. */
interface PollTime {
	mode?: string;
	value?: number;
	unit?: string;
}

const MINUTES_BY_MODE: Record<string, number> = {
	everyMinute: 1,
	everyHour: 60,
	everyDay: 24 * 60,
	everyWeek: 7 * 24 * 60,
	everyMonth: 31 * 24 * 60,
};

/** A custom cron expression is not parsed: an hour is assumed. */
const UNKNOWN_INTERVAL_MINUTES = 60;

/** Time for n8n to go down and come back, added to the poll interval. */
export const RESTART_GRACE_MINUTES = 60;

/** The longest time between two polls with these Poll Times, in minutes. */
export function pollIntervalMinutes(pollTimes: unknown): number {
	const items = (pollTimes as { item?: PollTime[] } | undefined)?.item;
	if (!Array.isArray(items) || items.length === 0) return UNKNOWN_INTERVAL_MINUTES;
	let shortest = Number.POSITIVE_INFINITY;
	for (const item of items) {
		let minutes = MINUTES_BY_MODE[item.mode ?? ''];
		if (item.mode === 'everyX') {
			const value = Number(item.value);
			minutes = value > 0 ? value * (item.unit === 'hours' ? 60 : 1) : UNKNOWN_INTERVAL_MINUTES;
		}
		shortest = Math.min(shortest, minutes ?? UNKNOWN_INTERVAL_MINUTES);
	}
	// Several entries all fire: two polls are never further apart than the most frequent one.
	return shortest;
}

/**
 * Where to look back from when n8n restarted (or another main instance took over) before this
 * trigger ever emitted: n8n saved no position then, so the one the lost polls kept in memory
 * is gone. Mail that arrived after the last of those polls is found again by listing what
 * arrived in the last poll interval plus a grace period for the restart itself.
 */
export function restartLookbackStart(nowMs: number, pollTimes: unknown): string {
	const minutes = pollIntervalMinutes(pollTimes) + RESTART_GRACE_MINUTES;
	return new Date(nowMs - minutes * 60_000).toISOString();
}
