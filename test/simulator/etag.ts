/** Weak ETags over a resource's JSON representation, and the two conditional checks. */
import { createHash } from 'node:crypto';

import { conflict } from './errors';

export function etagOf(representation: unknown): string {
	const digest = createHash('sha1').update(JSON.stringify(representation)).digest('hex').slice(0, 20);
	return `W/"${digest}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** Weak comparison (RFC 9110 §8.8.3.2) against a header that may list several tags or `*`. */
export function etagMatches(header: string | undefined, current: string): boolean {
	if (header === undefined) return false;
	if (header.trim() === '*') return true;
	return header.split(',').some((tag) => opaque(tag) === opaque(current));
}

/** `If-Match` that names another version: 409 conflict, with the server's ETag echoed back. */
export function requireIfMatch(header: string | undefined, current: string): void {
	if (header === undefined || etagMatches(header, current)) return;
	throw conflict('The resource changed since the ETag in If-Match was read. Fetch it again and retry.', { ETag: current });
}
