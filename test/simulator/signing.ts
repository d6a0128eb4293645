import { createHmac } from 'node:crypto';

/** `sha256=<lowercase hex HMAC-SHA256 of the raw body, keyed by the secret>`: Sendmux's scheme. */
export function sendmuxSignature(secret: string, rawBody: string | Buffer): string {
	return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
