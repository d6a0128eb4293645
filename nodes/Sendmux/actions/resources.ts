import type { INodePropertyOptions } from 'n8n-workflow';

import type { ResourceModule } from '../shared/operation';
import type { SendmuxKeyClass } from '../transport/apiKey';
import { billing } from './billing';
import { deliveryLog } from './deliveryLog';
import { domain } from './domain';
import { attachment } from './attachment';
import { email } from './email';
import { emailMetric } from './emailMetric';
import { folder } from './folder';
import { inboxLog } from './inboxLog';
import { mailbox } from './mailbox';
import { mailboxAccount } from './mailboxAccount';
import { message } from './message';
import { senderFilter } from './senderFilter';
import { senderIdentity } from './senderIdentity';
import { submission } from './submission';
import { thread } from './thread';
import { webhook } from './webhook';
import { sendingAccount } from './sendingAccount';

interface ResourceEntry {
	option: INodePropertyOptions;
	/** Which credential the resource's requests use; the picker says so. */
	keyClass: SendmuxKeyClass;
	module: ResourceModule;
}

/**
 * Every resource of the Sendmux node (the picker lists them alphabetically). A resource lives in
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
	mailbox: {
		option: {
			name: 'Mailbox',
			value: 'mailbox',
			description: 'Mailboxes for people and AI agents, and their keys (root key)',
		},
		keyClass: 'root',
		module: mailbox,
	},
	senderFilter: {
		option: {
			name: 'Sender Filter',
			value: 'senderFilter',
			description: 'Allow and deny rules for who may email a domain or mailbox (root key)',
		},
		keyClass: 'root',
		module: senderFilter,
	},
	webhook: {
		option: {
			name: 'Webhook',
			value: 'webhook',
			description: 'Signed event subscriptions, their secrets and delivery attempts (root key)',
		},
		keyClass: 'root',
		module: webhook,
	},
	deliveryLog: {
		option: {
			name: 'Delivery Log',
			value: 'deliveryLog',
			description: 'What happened to each email sent: status, provider, recipients (root key)',
		},
		keyClass: 'root',
		module: deliveryLog,
	},
	inboxLog: {
		option: {
			name: 'Inbox Log',
			value: 'inboxLog',
			description: "Messages received by the team's mailboxes (root key)",
		},
		keyClass: 'root',
		module: inboxLog,
	},
	emailMetric: {
		option: {
			name: 'Email Metric',
			value: 'emailMetric',
			description: 'Sent, failed, rejected and pending counts over time (root key)',
		},
		keyClass: 'root',
		module: emailMetric,
	},
	billing: {
		option: {
			name: 'Billing',
			value: 'billing',
			description: 'Credit balance, spend and transactions (root key)',
		},
		keyClass: 'root',
		module: billing,
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
	sendingAccount: {
		option: {
			name: 'Sending Account',
			value: 'sendingAccount',
			description: 'The accounts Sendmux sends through (SMTP, Gmail, Outlook, shared SES) and their limits (root key)',
		},
		keyClass: 'root',
		module: sendingAccount,
	},
};

export function resourcesUsing(keyClass: SendmuxKeyClass): string[] {
	return Object.entries(RESOURCES)
		.filter(([, entry]) => entry.keyClass === keyClass)
		.map(([name]) => name);
}

