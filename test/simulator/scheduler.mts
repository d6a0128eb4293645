/** Deferred work the simulator owns (delivery outcomes, webhook retries): waitable and cancellable. */
export class Scheduler {
	private readonly timers = new Set<NodeJS.Timeout>();
	/** Timers of open-ended work (event streams): never "idle", so not counted by `idle()`. */
	private readonly openEnded = new Set<NodeJS.Timeout>();
	private running = 0;
	private waiters: Array<() => void> = [];
	private closed = false;

	/** Runs `work` after `ms` (0: on the next turn of the event loop). */
	later(ms: number, work: () => Promise<void> | void): void {
		if (this.closed) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.run(work);
		}, ms);
		this.timers.add(timer);
	}

	/** Runs `work` now, counted until it settles. */
	run(work: () => Promise<void> | void): void {
		if (this.closed) return;
		this.running++;
		void (async () => {
			try {
				await work();
			} catch (error) {
				console.error('Sendmux simulator: background work failed', error);
			} finally {
				this.running--;
				this.notify();
			}
		})();
	}

	/**
	 * Runs `work` after `ms`, or every `ms` with `repeat`, for work that has no end of its own
	 * (an open event stream's pings and `close_after`). `idle()` does not wait for it; the
	 * returned function cancels it, and `close()` cancels all.
	 */
	timer(ms: number, work: () => void, { repeat = false } = {}): () => void {
		if (this.closed) return () => undefined;
		const timer: NodeJS.Timeout = repeat
			? setInterval(work, ms)
			: setTimeout(() => {
					this.openEnded.delete(timer);
					work();
				}, ms);
		this.openEnded.add(timer);
		return () => {
			clearTimeout(timer);
			this.openEnded.delete(timer);
		};
	}

	get busy(): boolean {
		return this.running > 0 || this.timers.size > 0;
	}

	/** Resolves once nothing is running or waiting. */
	async idle(): Promise<void> {
		if (!this.busy) return;
		await new Promise<void>((resolve) => this.waiters.push(resolve));
	}

	/** Drops everything still waiting (running work finishes). */
	cancelPending(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.notify();
	}

	close(): void {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const timer of this.openEnded) clearTimeout(timer);
		this.openEnded.clear();
		this.notify();
	}

	private notify(): void {
		if (this.busy) return;
		const waiters = this.waiters;
		this.waiters = [];
		waiters.forEach((resolve) => resolve());
	}
}
