import { CREDENTIAL_DISPLAY_NAME, type SendmuxKeyClass } from './apiKey';

/**
 * The three API surfaces Sendmux publishes, each reached with one credential class at one
 * base URL. Every request names its surface; the transport does the rest.
 */
export type Surface = 'sending' | 'management' | 'mailbox';

export type SendmuxCredentialType = 'sendmuxMailboxApi' | 'sendmuxRootApi';

interface SurfaceSettings {
	credentialType: SendmuxCredentialType;
	keyClass: SendmuxKeyClass;
	/** Credential field holding the base URL override. */
	baseUrlField: 'sendingBaseUrl' | 'appBaseUrl';
	/** That field as the credential form shows it, for errors that point at it. */
	baseUrlLabel: string;
	defaultBaseUrl: string;
}

export const SENDING_BASE_URL = 'https://smtp.sendmux.ai/api/v1';
export const APP_BASE_URL = 'https://app.sendmux.ai/api/v1';

export const SURFACES: Record<Surface, SurfaceSettings> = {
	sending: {
		credentialType: 'sendmuxMailboxApi',
		keyClass: 'mailbox',
		baseUrlField: 'sendingBaseUrl',
		baseUrlLabel: 'Sending API Base URL',
		defaultBaseUrl: SENDING_BASE_URL,
	},
	mailbox: {
		credentialType: 'sendmuxMailboxApi',
		keyClass: 'mailbox',
		baseUrlField: 'appBaseUrl',
		baseUrlLabel: 'Mailbox API Base URL',
		defaultBaseUrl: APP_BASE_URL,
	},
	management: {
		credentialType: 'sendmuxRootApi',
		keyClass: 'root',
		baseUrlField: 'appBaseUrl',
		baseUrlLabel: 'Management API Base URL',
		defaultBaseUrl: APP_BASE_URL,
	},
};

/**
 * Why a base URL from a credential cannot be used, or undefined: only http(s) URLs reach
 * Sendmux (anything else would end in a misleading "could not reach").
 */
export function describeBaseUrlProblem(surface: Surface, baseUrl: string): string | undefined {
	const settings = SURFACES[surface];
	let protocol: string;
	try {
		protocol = new URL(baseUrl).protocol;
	} catch {
		protocol = '';
	}
	if (protocol === 'https:' || protocol === 'http:') return undefined;
	const credential = CREDENTIAL_DISPLAY_NAME[settings.keyClass];
	const shown = baseUrl.length > 100 ? `${baseUrl.slice(0, 100)}…` : baseUrl;
	return (
		`The "${settings.baseUrlLabel}" field of the "${credential}" credential is not an http(s) URL ("${shown}"). ` +
		`It must be a URL starting with https:// (or http:// for a local simulator), such as ${settings.defaultBaseUrl}; clear the field to use that default.`
	);
}
