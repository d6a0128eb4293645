/**
 * Idempotency-Key, as Sendmux documents it: cached per (team or mailbox, endpoint, key) for
 * 24 h; the same key with the same request replays the original response; with a different
 * request it is 409 `idempotency_conflict`; while the first is still being handled it is 409
 * `idempotency_conflict` with `retryable: true` (worth one short wait).
 */
import { createHash } from 'node:crypto';

import { SimError } from './errors';

export interface StoredResponse {
	status: number;
	headers: Record<string, string>;
	body: string | Buffer;
}

interface Entry {
	fingerprint: string;
	expiresAt: number;
	response?: StoredResponse;
}

export type Claim =
	| { kind: 'new'; complete: (response: StoredResponse | undefined) => void }
	| { kind: 'replay'; response: StoredResponse };

export function fingerprintOf(method: string, path: string, query: string, body: Buffer): string {
	return createHash('sha256')
		.update(`${method.toUpperCase()} ${path}?${query}\n`)
		.update(body)
		.digest('hex');
}

export class IdempotencyStore {
	private readonly entries = new Map<string, Entry>();

	constructor(
		public ttlMs: number,
		private readonly now: () => number,
	) {}

	/**
	 * Claims `key` for a request, or says how to answer it. `complete(undefined)` releases a
	 * claim whose outcome must not be cached (server errors), so a retry runs afresh.
	 */
	claim(scope: string, key: string, fingerprint: string): Claim {
		const id = `${scope}\u0000${key}`;
		const now = this.now();
		const existing = this.entries.get(id);
		if (existing && existing.expiresAt > now) {
			if (existing.fingerprint !== fingerprint) {
				throw new SimError(409, 'idempotency_conflict', 'This Idempotency-Key was already used with a different request. Use a new key for a new request.', { param: 'Idempotency-Key', retryable: false });
			}
			if (!existing.response) {
				throw new SimError(409, 'idempotency_conflict', 'A request with this Idempotency-Key is still being processed. Retry shortly.', { param: 'Idempotency-Key', retryable: true, headers: { 'Retry-After': '1' } });
			}
			return { kind: 'replay', response: existing.response };
		}
		const entry: Entry = { fingerprint, expiresAt: now + this.ttlMs };
		this.entries.set(id, entry);
		return {
			kind: 'new',
			complete: (response) => {
				if (response) entry.response = response;
				else if (this.entries.get(id) === entry) this.entries.delete(id);
			},
		};
	}

	clear(): void {
		this.entries.clear();
	}
}
