import { VersionedNodeType, type INodeTypeBaseDescription, type IVersionedNodeType } from 'n8n-workflow';

import { SendmuxMailboxTriggerV1 } from './v1/SendmuxMailboxTriggerV1';
import { SendmuxMailboxTriggerV2 } from './v2/SendmuxMailboxTriggerV2';

/**
 * One node in n8n's panel, in two versions. Version 1 polls (`poll()`, scheduled by n8n) and
 * stays exactly as it was for the workflows built with it. Version 2, the default for new
 * nodes, is a trigger (`trigger()`) with a Trigger Mode: Instant, on Sendmux's event stream,
 * or Polling on its own schedule. Both run the same mailbox routines (poll.ts).
 *
 * The version classes are not `.node.ts` files: n8n loads this file, and resolves the icon
 * (given once, here) relative to it for every version.
 */
export class SendmuxMailboxTrigger extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Sendmux Mailbox Trigger',
			name: 'sendmuxMailboxTrigger',
			icon: { light: 'file:../../icons/sendmux.svg', dark: 'file:../../icons/sendmux.dark.svg' },
			group: ['trigger'],
			description:
				'Receive email in a Sendmux mailbox. Starts the workflow for every new message, oldest first, instantly or on a schedule: no public URL needed',
			defaultVersion: 2,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new SendmuxMailboxTriggerV1(baseDescription),
			2: new SendmuxMailboxTriggerV2(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
