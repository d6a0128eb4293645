import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of [a-z0-9], the shape of Sendmux's public IDs after the prefix. */
export function randomToken(length = 24): string {
	const bytes = randomBytes(length);
	let out = '';
	for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
	return out;
}

/** A Sendmux-style public ID: `eml_…`, `att_…`, `whk_…` (prefix, underscore, 24 characters). */
export function publicId(prefix: string): string {
	return `${prefix}_${randomToken()}`;
}

/** `req_` and 24 hex digits, as in `meta.request_id` and `X-Request-Id`. */
export function newRequestId(): string {
	return `req_${randomBytes(12).toString('hex')}`;
}

/** An RFC 5322 Message-ID for mail the simulator creates. */
export function rfcMessageId(domain: string): string {
	return `<${randomToken(20)}@${domain}>`;
}
