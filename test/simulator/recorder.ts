/** Every exchange the simulator had, for tests that assert what reached Sendmux and how often. */
import type { Surface } from '../contract/openapi';
import type { FaultKind } from './faults';

export interface RecordedExchange {
	requestId: string;
	at: number;
	surface?: Surface;
	method: string;
	/** Path below the surface base (`/emails/send`), or the full path when none matched. */
	path: string;
	operationId?: string;
	query: Record<string, string | string[] | undefined>;
	/** Lower-cased; `authorization` keeps only the key's class and last four characters. */
	headers: Record<string, string | undefined>;
	/** Parsed JSON, `{ bytes }` for binary bodies, or undefined. */
	body: unknown;
	idempotencyKey?: string;
	/** Public ID of the key that authenticated, when one did. */
	keyId?: string;
	/** HTTP status sent; null when the connection was dropped or left hanging. */
	status: number | null;
	errorCode?: string;
	/** Answered from the idempotency cache. */
	replayed: boolean;
	fault?: FaultKind;
	durationMs: number;
}

export interface RequestFilter {
	operationId?: string;
	method?: string;
	path?: string;
	status?: number;
	idempotencyKey?: string;
}

export class Recorder {
	private exchanges: RecordedExchange[] = [];

	constructor(private readonly limit: number) {}

	add(exchange: RecordedExchange): void {
		this.exchanges.push(exchange);
		if (this.exchanges.length > this.limit) this.exchanges.splice(0, this.exchanges.length - this.limit);
	}

	list(filter: RequestFilter = {}): RecordedExchange[] {
		return this.exchanges.filter(
			(e) =>
				(filter.operationId === undefined || e.operationId === filter.operationId) &&
				(filter.method === undefined || e.method === filter.method.toUpperCase()) &&
				(filter.path === undefined || e.path === filter.path) &&
				(filter.status === undefined || e.status === filter.status) &&
				(filter.idempotencyKey === undefined || e.idempotencyKey === filter.idempotencyKey),
		);
	}

	clear(): void {
		this.exchanges = [];
	}
}

/** Headers safe to keep: the bearer key reduced to its class and last four characters. */
export function redactHeaders(headers: Record<string, string | undefined>): Record<string, string | undefined> {
	const out = { ...headers };
	const auth = out.authorization;
	if (auth) {
		const key = auth.replace(/^Bearer\s+/i, '');
		const prefix = /^smx_(root|mbx)_/.exec(key)?.[0] ?? '';
		out.authorization = `Bearer ${prefix}…${key.slice(-4)}`;
	}
	if (out['x-sendmux-upload-token']) out['x-sendmux-upload-token'] = '…';
	return out;
}
