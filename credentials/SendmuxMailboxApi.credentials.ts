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

	documentationUrl = 'https://docs.sendmux.ai/api-reference/authentication';

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
				'A mailbox key (starts with smx_mbx_). Create one in the Sendmux app under Settings → API Keys, or with the Mailbox → Create Key operation.',
			hint: 'Used for sending email and for the Mailbox API. Management operations need a Sendmux Root API credential instead.',
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
