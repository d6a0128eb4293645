/**
 * Sendmux key classes. A key's prefix tells its class before any request, so a key pasted
 * into the wrong credential is refused locally with a message saying which key to create.
 */
export type SendmuxKeyClass = 'mailbox' | 'root';

export const KEY_PREFIX: Record<SendmuxKeyClass, string> = {
	mailbox: 'smx_mbx_',
	root: 'smx_root_',
};

/** The credentials' display names (their type names, sendmuxMailboxApi and sendmuxRootApi, never change). */
export const CREDENTIAL_DISPLAY_NAME: Record<SendmuxKeyClass, string> = {
	mailbox: 'Sendmux Sending and Mailbox API',
	root: 'Sendmux Root API',
};

const KEY_USE: Record<SendmuxKeyClass, string> = {
	mailbox: 'sending email and reading or answering a mailbox',
	root: "managing the team's domains, mailboxes, webhooks, logs, billing and sending accounts",
};

const WHERE_TO_CREATE: Record<SendmuxKeyClass, string> = {
	mailbox:
		'Create a mailbox key in the Sendmux app under Settings → API Keys (or with the Mailbox → Create Key operation)',
	root: 'Create a root (team) key in the Sendmux app under Settings → API Keys',
};

/**
 * Why `key` cannot be used as a key of `expected` class, or `undefined` when it can.
 * The message never repeats the key itself.
 */
export function describeKeyProblem(expected: SendmuxKeyClass, key: unknown): string | undefined {
	const credential = CREDENTIAL_DISPLAY_NAME[expected];
	const prefix = KEY_PREFIX[expected];
	const howToFix = `${WHERE_TO_CREATE[expected]} and paste it into the "${credential}" credential.`;
	if (typeof key !== 'string' || key.trim() === '') {
		return `The "${credential}" credential has no API key. ${howToFix}`;
	}
	if (key !== key.trim()) {
		return `The API key in the "${credential}" credential has spaces or line breaks around it. Paste the key again without them.`;
	}
	if (key.startsWith(prefix)) return describeShapeProblem(key, expected, howToFix);
	const other: SendmuxKeyClass = expected === 'mailbox' ? 'root' : 'mailbox';
	if (key.startsWith(KEY_PREFIX[other])) {
		return (
			`The "${credential}" credential holds a ${other} key (${KEY_PREFIX[other]}…), but it needs a ${expected} key ` +
			`(${prefix}…) for ${KEY_USE[expected]}. ${howToFix} ` +
			`Keep the ${other} key in a "${CREDENTIAL_DISPLAY_NAME[other]}" credential.`
		);
	}
	return `The key in the "${credential}" credential is not a Sendmux ${expected} key: those start with ${prefix}. ${howToFix}`;
}

/**
 * The secret after a key's prefix. Sendmux does not publish its length; every key it issues
 * is far longer than this, so a shorter one was cut off while copying (or is only the prefix).
 */
export const MIN_SECRET_LENGTH = 16;
const SECRET = /^[A-Za-z0-9_-]+$/;

function describeShapeProblem(key: string, expected: SendmuxKeyClass, howToFix: string): string | undefined {
	const credential = CREDENTIAL_DISPLAY_NAME[expected];
	const prefix = KEY_PREFIX[expected];
	const secret = key.slice(prefix.length);
	if (secret === '') {
		return `The API key in the "${credential}" credential is only the prefix ${prefix}: the rest of the key is missing. Copy the whole key (Sendmux shows it once, when it is created). ${howToFix}`;
	}
	if (!SECRET.test(secret)) {
		return `The API key in the "${credential}" credential contains characters no Sendmux key has (only letters, digits, _ and - follow ${prefix}). Paste the key again, without quotes or spaces. ${howToFix}`;
	}
	if (secret.length < MIN_SECRET_LENGTH) {
		return `The API key in the "${credential}" credential is cut short: only ${secret.length} characters follow ${prefix}. Copy the whole key (Sendmux shows it once, when it is created). ${howToFix}`;
	}
	return undefined;
}

/** A Bearer header value for a key that passed `describeKeyProblem`. */
export function bearer(key: string): string {
	return `Bearer ${key}`;
}
