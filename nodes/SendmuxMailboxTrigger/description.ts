import { cronNodeOptions, type INodeProperties } from 'n8n-workflow';

import { messageOutputProperty, messageReadOptionsProperty } from '../Sendmux/actions/mailboxShared/messageOutput';
import { folderLocator, mailboxScopeLocator } from '../Sendmux/shared/locators';

/** The most messages one poll may emit. */
export const MAX_MESSAGES_PER_POLL = 500;

/** The parameters both versions share, with their names and meaning. */
function commonProperties(): INodeProperties[] {
	return [
		mailboxScopeLocator({
			description:
				"Which mailbox to watch, when the key may use several. Leave empty to watch the key's own mailbox.",
		}),
		folderLocator({
			required: false,
			description:
				'The folder whose new messages start the workflow. Leave empty to watch the Inbox. Drafts start it only when this is the Drafts folder.',
			hint: 'Empty means the Inbox',
		}),
		{
			displayName: 'Include Spam',
			name: 'includeSpam',
			type: 'boolean',
			default: false,
			description: 'Whether new messages filed as spam (the Junk folder) also start the workflow',
		},
		{
			displayName: 'Include Sent by This Mailbox',
			name: 'includeSent',
			type: 'boolean',
			default: false,
			description:
				'Whether messages this mailbox sends (the Sent folder) also start the workflow. Leave off when the workflow replies, or its own replies would trigger it again.',
		},
		{
			displayName: 'Max Messages per Poll',
			name: 'maxMessagesPerPoll',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_MESSAGES_PER_POLL },
			default: 50,
			description:
				'The most messages one check starts the workflow for. When more arrive, the rest wait, in order, for the next checks: none is skipped.',
		},
		{
			displayName: 'Include Existing Messages Since',
			name: 'includeExistingSince',
			type: 'dateTime',
			default: '',
			description:
				'Also start the workflow for messages already in the folder that arrived after this moment, when the workflow is first activated. Leave empty to start with mail that arrives after activation.',
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'From Contains',
					name: 'from',
					type: 'string',
					default: '',
					placeholder: 'e.g. billing@example.com or @example.com',
					description: "Only messages whose sender's address or name contains this text (not case-sensitive)",
				},
				{
					displayName: 'Has Attachment',
					name: 'hasAttachment',
					type: 'boolean',
					default: false,
					description: 'Whether to start the workflow only for messages with attachments',
				},
				{
					displayName: 'Subject Contains',
					name: 'subject',
					type: 'string',
					default: '',
					placeholder: 'e.g. invoice',
					description: 'Only messages whose subject contains this text (not case-sensitive)',
				},
			],
		},
		messageOutputProperty,
		messageReadOptionsProperty,
	];
}

/** Version 1 (polling only): unchanged, so workflows built with it behave as they always did. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Checks the mailbox on the schedule above and starts the workflow once for every new message, oldest first. It needs no public URL, so it works on n8n behind a firewall or on a laptop. For instant delivery use the Sendmux Trigger (webhook) instead. If n8n restarts before this trigger has ever started the workflow, its first check looks back one poll interval plus an hour (25 hours for a daily schedule; a custom cron expression counts as hourly).',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	...commonProperties(),
];

export const TRIGGER_MODE = { instant: 'instant', polling: 'polling' } as const;

/** n8n's own "Poll Times" (what it adds to polling nodes), shown in Polling mode. */
const pollTimesProperty: INodeProperties = {
	displayName: 'Poll Times',
	name: 'pollTimes',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Poll Time' },
	default: { item: [{ mode: 'everyMinute' }] },
	description: 'Time at which polling should occur',
	placeholder: 'Add Poll Time',
	options: cronNodeOptions,
	displayOptions: { show: { triggerMode: [TRIGGER_MODE.polling] } },
};

/** Version 2: Trigger Mode, Instant (the event stream) by default. */
export const triggerPropertiesV2: INodeProperties[] = [
	{
		displayName: 'Trigger Mode',
		name: 'triggerMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Instant (Stream)',
				value: TRIGGER_MODE.instant,
				description:
					"Holds Sendmux's event stream open and starts the workflow within a second of a message arriving. No public URL needed.",
			},
			{
				name: 'Polling',
				value: TRIGGER_MODE.polling,
				description: 'Checks the mailbox on a schedule (every minute by default)',
			},
		],
		default: 'instant',
	},
	{
		displayName:
			'Starts the workflow within about a second of a message arriving, once per new message, oldest first. It holds one connection to Sendmux open (no public URL needed) and reconnects by itself; after a drop, an outage or a restart it catches up from where it stopped, so no message is skipped or repeated. "Listen for test event" waits for the next matching message: send one to the mailbox.',
		name: 'instantNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { triggerMode: [TRIGGER_MODE.instant] } },
	},
	pollTimesProperty,
	{
		displayName:
			'Checks the mailbox on the schedule above and starts the workflow once for every new message, oldest first. If n8n restarts before this trigger has ever started the workflow, its first check looks back one poll interval plus an hour (25 hours for a daily schedule; a custom cron expression counts as hourly). "Listen for test event" shows the newest matching message.',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { triggerMode: [TRIGGER_MODE.polling] } },
	},
	...commonProperties(),
];
