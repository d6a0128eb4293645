/**
 * Injected failures. Each rule applies to the requests it matches, to a share of them
 * (`share`, 0–1, default 1) and optionally only so many times (`times`). Rules are checked
 * in order; the first that fires decides the request's fate (latency adds up instead).
 */
export type FaultKind =
	/** Wait `ms` before handling the request. */
	| 'latency'
	/** 429 rate_limit_exceeded with Retry-After. */
	| 'rate_limit'
	/** 500 internal_error. */
	| 'server_error'
	/** 503 service_unavailable with Retry-After. */
	| 'unavailable'
	/** Close the connection without an answer: before handling (`phase: 'before'`) or after it. */
	| 'drop'
	/** Never answer: the socket stays open until the client gives up (or `ms` passes). */
	| 'timeout'
	/** Hold the request inside its handler for `ms` (after its Idempotency-Key is claimed). */
	| 'processing_delay';

export interface FaultMatch {
	surface?: 'sending' | 'app';
	operationId?: string;
	method?: string;
	/** Matches when the path below the surface base starts with this. */
	pathPrefix?: string;
}

export interface FaultRule {
	kind: FaultKind;
	share?: number;
	times?: number;
	match?: FaultMatch;
	ms?: number;
	retryAfterSeconds?: number;
	phase?: 'before' | 'after';
}

export interface FaultTarget {
	surface: 'sending' | 'app';
	operationId?: string;
	method: string;
	path: string;
}

export interface FaultPlan {
	latencyMs: number;
	processingMs: number;
	/** The failure to inject, if any. */
	failure?: FaultRule;
}

const FAILURES = new Set<FaultKind>(['rate_limit', 'server_error', 'unavailable', 'drop', 'timeout']);

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
	if (!match) return true;
	if (match.surface && match.surface !== target.surface) return false;
	if (match.operationId && match.operationId !== target.operationId) return false;
	if (match.method && match.method.toUpperCase() !== target.method.toUpperCase()) return false;
	if (match.pathPrefix && !target.path.startsWith(match.pathPrefix)) return false;
	return true;
}

/** Mulberry32: a small seeded generator, so a given seed injects the same faults every run. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultInjector {
	private rules: FaultRule[] = [];
	private random: () => number;

	constructor(
		rules: FaultRule[],
		private readonly seed: number,
	) {
		this.random = seededRandom(seed);
		this.set(rules);
	}

	/** Back to `rules` and the first number of the seeded sequence. */
	reset(rules: FaultRule[]): void {
		this.random = seededRandom(this.seed);
		this.set(rules);
	}

	list(): FaultRule[] {
		return this.rules.map((rule) => ({ ...rule }));
	}

	set(rules: FaultRule[]): void {
		this.rules = rules.map((rule) => validateRule(rule));
	}

	add(rule: FaultRule): void {
		this.rules.push(validateRule(rule));
	}

	clear(): void {
		this.rules = [];
	}

	/** What happens to this request; spends one of `times` of every rule that fires. */
	plan(target: FaultTarget): FaultPlan {
		const plan: FaultPlan = { latencyMs: 0, processingMs: 0 };
		for (const rule of this.rules) {
			if (rule.times !== undefined && rule.times <= 0) continue;
			if (!matches(rule.match, target)) continue;
			if (FAILURES.has(rule.kind) && plan.failure) continue;
			if (this.random() >= (rule.share ?? 1)) continue;
			if (rule.times !== undefined) rule.times--;
			if (rule.kind === 'latency') plan.latencyMs += rule.ms ?? 0;
			else if (rule.kind === 'processing_delay') plan.processingMs += rule.ms ?? 0;
			else plan.failure = { ...rule };
		}
		this.rules = this.rules.filter((rule) => rule.times === undefined || rule.times > 0);
		return plan;
	}
}

const KINDS: FaultKind[] = ['latency', 'rate_limit', 'server_error', 'unavailable', 'drop', 'timeout', 'processing_delay'];

function validateRule(rule: FaultRule): FaultRule {
	if (!KINDS.includes(rule.kind)) {
		throw new Error(`Unknown fault kind "${String(rule.kind)}"; use one of ${KINDS.join(', ')}`);
	}
	if (rule.share !== undefined && !(rule.share >= 0 && rule.share <= 1)) {
		throw new Error(`Fault share must be between 0 and 1, got ${rule.share}`);
	}
	return { ...rule, match: rule.match ? { ...rule.match } : undefined };
}
