import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { bearer, CREDENTIAL_DISPLAY_NAME, describeKeyProblem } from '../nodes/Sendmux/transport/apiKey';

export class SendmuxMailboxApi implements ICredentialType {
	name = 'sendmuxMailboxApi';

	displayName = CREDENTIAL_DISPLAY_NAME.mailbox;

	icon = { light: 'file:../icons/sendmux.svg', dark: 'file:../icons/sendmux.dark.svg' } as const;

	documentationUrl = 'https://docs.sendmux.ai/account/api-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'smx_mbx_…',
			description:
				'A sending key or a mailbox key; both start with smx_mbx_. Create one in the <a href="https://app.sendmux.ai" target="_blank">Sendmux app</a> under Settings → API Keys → Create API Key, or with the Sendmux node’s Mailbox → Create Key operation. <a href="https://docs.sendmux.ai/account/api-keys#key-types" target="_blank">Which key do I need?</a>',
			hint: 'Takes an smx_mbx_ key. Sending email (Email resource): a sending key is enough. Reading and answering a mailbox (Message, Thread, Folder… and the Mailbox Trigger): a mailbox key with mailbox.read. Domains, webhooks, logs and the Sendmux Trigger use the Sendmux Root API credential (smx_root_ key) instead.',
		},
		{
			displayName: 'Sending API Base URL',
			name: 'sendingBaseUrl',
			type: 'string',
			default: 'https://smtp.sendmux.ai/api/v1',
			description:
				'Where the Sending API lives. Change it only to go through a proxy or a local Sendmux simulator.',
		},
		{
			displayName: 'Mailbox API Base URL',
			name: 'appBaseUrl',
			type: 'string',
			default: 'https://app.sendmux.ai/api/v1',
			description:
				'Where the Mailbox API lives. Change it only to go through a proxy or a local Sendmux simulator.',
		},
	];

	/** Refuses a key of the wrong class before any request leaves n8n. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const problem = describeKeyProblem('mailbox', credentials.apiKey);
		if (problem) throw new Error(problem);
		requestOptions.headers = {
			...requestOptions.headers,
			Authorization: bearer(credentials.apiKey as string),
		};
		return requestOptions;
	};

	/**
	 * n8n gives a community credential one declarative test request (a test function would need
	 * `helpers.request`, which n8n's community scanner rejects), so this one must tell the right
	 * Sending API from everything else. It asks for an upload URL: Sendmux's Sending API answers
	 * 201 to any mailbox key allowed to send and 403 to a key that may only read a mailbox, and
	 * never 404, so a 404 means the route is not there (the Mailbox API URL, a wrong path) and an
	 * answer without Sendmux's envelope means something else answered. The upload URL expires
	 * unused; the fixed Idempotency-Key makes repeated tests replay the first one.
	 * n8n fails the test on the first rule whose key holds the value.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.sendingBaseUrl }}',
			url: '/emails/attachment-uploads',
			method: 'POST',
			headers: { 'Idempotency-Key': 'sendmux-credential-test' },
			body: { filename: 'n8n-credential-test.txt', content_type: 'text/plain', size_bytes: 1 },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ok',
					value: undefined,
					message:
						'The Sending API Base URL does not lead to Sendmux’s Sending API: what answered there is not Sendmux. Use https://smtp.sendmux.ai/api/v1 (or the Sending API URL of your proxy or simulator).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 'authentication_required',
					message:
						'Sendmux did not accept this key: it may be mistyped, revoked or from another team. Create a new mailbox key under Settings → API Keys.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 'not_found',
					message:
						'The Sending API Base URL does not lead to Sendmux’s Sending API: Sendmux answered there, but has no Sending API at that path (is it the Mailbox API URL?). Use https://smtp.sendmux.ai/api/v1 (or the Sending API URL of your proxy or simulator).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 'service_unavailable',
					message:
						'Sendmux’s Sending API at the Sending API Base URL is unavailable right now (HTTP 503). Test again in a few minutes; if it persists, check the URL.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 'internal_error',
					message:
						'Sendmux’s Sending API at the Sending API Base URL failed to answer (HTTP 500). Test again in a few minutes; if it persists, contact Sendmux support.',
				},
			},
		],
	};
}
