/**
 * Sendmux's per-key fixed windows: 1,800 requests a minute on the Sending API, 600 on the
 * app host. Limits and window are configurable so benchmarks can hit them quickly.
 */
export type RateLimitClass = 'sending' | 'app';

export interface RateLimit {
	limit: number;
	windowMs: number;
}

export type RateLimits = Record<RateLimitClass, RateLimit>;

export const SENDMUX_RATE_LIMITS: RateLimits = {
	sending: { limit: 1800, windowMs: 60_000 },
	app: { limit: 600, windowMs: 60_000 },
};

export interface RateLimitVerdict {
	allowed: boolean;
	headers: Record<string, string>;
	/** Seconds until the window resets, for Retry-After. */
	retryAfterSeconds: number;
}

interface Window {
	startedAt: number;
	used: number;
}

export class RateLimiter {
	private readonly windows = new Map<string, Window>();

	constructor(
		public limits: RateLimits,
		private readonly now: () => number,
	) {}

	/** Counts one request of `bucket` (a key, or the caller's address when unauthenticated). */
	take(bucket: string, kind: RateLimitClass, count = true): RateLimitVerdict {
		const { limit, windowMs } = this.limits[kind];
		const now = this.now();
		const id = `${kind}:${bucket}`;
		let window = this.windows.get(id);
		if (!window || now >= window.startedAt + windowMs) {
			window = { startedAt: now, used: 0 };
			this.windows.set(id, window);
		}
		const allowed = window.used < limit;
		if (allowed && count) window.used++;
		const resetMs = window.startedAt + windowMs;
		return {
			allowed,
			retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now) / 1000)),
			headers: {
				'X-RateLimit-Limit': String(limit),
				'X-RateLimit-Remaining': String(Math.max(0, limit - window.used)),
				'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
			},
		};
	}

	reset(): void {
		this.windows.clear();
	}
}
