import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck =
	| { valid: true }
	| { valid: false; reason: 'no_secret' | 'no_raw_body' | 'missing_header' | 'malformed_header' | 'mismatch' };

/** `sha256=` followed by 64 lowercase hex digits: exactly what Sendmux sends. */
const SIGNATURE_FORMAT = /^sha256=[0-9a-f]{64}$/;

/**
 * Checks `X-Sendmux-Signature` against the raw body bytes as received. The expected value is
 * `sha256=` + lowercase hex HMAC-SHA256 of those bytes keyed by the subscription's secret;
 * the whole header value is compared in constant time. Parsed JSON is never re-serialised:
 * key order, spacing and escapes would differ from what Sendmux signed.
 */
export function checkSignature(
	rawBody: Buffer | undefined,
	header: string | string[] | undefined,
	secret: string | undefined,
): SignatureCheck {
	if (!secret) return { valid: false, reason: 'no_secret' };
	if (!Buffer.isBuffer(rawBody)) return { valid: false, reason: 'no_raw_body' };
	if (header === undefined || header === '') return { valid: false, reason: 'missing_header' };
	// Several signature headers cannot all be Sendmux's: refuse rather than pick one.
	if (typeof header !== 'string' || !SIGNATURE_FORMAT.test(header)) {
		return { valid: false, reason: 'malformed_header' };
	}
	const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
	const received = Buffer.from(header);
	// timingSafeEqual throws on different lengths; the format check makes them equal, this keeps it so.
	if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
		return { valid: false, reason: 'mismatch' };
	}
	return { valid: true };
}

/** Why a delivery was refused, for the 401 body and the log line; never echoes a secret or signature. */
export const SIGNATURE_PROBLEMS: Record<Exclude<SignatureCheck, { valid: true }>['reason'], string> = {
	no_secret:
		'This trigger has no signing secret stored, so it cannot check that the request came from Sendmux. Deactivate and activate the workflow (or listen for a test event again) to register a fresh subscription.',
	no_raw_body: 'The request body could not be read as raw bytes, so its signature cannot be checked.',
	missing_header: 'The request has no X-Sendmux-Signature header.',
	malformed_header: 'The X-Sendmux-Signature header is not of the form sha256=<64 lowercase hex digits>.',
	mismatch: 'The X-Sendmux-Signature header does not match the request body and this subscription’s secret.',
};
