import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { searchGrantedMailboxes, searchMailboxFolders } from '../../Sendmux/methods/listSearch';
import { triggerProperties } from '../description';
import { pollMailbox } from '../poll';

/** Version 1: polling, scheduled by n8n's Poll Times. Unchanged for the workflows that use it. */
export class SendmuxMailboxTriggerV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 1,
			subtitle: '={{ "New Message" + ($parameter["includeSpam"] ? ", Spam Included" : "") }}',
			description:
				'Receive email in a Sendmux mailbox. Starts the workflow for every new message, oldest first, checking on a schedule: no public URL needed',
			defaults: { name: 'Sendmux Mailbox Trigger' },
			polling: true,
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'sendmuxMailboxApi', required: true }],
			properties: triggerProperties,
		};
	}

	methods = { listSearch: { searchGrantedMailboxes, searchMailboxFolders } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollMailbox.call(this);
	}
}
