/**
 * The simulator's clock. Every timestamp it hands out is strictly later than the one before,
 * so `created_at` alone orders resources exactly as they were created.
 */
export class SimClock {
	private last = 0;

	constructor(private readonly source: () => number = Date.now) {}

	/** Milliseconds since the epoch, never equal to an earlier call's. */
	tick(): number {
		this.last = Math.max(this.source(), this.last + 1);
		return this.last;
	}

	/** The current time without reserving it. */
	peek(): number {
		return Math.max(this.source(), this.last);
	}

	iso(): string {
		return new Date(this.tick()).toISOString();
	}
}

export function iso(ms: number): string {
	return new Date(ms).toISOString();
}
