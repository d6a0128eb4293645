import type { INodePropertyOptions } from 'n8n-workflow';

import type { ResourceModule } from '../shared/operation';
import type { SendmuxKeyClass } from '../transport/apiKey';
import { domain } from './domain';
import { message } from './message';
import { thread } from './thread';
import { folder } from './folder';
import { attachment } from './attachment';
import { senderIdentity } from './senderIdentity';
import { submission } from './submission';
import { mailboxAccount } from './mailboxAccount';

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
	folder: {
		option: { name: 'Folder', value: 'folder', description: 'Mailbox folders and labels (mailbox key)' },
		keyClass: 'mailbox',
		module: folder,
	},
	attachment: {
		option: {
			name: 'Attachment',
			value: 'attachment',
			description: 'Download message attachments and upload files to attach (mailbox key)',
		},
		keyClass: 'mailbox',
		module: attachment,
	},
	senderIdentity: {
		option: {
			name: 'Sender Identity',
			value: 'senderIdentity',
			description: 'The addresses, names and signatures the mailbox sends with (mailbox key)',
		},
		keyClass: 'mailbox',
		module: senderIdentity,
	},
	submission: {
		option: {
			name: 'Submission',
			value: 'submission',
			description: 'Delivery status of the messages the mailbox sent (mailbox key)',
		},
		keyClass: 'mailbox',
		module: submission,
	},
	mailboxAccount: {
		option: {
			name: 'Mailbox Account',
			value: 'mailboxAccount',
			description: 'Who this mailbox key is, and its usage and quotas (mailbox key)',
		},
		keyClass: 'mailbox',
		module: mailboxAccount,
	},
};

export function resourcesUsing(keyClass: SendmuxKeyClass): string[] {
	return Object.entries(RESOURCES)
		.filter(([, entry]) => entry.keyClass === keyClass)
		.map(([name]) => name);
}
