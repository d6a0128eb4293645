import type { INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS } from '../Sendmux/shared/events';
import { mailboxScopeProperty } from './mailboxScope';
import { CHECK_INTERVAL_PARAMETER, CHECK_INTERVAL_SECONDS } from './supervision';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Sendmux registers this workflow’s webhook URL when the workflow is activated (and the test URL while you listen for a test event), and removes it afterwards. Sendmux delivers only to public https:// addresses: if n8n runs locally, set N8N_WEBHOOK_URL to a public https URL or use a tunnel.',
		name: 'reachabilityNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		required: true,
		default: [],
		description: 'The Sendmux events that start this workflow',
	},
	mailboxScopeProperty,
	{
		displayName: 'Subscription Name',
		name: 'subscriptionName',
		type: 'string',
		default: '',
		placeholder: 'n8n: My workflow (Sendmux Trigger)',
		description:
			'How the subscription is labelled in the Sendmux app under Webhooks. Leave empty to use “n8n: ” followed by the workflow name and, in brackets, this node’s name.',
	},
	{
		displayName:
			'Signature verification is off: anyone who learns this webhook URL can start the workflow with made-up events. Turn it back on unless something in front of n8n already verifies Sendmux’s signature.',
		name: 'signatureOffWarning',
		type: 'notice',
		default: '',
		// A root path ('/…'): n8n 1.x cannot resolve a rule naming a collection's child
		// ('options.verifySignature') and refuses to activate the workflow.
		displayOptions: { show: { '/options.verifySignature': [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ignore Redelivered Events',
				name: 'ignoreRedelivered',
				type: 'boolean',
				default: true,
				description:
					'Whether to skip an event whose ID was already delivered to this trigger. Sendmux retries a delivery until it is answered, so the same event can arrive twice.',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				default: 'simplified',
				options: [
					{
						name: 'Simplified Event',
						value: 'simplified',
						description: 'The event’s ID, type, time, team, data and delivery attempt',
					},
					{
						name: 'Raw Body and Headers',
						value: 'raw',
						description: 'The request body as Sendmux sent it, and every request header',
					},
				],
				description: 'What each event item contains',
			},
			{
				displayName: 'Verify Signature',
				name: 'verifySignature',
				type: 'boolean',
				default: true,
				description:
					'Whether to accept only requests signed by Sendmux with this subscription’s secret (X-Sendmux-Signature). Requests with a missing or wrong signature are answered 401 and do not start the workflow.',
			},
		],
	},
	{
		// Not shown in the editor: the end-to-end suite shortens it to prove the check in minutes'
		// worth of seconds. Users rely on the documented CHECK_INTERVAL_SECONDS.
		displayName: 'Subscription Check Interval (Seconds)',
		name: CHECK_INTERVAL_PARAMETER,
		type: 'hidden',
		default: CHECK_INTERVAL_SECONDS,
	},
];
