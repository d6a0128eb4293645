import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { RESOURCES, resourcesUsing } from './actions/resources';
import { router } from './actions/router';
import { listSearch } from './methods';
import { byName, requestOptionsProperty } from './shared/descriptions';
import { sendAndWaitWebhooks, waitingNodeTooltip } from './shared/sendAndWait/description';
import { sendAndWaitWebhook } from './shared/sendAndWait/webhook';

export class Sendmux implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sendmux',
		name: 'sendmux',
		icon: { light: 'file:../../icons/sendmux.svg', dark: 'file:../../icons/sendmux.dark.svg' },
		group: ['output'],
		version: 1,
		// "Email: Send", "Delivery Log: Get Many": the values in words (n8n's toTitleCase keeps "and" small).
		subtitle:
			'={{ ($parameter["resource"] + ": " + $parameter["operation"]).replace(/([a-z])([A-Z])/g, "$1 $2").toTitleCase() }}',
		description:
			'Send email, read and answer mailboxes, and manage domains, webhooks and logs with Sendmux',
		defaults: { name: 'Sendmux' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Send and Wait for Response: the page and the answer arrive on n8n's waiting webhooks.
		webhooks: sendAndWaitWebhooks,
		waitingNodeTooltip,
		credentials: [
			{
				name: 'sendmuxMailboxApi',
				required: true,
				displayOptions: { show: { resource: resourcesUsing('mailbox') } },
			},
			{
				name: 'sendmuxRootApi',
				required: true,
				displayOptions: { show: { resource: resourcesUsing('root') } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				// Alphabetical, as n8n's UI guidelines (and its options-sorted-alphabetically rule) ask.
				options: Object.values(RESOURCES)
					.map((entry) => entry.option)
					.sort(byName),
				default: 'email',
			},
			...Object.values(RESOURCES).flatMap((entry) => entry.module.description),
			requestOptionsProperty,
		],
	};

	methods = { listSearch };

	webhook = sendAndWaitWebhook;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
