/**
 * Keys and what they may do. Sendmux tells key classes apart by prefix: `smx_root_` keys
 * manage the team, `smx_mbx_` keys send email and (unless send-only) read their mailbox.
 */
import { SimError } from './errors';
import { publicId, randomToken } from './ids';

export type KeyClass = 'root' | 'mailbox';

export interface ApiKey {
	/** Public ID of the credential (`smx_…`), never the secret. */
	id: string;
	secret: string;
	keyClass: KeyClass;
	/** The mailbox a mailbox key belongs to; undefined for team-wide send-only keys. */
	mailboxId?: string;
	/** Send-only keys carry `email.send` alone: the Mailbox API answers them 403. */
	sendOnly: boolean;
	label: string;
	revoked: boolean;
}

/** Which family of routes a request reached: decides the key class it needs. */
export type RouteClass = 'sending' | 'management' | 'mailbox';

export const KEY_PREFIX: Record<KeyClass, string> = { root: 'smx_root_', mailbox: 'smx_mbx_' };

export function newKeySecret(keyClass: KeyClass): string {
	return `${KEY_PREFIX[keyClass]}${randomToken(40)}`;
}

export class KeyRing {
	private readonly bySecret = new Map<string, ApiKey>();

	add(key: Omit<ApiKey, 'id' | 'revoked'> & { id?: string }): ApiKey {
		const stored: ApiKey = { id: key.id ?? publicId('smx'), revoked: false, ...key };
		this.bySecret.set(stored.secret, stored);
		return stored;
	}

	clear(): void {
		this.bySecret.clear();
	}

	all(): ApiKey[] {
		return [...this.bySecret.values()];
	}

	revoke(predicate: (key: ApiKey) => boolean): number {
		let count = 0;
		for (const key of this.bySecret.values()) {
			if (!key.revoked && predicate(key)) {
				key.revoked = true;
				count++;
			}
		}
		return count;
	}

	/**
	 * The key behind an Authorization header, checked against what the route needs:
	 * 401 for a missing, unknown or revoked key; 403 for a key of the wrong class or scope.
	 */
	authorize(authorization: string | undefined, route: RouteClass): ApiKey {
		const match = /^Bearer\s+(\S+)$/.exec(authorization ?? '');
		if (!match) {
			throw new SimError(401, 'authentication_required', 'Missing or malformed Authorization header. Send "Authorization: Bearer <key>".');
		}
		const key = this.bySecret.get(match[1]);
		if (!key || key.revoked) {
			throw new SimError(401, 'authentication_required', 'The API key is invalid or has been revoked.');
		}
		if (route === 'management' && key.keyClass !== 'root') {
			throw new SimError(403, 'insufficient_permissions', 'The Management API requires a root API key (smx_root_…).');
		}
		if (route !== 'management' && key.keyClass !== 'mailbox') {
			throw new SimError(403, 'insufficient_permissions', `The ${route === 'sending' ? 'Sending' : 'Mailbox'} API requires a mailbox API key (smx_mbx_…); root keys are refused.`);
		}
		if (route === 'mailbox' && (key.sendOnly || !key.mailboxId)) {
			throw new SimError(403, 'insufficient_permissions', 'This key may only send email (email.send); the Mailbox API needs a mailbox key with mailbox access.');
		}
		return key;
	}
}
