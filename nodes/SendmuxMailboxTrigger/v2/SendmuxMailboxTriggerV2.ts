import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { searchGrantedMailboxes, searchMailboxFolders } from '../../Sendmux/methods/listSearch';
import { triggerPropertiesV2 } from '../description';
import { startMailboxTrigger } from './trigger';

/** Version 2: a trigger with a Trigger Mode, Instant (Sendmux's event stream) or Polling. */
export class SendmuxMailboxTriggerV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 2,
			subtitle:
				'={{ ($parameter["triggerMode"] === "polling" ? "Polling" : "Instant") + ": New Message" + ($parameter["includeSpam"] ? ", Spam Included" : "") }}',
			defaults: { name: 'Sendmux Mailbox Trigger' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'sendmuxMailboxApi', required: true }],
			properties: triggerPropertiesV2,
		};
	}

	methods = { listSearch: { searchGrantedMailboxes, searchMailboxFolders } };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startMailboxTrigger.call(this);
	}
}
