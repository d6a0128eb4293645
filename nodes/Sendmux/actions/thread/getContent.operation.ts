import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { collectPages } from '../../transport/pagination';
import { uniqueAddresses } from '../../shared/addresses';
import { readWholeNumber } from '../../shared/numbers';
import { mailboxQs, requiredId, segment } from '../mailboxShared/scope';
import { cleanContent } from '../mailboxShared/simplify';
import type { MailboxAddress, MailboxMessageContent } from '../mailboxShared/types';
import { threadIdProperty, THREAD_ID_HINT } from './fields';

const displayOptions = { show: { resource: ['thread'], operation: ['getContent'] } };

const properties: INodeProperties[] = [
	threadIdProperty('The conversation to read'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Links',
				name: 'includeLinks',
				type: 'boolean',
				default: false,
				description: 'Whether to list the links found in each message',
			},
			{
				displayName: 'Max Characters per Message',
				name: 'maxChars',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1000000 },
				default: 4000,
				description: 'Cut each message after this many characters. 0 means no limit. Keeps AI agent prompts small.',
			},
			{
				displayName: 'Max Messages',
				name: 'maxMessages',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description: 'Read at most this many messages of the conversation',
			},
			{
				displayName: 'Order',
				name: 'sort',
				type: 'options',
				options: [
					{ name: 'Oldest First', value: 'asc' },
					{ name: 'Newest First', value: 'desc' },
				],
				default: 'asc',
				description: 'In which order the messages of the conversation are returned',
			},
			{
				displayName: 'Strip Quoted Replies',
				name: 'stripQuotes',
				type: 'boolean',
				default: true,
				description: 'Whether to remove the quoted earlier messages below each reply (they are in the thread already)',
			},
			{
				displayName: 'Strip Signatures',
				name: 'stripSignature',
				type: 'boolean',
				default: true,
				description: "Whether to remove each sender's signature",
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface ContentOptions {
	includeLinks?: boolean;
	maxChars?: number;
	maxMessages?: number;
	sort?: 'asc' | 'desc';
	stripQuotes?: boolean;
	stripSignature?: boolean;
}

/** The whole conversation, cleaned, as one item: ready to hand to an AI agent. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const threadId = requiredId(this, 'threadId', 'Thread ID', itemIndex, THREAD_ID_HINT);
	const options = this.getNodeParameter('options', itemIndex, {}) as ContentOptions;
	const qs: IDataObject = {
		part: 'auto',
		strip_quotes: options.stripQuotes ?? true,
		strip_signature: options.stripSignature ?? true,
		include_links: options.includeLinks ?? false,
		include_html: false,
		include_headers: 'none',
		include_attachments: 'metadata',
		sort: options.sort ?? 'asc',
		...mailboxQs(this, itemIndex),
	};
	const maxChars = readWholeNumber(this, itemIndex, options.maxChars ?? 4000, { field: 'Max Characters', min: 0, max: 1000000 });
	if (maxChars > 0) qs.max_body_chars = maxChars;
	const maxMessages = readWholeNumber(this, itemIndex, options.maxMessages ?? 100, { field: 'Max Messages', min: 1 });
	const messages = await collectPages<MailboxMessageContent>(
		this,
		{ surface: 'mailbox', method: 'GET', path: `/mailbox/threads/${segment(threadId)}/content`, qs, itemIndex },
		{ limit: maxMessages, maxPageSize: 100 },
	);
	const participants: MailboxAddress[] = uniqueAddresses(
		messages.flatMap((m) => [
			...(m.participants.from ? [m.participants.from] : []),
			...m.participants.to,
			...m.participants.cc,
		]),
	).map(({ email, name }) => ({ email, name }));
	return {
		thread_id: threadId,
		subject: messages[0]?.subject ?? null,
		participants: participants as unknown as IDataObject[],
		message_count: messages.length,
		// Each message without its thread_id: the item says it once.
		messages: messages.map((message) => {
			const clean = cleanContent(message);
			delete clean.thread_id;
			return clean;
		}),
	};
}
