import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { handleDelivery } from './delivery';
import { triggerProperties } from './description';
import { searchMailboxes } from '../Sendmux/methods/listSearch';
import { eventsSubtitleExpression } from '../Sendmux/shared/events';
import { createSubscription, deleteSubscription, subscriptionExists } from './subscription';
import { startSupervision } from './supervision';

export class SendmuxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sendmux Trigger',
		name: 'sendmuxTrigger',
		icon: { light: 'file:../../icons/sendmux.svg', dark: 'file:../../icons/sendmux.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventsSubtitleExpression(),
		description:
			// n8n's nodes panel shows this for the whole Sendmux app (action and trigger together),
			// so it opens with what the app does.
			'Send, receive and track email with Sendmux: start a workflow when an email is delivered, bounced, complained about, rejected, delayed or received',
		defaults: { name: 'Sendmux Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sendmuxRootApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		eventTriggerDescription:
			'Waiting for a Sendmux event. Cause one of the selected events, or select “Sendmux Test Event” and send a test from the Sendmux app.',
		activationMessage: 'Sendmux will now send the selected events to this workflow.',
		properties: triggerProperties,
	};

	methods = { listSearch: { searchMailboxes } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	/**
	 * The run started by a delivery begins with this node holding the event webhook() returned.
	 * Because the node also has trigger(), n8n would otherwise call trigger() in a test run and
	 * wait for it to emit; execute() takes precedence and passes the event on unchanged.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}

	/** The periodic subscription check (supervision.ts); deliveries arrive through webhook(). */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startSupervision.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
