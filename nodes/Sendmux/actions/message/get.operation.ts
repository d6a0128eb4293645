import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { attachmentsToBinary } from '../mailboxShared/attachments';
import { distinctIds, batchItemError, runBatched, type ItemOutcome, type PlannedItem } from '../mailboxShared/batch';
import { messageIdProperty, MESSAGE_ID_HINT } from '../mailboxShared/fields';
import { mailboxQs, requiredId, segment } from '../mailboxShared/scope';
import { cleanContent, rawBody, simplifyFullMessage, simplifyMessage } from '../mailboxShared/simplify';
import type {
	MailboxAttachment,
	MailboxBatchGetItem,
	MailboxMessage,
	MailboxMessageContent,
	MailboxRawBody,
} from '../mailboxShared/types';

const displayOptions = { show: { resource: ['message'], operation: ['get'] } };

type Output = 'cleanContent' | 'simplified' | 'raw';

const properties: INodeProperties[] = [
	messageIdProperty('The message to read'),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Clean Content',
				value: 'cleanContent',
				description:
					'The readable text, with quoted replies and signatures removed and length capped: best for AI agents',
			},
			{
				name: 'Simplified',
				value: 'simplified',
				description: 'Sender, recipients, subject, dates, flags, folders, attachment names and the text body',
			},
			{
				name: 'Raw',
				value: 'raw',
				description: 'The stored text and HTML bodies, unprocessed',
			},
		],
		default: 'cleanContent',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Binary Property Prefix',
				name: 'binaryPrefix',
				type: 'string',
				default: 'attachment_',
				description:
					'With Download Attachments on, attachments go in binary properties named this plus 0, 1, 2…',
			},
			{
				displayName: 'Body Part',
				name: 'part',
				type: 'options',
				options: [
					{ name: 'Automatic (Text When Available)', value: 'auto' },
					{ name: 'Text', value: 'text' },
					{ name: 'HTML', value: 'html' },
				],
				default: 'auto',
				description: 'Which body to read the content from',
				displayOptions: { show: { '/output': ['cleanContent'] } },
			},
			{
				displayName: 'Body Parts',
				name: 'rawPart',
				type: 'options',
				options: [
					{ name: 'Text and HTML', value: 'both' },
					{ name: 'Text', value: 'text' },
					{ name: 'HTML', value: 'html' },
				],
				default: 'both',
				description: 'Which stored bodies to return',
				displayOptions: { show: { '/output': ['raw'] } },
			},
			{
				displayName: 'Download Attachments',
				name: 'downloadAttachments',
				type: 'boolean',
				default: false,
				description:
					'Whether to download every attachment as binary data (attachment_0, attachment_1…) with its file name and type',
			},
			{
				displayName: 'Headers',
				name: 'includeHeaders',
				type: 'options',
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'Threading and Reply-To', value: 'selected', description: 'Message-ID, In-Reply-To, References, Reply-To' },
					{ name: 'All', value: 'full' },
				],
				default: 'none',
				description: 'Which email headers to add to the content',
				displayOptions: { show: { '/output': ['cleanContent'] } },
			},
			{
				displayName: 'Include HTML',
				name: 'includeHtml',
				type: 'boolean',
				default: false,
				description: 'Whether to add the HTML body next to the text',
				displayOptions: { show: { '/output': ['cleanContent'] } },
			},
			{
				displayName: 'Include Links',
				name: 'includeLinks',
				type: 'boolean',
				default: false,
				description: 'Whether to list the links found in the body',
				displayOptions: { show: { '/output': ['cleanContent'] } },
			},
			{
				displayName: 'Max Characters',
				name: 'maxChars',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1000000 },
				default: 20000,
				description:
					'Cut the body after this many characters (is_truncated then says so). 0 means no limit. Keeps AI agent prompts small.',
				displayOptions: { show: { '/output': ['cleanContent', 'raw'] } },
			},
			{
				displayName: 'Strip Quoted Replies',
				name: 'stripQuotes',
				type: 'boolean',
				default: true,
				description: 'Whether to remove the quoted earlier messages below a reply',
				displayOptions: { show: { '/output': ['cleanContent'] } },
			},
			{
				displayName: 'Strip Signature',
				name: 'stripSignature',
				type: 'boolean',
				default: true,
				description: "Whether to remove the sender's signature",
				displayOptions: { show: { '/output': ['cleanContent'] } },
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface GetOptions {
	part?: 'auto' | 'text' | 'html';
	rawPart?: 'text' | 'html' | 'both';
	downloadAttachments?: boolean;
	binaryPrefix?: string;
	includeHeaders?: 'none' | 'selected' | 'full';
	includeHtml?: boolean;
	includeLinks?: boolean;
	maxChars?: number;
	stripQuotes?: boolean;
	stripSignature?: boolean;
}

interface GetPlan {
	output: Output;
	options: GetOptions;
	mailbox: IDataObject;
}

interface ReadMessage {
	json: IDataObject;
	attachments: MailboxAttachment[];
}

function maxChars(options: GetOptions, fallback: number): number | undefined {
	const value = options.maxChars ?? fallback;
	return value > 0 ? value : undefined;
}

/** Query parameters of GET …/content for these options. */
function contentQs(options: GetOptions): IDataObject {
	const qs: IDataObject = {
		part: options.part ?? 'auto',
		strip_quotes: options.stripQuotes ?? true,
		strip_signature: options.stripSignature ?? true,
		include_links: options.includeLinks ?? false,
		include_html: options.includeHtml ?? false,
		include_headers: options.includeHeaders ?? 'none',
		include_attachments: 'metadata',
	};
	const max = maxChars(options, 20000);
	if (max) qs.max_body_chars = max;
	return qs;
}

async function getOne(ctx: IExecuteFunctions, entry: PlannedItem<GetPlan>): Promise<ReadMessage> {
	const { output, options, mailbox } = entry.plan;
	const base = `/mailbox/messages/${segment(entry.id)}`;
	const get = async <T>(path: string, qs: IDataObject = {}) =>
		(
			await sendmuxRequest.call(ctx, {
				surface: 'mailbox',
				method: 'GET',
				path,
				qs: { ...qs, ...mailbox },
				itemIndex: entry.itemIndex,
			})
		).data as T;
	if (output === 'simplified') {
		const message = await get<MailboxMessage>(base);
		return { json: simplifyFullMessage(message), attachments: message.attachments ?? [] };
	}
	if (output === 'cleanContent') {
		const content = await get<MailboxMessageContent>(`${base}/content`, contentQs(options));
		return { json: cleanContent(content), attachments: content.attachments };
	}
	const qs: IDataObject = { part: options.rawPart ?? 'both' };
	const max = maxChars(options, 0);
	if (max) qs.max_body_chars = max;
	const body = await get<MailboxRawBody>(`${base}/body`, qs);
	let attachments: MailboxAttachment[] = [];
	if (options.downloadAttachments) {
		// The raw body has no attachment list: read just the metadata.
		const meta = await get<MailboxMessageContent>(`${base}/content`, {
			part: 'text',
			max_body_chars: 1,
			include_headers: 'none',
			include_attachments: 'metadata',
		});
		attachments = meta.attachments;
	}
	return { json: rawBody(body), attachments };
}

/** The `:batch-get` body for a group of items with the same output and options. */
function batchGetBody(plan: GetPlan, ids: string[]): IDataObject {
	const { output, options } = plan;
	if (output === 'simplified') {
		return { ids, body_mode: 'raw', part: 'text', include_headers: 'none', include_attachments: 'metadata' };
	}
	if (output === 'raw') {
		const body: IDataObject = {
			ids,
			body_mode: 'raw',
			part: options.rawPart ?? 'both',
			include_headers: 'none',
			include_attachments: 'metadata',
		};
		const max = maxChars(options, 0);
		if (max) body.max_body_chars = max;
		return body;
	}
	const qs = contentQs(options);
	const body: IDataObject = {
		ids,
		body_mode: 'clean_json',
		part: qs.part,
		strip_quotes: qs.strip_quotes,
		strip_signature: qs.strip_signature,
		include_links: qs.include_links,
		include_html: qs.include_html,
		include_headers: qs.include_headers,
		include_attachments: 'metadata',
	};
	if (qs.max_body_chars) body.max_body_chars = qs.max_body_chars;
	return body;
}

function fromBatchItem(plan: GetPlan, item: MailboxBatchGetItem): ReadMessage {
	const attachments = item.content.attachments.length ? item.content.attachments : (item.message.attachments ?? []);
	if (plan.output === 'simplified') {
		const message = { ...item.message, attachments };
		return { json: simplifyMessage(message, item.raw_body.body.text), attachments };
	}
	if (plan.output === 'raw') return { json: rawBody(item.raw_body), attachments };
	return { json: cleanContent(item.content), attachments };
}

function jsonOnly(read: ReadMessage): { json: IDataObject } {
	return { json: read.json };
}

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// Attachment lists by item, kept between the read and the downloads.
	const attachmentsByItem = new Map<number, MailboxAttachment[]>();
	return await runBatched<GetPlan>(this, items, {
		verb: 'read',
		plan: (itemIndex) => {
			const id = requiredId(this, 'messageId', 'Message ID', itemIndex, MESSAGE_ID_HINT);
			const output = this.getNodeParameter('output', itemIndex, 'cleanContent') as Output;
			const options = this.getNodeParameter('options', itemIndex, {}) as GetOptions;
			const mailbox = mailboxQs(this, itemIndex);
			return {
				itemIndex,
				id,
				groupKey: JSON.stringify([mailbox, output, batchGetBody({ output, options, mailbox }, [])]),
				plan: { output, options, mailbox },
			};
		},
		runOne: async (entry) => {
			const read = await getOne(this, entry);
			attachmentsByItem.set(entry.itemIndex, read.attachments);
			return jsonOnly(read);
		},
		runMany: async (entries) => {
			const { plan } = entries[0];
			const response = await sendmuxRequest.call(this, {
				surface: 'mailbox',
				method: 'POST',
				path: '/mailbox/messages:batch-get',
				repeatable: true,
				qs: plan.mailbox,
				body: batchGetBody(plan, distinctIds(entries)),
				itemIndex: entries[0].itemIndex,
			});
			const result = response.data as { messages: MailboxBatchGetItem[]; not_found: string[] };
			const byId = new Map(result.messages.map((item) => [item.message.id, item]));
			const outcomes = new Map<number, ItemOutcome>();
			for (const entry of entries) {
				const item = byId.get(entry.id);
				if (!item) {
					outcomes.set(entry.itemIndex, { error: batchItemError(this, entry.itemIndex, entry.id, 'read', 'not_found') });
					continue;
				}
				const read = fromBatchItem(plan, item);
				attachmentsByItem.set(entry.itemIndex, read.attachments);
				outcomes.set(entry.itemIndex, jsonOnly(read));
			}
			return outcomes;
		},
		finish: async (entry, success) => {
			const { options, mailbox } = entry.plan;
			if (!options.downloadAttachments) return success;
			const attachments = attachmentsByItem.get(entry.itemIndex) ?? [];
			const binary = await attachmentsToBinary(
				this,
				entry.itemIndex,
				entry.id,
				attachments,
				options.binaryPrefix?.trim() || 'attachment_',
				mailbox,
			);
			return Object.keys(binary).length ? { ...success, binary } : success;
		},
	});
}
