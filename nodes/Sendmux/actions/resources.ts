import type { INodePropertyOptions } from 'n8n-workflow';

import type { ResourceModule } from '../shared/operation';
import type { SendmuxKeyClass } from '../transport/apiKey';
import { domain } from './domain';
import { email } from './email';

interface ResourceEntry {
	option: INodePropertyOptions;
	/** Which credential the resource's requests use; the picker says so. */
	keyClass: SendmuxKeyClass;
	module: ResourceModule;
}

/**
 * Every resource of the Sendmux node, in picker order. A resource lives in
 * `actions/<resource>/`, one file per operation; adding one means adding it here.
 */
export const RESOURCES: Record<string, ResourceEntry> = {
	email: {
		option: {
			name: 'Email',
			value: 'email',
			description: 'Send transactional email, one at a time or in batches (mailbox key)',
		},
		keyClass: 'mailbox',
		module: email,
	},
	domain: {
		option: {
			name: 'Domain',
			value: 'domain',
			description: 'Sending domains and their DNS records (root key)',
		},
		keyClass: 'root',
		module: domain,
	},
};

export function resourcesUsing(keyClass: SendmuxKeyClass): string[] {
	return Object.entries(RESOURCES)
		.filter(([, entry]) => entry.keyClass === keyClass)
		.map(([name]) => name);
}
