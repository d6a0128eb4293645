import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

/**
 * The waiting webhooks of a Send and Wait node, as n8n's own send-and-wait nodes declare them:
 * one path per node (its ID), GET to show the page and POST to answer, both used only to
 * resume a waiting execution (`restartWebhook`), never registered on activation.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = (['GET', 'POST'] as const).map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

/** What the editor shows on a node that is waiting. */
export const waitingNodeTooltip =
	'={{ $parameter["operation"] === "sendAndWait" ? "The execution continues when the person answers, or when the wait limit passes" : "" }}';

/**
 * The question and how it is answered. Names follow n8n's own send-and-wait nodes
 * (`message`, `responseType`, `approvalOptions`): n8n's Human review tool replaces `message`
 * and fixes `responseType` to Approval by these names.
 */
export const responseProperties: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Refund of 120 EUR for order 4711: approve?',
		description:
			'The question, in plain text (line breaks kept). It is shown in the email and again on the page where the person answers.',
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'The person approves (or declines) with a button',
			},
			{
				name: 'Custom Form',
				value: 'customForm',
				description: 'The person fills in a form with the fields defined here',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'The person writes an answer in a form',
			},
		],
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add Option',
		default: {},
		description: 'The buttons of the email: approve only, or approve and decline, and their labels',
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						description: 'Whether the email offers only an approve button, or approve and decline',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Decline', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: 'Approve',
						description: 'The label of the approve button, in the email and on the page',
					},
					{
						displayName: 'Decline Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: 'Decline',
						description: 'The label of the decline button, in the email and on the page',
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Form Field',
		default: {},
		displayOptions: { show: { responseType: ['customForm'] } },
		description: 'The fields of the form; each answer is returned under its label',
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Field Label',
						name: 'fieldLabel',
						type: 'string',
						default: '',
						placeholder: 'e.g. Refund amount',
						description: 'Shown above the field, and the key of its answer in the output',
					},
					{
						displayName: 'Field Type',
						name: 'fieldType',
						type: 'options',
						default: 'text',
						description: 'What the person enters; numbers are returned as numbers, dates as YYYY-MM-DD',
						options: [
							{ name: 'Date', value: 'date' },
							{ name: 'Dropdown', value: 'dropdown' },
							{ name: 'Email', value: 'email' },
							{ name: 'Number', value: 'number' },
							{ name: 'Text', value: 'text' },
							{ name: 'Textarea', value: 'textarea' },
						],
					},
					{
						displayName: 'Choices',
						name: 'fieldChoices',
						type: 'string',
						default: '',
						placeholder: 'e.g. Full refund, Partial refund, No refund',
						description: 'The options of the dropdown, separated by commas',
						displayOptions: { show: { fieldType: ['dropdown'] } },
					},
					{
						displayName: 'Required Field',
						name: 'requiredField',
						type: 'boolean',
						default: false,
						description: 'Whether the form can only be sent with this field filled in',
					},
				],
			},
		],
	},
];

/** Limit Wait Time, as in n8n's own send-and-wait nodes. */
const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	description:
		'Whether to stop waiting after a time. The execution then continues with the input items unchanged (no "data" field), and a later answer gets a "no action required" page.',
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Wait for a certain amount of time' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Wait until a date and time' },
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					default: 1,
					typeOptions: { minValue: 0, numberPrecision: 2 },
					description: 'How long to wait',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					description: 'The unit of Amount',
					options: [
						{ name: 'Seconds', value: 'seconds' },
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'When to stop waiting (ISO 8601, e.g. 2026-12-31T17:00:00Z)',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

/** The options of every Send and Wait operation (each resource adds its own sending options). */
export const waitOptions: INodeProperties[] = [
	limitWaitTimeOption,
	{
		displayName: 'Message Button Label',
		name: 'messageButtonLabel',
		type: 'string',
		default: 'Respond',
		description: 'The label of the link in the email that opens the form',
		displayOptions: { show: { '/responseType': ['freeText', 'customForm'] } },
	},
	{
		displayName: 'Response Form Button Label',
		name: 'responseFormButtonLabel',
		type: 'string',
		default: 'Submit',
		description: 'The label of the button that sends the form',
		displayOptions: { show: { '/responseType': ['freeText', 'customForm'] } },
	},
	{
		displayName: 'Response Form Title',
		name: 'responseFormTitle',
		type: 'string',
		default: '',
		description: 'The title of the answer page; the subject by default',
	},
];

/** The option values read back (`options` collection). */
export interface WaitOptionValues {
	limitWaitTime?: { values?: LimitWaitTime };
	messageButtonLabel?: string;
	responseFormButtonLabel?: string;
	responseFormTitle?: string;
}

export interface LimitWaitTime {
	limitType?: 'afterTimeInterval' | 'atSpecifiedTime';
	resumeAmount?: number;
	resumeUnit?: 'seconds' | 'minutes' | 'hours' | 'days';
	maxDateAndTime?: string;
}
