import type { INodePropertyOptions } from 'n8n-workflow';

import type { ResourceModule } from '../shared/operation';
import type { SendmuxKeyClass } from '../transport/apiKey';
import { domain } from './domain';
import { message } from './message';
import { thread } from './thread';

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
	domain: {
		option: {
			name: 'Domain',
			value: 'domain',
			description: 'Sending domains and their DNS records (root key)',
		},
		keyClass: 'root',
		module: domain,
	},
	message: {
		option: {
			name: 'Message',
			value: 'message',
			description: 'Search, read, send, reply to, forward, label and delete mailbox messages (mailbox key)',
		},
		keyClass: 'mailbox',
		module: message,
	},
	thread: {
		option: {
			name: 'Thread',
			value: 'thread',
			description: 'Conversations of the mailbox, read whole for an AI agent (mailbox key)',
		},
		keyClass: 'mailbox',
		module: thread,
	},
};

export function resourcesUsing(keyClass: SendmuxKeyClass): string[] {
	return Object.entries(RESOURCES)
		.filter(([, entry]) => entry.keyClass === keyClass)
		.map(([name]) => name);
}
