import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { bearer, CREDENTIAL_DISPLAY_NAME, describeKeyProblem } from '../nodes/Sendmux/transport/apiKey';

export class SendmuxRootApi implements ICredentialType {
	name = 'sendmuxRootApi';

	displayName = CREDENTIAL_DISPLAY_NAME.root;

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
			placeholder: 'smx_root_…',
			description:
				'An infrastructure (root) key; it starts with smx_root_. Create one in the <a href="https://app.sendmux.ai" target="_blank">Sendmux app</a> under Settings → API Keys → Create API Key → Infrastructure key. The Read Only preset is enough for Get operations; creating or changing things (and the Sendmux Trigger, which registers a webhook) needs Full Access or the matching admin preset. <a href="https://docs.sendmux.ai/account/api-keys#scopes-and-presets" target="_blank">Key presets</a>',
			hint: 'Takes an smx_root_ (infrastructure) key. Used for domains, mailboxes, sender filters, webhooks, logs, billing, sending accounts and the Sendmux Trigger. Sending email and reading a mailbox use the Sendmux Sending and Mailbox API credential (smx_mbx_ key) instead.',
		},
		{
			displayName: 'Management API Base URL',
			name: 'appBaseUrl',
			type: 'string',
			default: 'https://app.sendmux.ai/api/v1',
			description:
				'Where the Management API lives. Change it only to go through a proxy or a local Sendmux simulator.',
		},
	];

	/** Refuses a key of the wrong class before any request leaves n8n. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const problem = describeKeyProblem('root', credentials.apiKey);
		if (problem) throw new Error(problem);
		requestOptions.headers = {
			...requestOptions.headers,
			Authorization: bearer(credentials.apiKey as string),
		};
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.appBaseUrl }}',
			url: '/domains',
			qs: { limit: 1 },
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Sendmux did not accept this key: it may be mistyped, revoked or from another team. Create a new root key under Settings → API Keys.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'This key may not use the Management API. Use a root key (smx_root_…) from Settings → API Keys.',
				},
			},
		],
	};
}
