import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { bearer, describeKeyProblem } from '../nodes/Sendmux/transport/apiKey';

export class SendmuxMailboxApi implements ICredentialType {
	name = 'sendmuxMailboxApi';

	displayName = 'Sendmux Mailbox API';

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
			hint: 'For sending email (a sending key is enough) and for the Mailbox API (it needs a mailbox key with mailbox.read). Management operations and the Sendmux Trigger need a Sendmux Root API credential instead.',
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
	 * Any mailbox key, including a send-only key that cannot read the Mailbox API, passes this
	 * test: asking the Sending API for an attachment that does not exist answers 404 to a valid
	 * key and 401 to an unknown or revoked one.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.sendingBaseUrl }}',
			url: '/emails/attachments/att_000000000000000000000000',
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 'authentication_required',
					message:
						'Sendmux did not accept this key: it may be mistyped, revoked or from another team. Create a new mailbox key under Settings → API Keys.',
				},
			},
		],
	};
}
