/** Helpers every route module uses. */
import { openApiContract } from '../../contract/openapi';
import type { SimRequest } from '../context';
import { notFound } from '../errors';

const defaultLimits = new Map<string, number>();

/**
 * The page size a list request asked for, or the endpoint's documented default (read from
 * the spec's "(default N" wording). The spec's maximum is enforced by contract validation.
 */
export function pageSize(request: SimRequest): number {
	const asked = text(request.query.limit);
	if (asked !== undefined) return Number(asked);
	let fallback = defaultLimits.get(request.operationId);
	if (fallback === undefined) {
		const matched = openApiContract().findOperation(request.surface, request.method, request.path);
		const limit = matched?.parameters.find((p) => p.name === 'limit' && p.in === 'query');
		const description = String((limit?.schema as { description?: string } | undefined)?.description ?? '');
		fallback = Number(/default:?\s*(\d+)/i.exec(description)?.[1] ?? 50);
		defaultLimits.set(request.operationId, fallback);
	}
	return fallback;
}

/** A single query value. */
export function text(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

export function flag(value: string | string[] | undefined): boolean | undefined {
	const single = text(value);
	return single === undefined ? undefined : single === 'true';
}

/** The request's JSON body as the contract validated it (a missing body reads as `{}`). */
export function bodyOf<T>(request: SimRequest): T {
	return (request.body ?? {}) as T;
}

export function found<T>(value: T | undefined, what: string, param?: string): T {
	if (value === undefined) throw notFound(what, param);
	return value;
}

export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Location of a created resource, below the app base URL. */
export function location(baseUrl: string, path: string): Record<string, string> {
	return { Location: `${baseUrl}${path}` };
}
