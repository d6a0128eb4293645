import { Credentials } from 'n8n-core';
import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestOptions,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

/**
 * Credentials as a test states them, applied through each credential type's real
 * `authenticate`, so every test exercises the Bearer header and the key-prefix check.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialType: (name: string) => ICredentialType,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialType(typeName);
		if (typeof authenticate !== 'function') {
			throw new Error(`${typeName}: the test helper applies function authenticate only`);
		}
		return await authenticate(credentials, requestOptions);
	}

	// No Sendmux credential refreshes a token before requests, so there is nothing to do.
	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stated = this.data[type];
		if (!stated) throw new Error(`The test gave no "${type}" credential`);
		// Fields the test leaves out take the credential's defaults, as in n8n.
		const defaults = Object.fromEntries(
			this.credentialType(type).properties.map((p) => [p.name, p.default]),
		) as ICredentialDataDecryptedObject;
		return { ...defaults, ...stated };
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		return new Credentials(nodeCredentials, type, '');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialType(type).properties;
	}
}
