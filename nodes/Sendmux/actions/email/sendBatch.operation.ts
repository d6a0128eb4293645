import {
	NodeApiError,
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/concurrency';
import { readWholeNumber } from '../../shared/numbers';
import { asNodeError, errorOutputItem } from '../../shared/operation';
import { deriveKey, idempotencyKeyFor } from '../../transport/idempotency';
import { isOutcomeUnknown } from '../../transport/outcome';
import { sendmuxRequest } from '../../transport/request';
import { finishMessage } from './attachments';
import { callFailure, messageFailure, type MessageErrorDetail } from './batchFailures';
import { readDraft } from './draft';
import { idempotencyKeyOption, messageFields } from './fields';
import { readJsonDrafts } from './jsonMessages';
import { LIMITS, encodedSize, type Draft } from './message';
import { refuse } from './validate';
import { editorDescription, joinDescriptions } from '../../shared/editorText';

const displayOptions = { show: { resource: ['email'], operation: ['sendBatch'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Messages From',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'JSON List of Messages',
				value: 'json',
				description: 'Each input item holds up to 100 ready-made Sendmux messages, sent as one batch call',
			},
			{
				name: 'One Email per Input Item',
				value: 'items',
				description: 'Build one email from each input item with the fields below',
			},
		],
		default: 'items',
	},
	{
		displayName: 'Messages',
		name: 'messages',
		type: 'json',
		required: true,
		default: '[]',
		placeholder: '={{ $json.messages }}',
		description:
			'Array of at most 100 messages, each with from, to, subject and html_body and/or text_body (and optionally cc, bcc, reply_to, return_path, custom_headers, attachments), as in Sendmux\'s POST /emails/send. Addresses may be "Name &lt;address&gt;" strings.',
		displayOptions: { show: { source: ['json'] } },
	},
	...updateDisplayOptions({ show: { source: ['items'] } }, messageFields(true)),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: LIMITS.batchMessages },
				default: 100,
				description:
					'Emails per batch call (at most 100). Calls are also kept under 25 MB; large attachments are uploaded first.',
				displayOptions: { show: { '/source': ['items'] } },
			},
			idempotencyKeyOption(true),
			{
				displayName: 'Parallel Calls',
				name: 'parallelCalls',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 4,
				description:
					'How many batch calls may be in flight at once. Sendmux allows 1,800 calls a minute per key; rate-limit replies are waited out and retried automatically.',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface BatchOptions {
	batchSize?: number;
	idempotencyKey?: string;
	parallelCalls?: number;
}

/** One output item in the making: an email to send, and what became of it. */
interface Slot {
	itemIndex: number;
	draft?: Draft;
	error?: NodeApiError | NodeOperationError;
	messageId?: string;
	requestId?: string;
	idempotencyKey?: string;
}

interface BatchCall {
	number: number;
	slots: Slot[];
	key: string;
}

function optionsOf(ctx: IExecuteFunctions, itemIndex: number): BatchOptions {
	return ctx.getNodeParameter('options', itemIndex, {}) as BatchOptions;
}

/** Every email of the run, read and checked; nothing is sent yet. */
async function readSlots(ctx: IExecuteFunctions, items: INodeExecutionData[], source: string): Promise<Slot[]> {
	const slots: Slot[] = [];
	const continueOnFail = ctx.continueOnFail();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (source === 'json') {
				const { drafts, problems } = readJsonDrafts(ctx, itemIndex);
				if (problems.length) throw refuse(ctx.getNode(), itemIndex, problems);
				slots.push(...drafts.map((draft) => ({ itemIndex, draft })));
			} else {
				const { draft, problems } = await readDraft(ctx, itemIndex);
				if (problems.length) throw refuse(ctx.getNode(), itemIndex, problems);
				slots.push({ itemIndex, draft });
			}
		} catch (error) {
			const nodeError = asNodeError(ctx.getNode(), error, itemIndex);
			if (!continueOnFail) throw nodeError;
			slots.push({ itemIndex, error: nodeError });
		}
	}
	return slots;
}

/** Batch size as given, refused before any request when an expression gives more than 100. */
function batchSizeOf(ctx: IExecuteFunctions): number {
	return readWholeNumber(ctx, 0, optionsOf(ctx, 0).batchSize ?? LIMITS.batchMessages, {
		field: 'Batch Size',
		min: 1,
		max: LIMITS.batchMessages,
		fix: 'Sendmux takes at most 100 emails per batch call; the node splits larger inputs into several calls.',
	});
}

/**
 * Emails grouped into calls in input order: at most Batch Size emails and 24 MB of JSON per
 * call. The grouping depends only on the input, so a re-run builds the same calls and
 * reuses their Idempotency-Keys.
 */
function groupItems(slots: Slot[], batchSize: number): Slot[][] {
	const groups: Slot[][] = [];
	let current: Slot[] = [];
	let bytes = 0;
	for (const slot of slots) {
		if (!slot.draft) continue;
		const size = Math.min(encodedSize(slot.draft), LIMITS.jsonBodyBytes);
		if (current.length && (current.length >= batchSize || bytes + size > LIMITS.jsonBodyBytes)) {
			groups.push(current);
			current = [];
			bytes = 0;
		}
		current.push(slot);
		bytes += size;
	}
	if (current.length) groups.push(current);
	return groups;
}

function groupJson(slots: Slot[]): Slot[][] {
	const byItem = new Map<number, Slot[]>();
	for (const slot of slots) {
		if (!slot.draft) continue;
		byItem.set(slot.itemIndex, [...(byItem.get(slot.itemIndex) ?? []), slot]);
	}
	return [...byItem.values()];
}

/** The Idempotency-Key of each call, fixed before anything is sent. */
function keyFor(ctx: IExecuteFunctions, group: Slot[], number: number, source: string): string {
	const first = group[0].itemIndex;
	const userKey = optionsOf(ctx, first).idempotencyKey?.trim() || undefined;
	if (source === 'json') return idempotencyKeyFor(ctx, first, ['sendBatch'], userKey);
	const key = idempotencyKeyFor(ctx, first, ['sendBatch', number], userKey);
	return userKey ? deriveKey(key, `batch-${number}`) : key;
}

interface BatchReply {
	results: Array<{ index: number; status: 'queued' | 'failed'; message_id: string | null; error?: MessageErrorDetail }>;
}

async function sendCall(ctx: IExecuteFunctions, call: BatchCall): Promise<void> {
	const node = ctx.getNode();
	const place = (position: number) => ({
		itemIndex: call.slots[position].itemIndex,
		position,
		callNumber: call.number,
		callSize: call.slots.length,
	});
	for (const slot of call.slots) slot.idempotencyKey = call.key;
	try {
		const messages: IDataObject[] = [];
		for (const [position, slot] of call.slots.entries()) {
			const draft = slot.draft as Draft;
			const message = await finishMessage(ctx, draft, (file) => deriveKey(call.key, `${position}-attachment-${file}`));
			messages.push(message as unknown as IDataObject);
		}
		const response = await sendmuxRequest.call(ctx, {
			surface: 'sending',
			method: 'POST',
			path: '/emails/send/batch',
			body: { messages },
			idempotencyKey: call.key,
			sends: 'the emails of this batch call',
			itemIndex: call.slots[0].itemIndex,
		});
		const reply = response.data as BatchReply;
		const reported = new Set<number>();
		for (const result of reply.results ?? []) {
			const slot = call.slots[result.index];
			if (!slot) continue;
			reported.add(result.index);
			slot.requestId = response.requestId;
			if (result.status === 'queued' && result.message_id) {
				slot.messageId = result.message_id;
			} else {
				const detail = result.error ?? { code: 'failed', message: 'Sendmux reported the email as failed without a reason' };
				slot.error = messageFailure(node, place(result.index), detail, response.requestId);
			}
		}
		call.slots.forEach((slot, position) => {
			if (reported.has(position)) return;
			slot.error = messageFailure(
				node,
				place(position),
				{ code: 'missing_result', message: 'Sendmux did not report on this email; check the delivery logs before sending it again' },
				response.requestId,
			);
		});
	} catch (error) {
		call.slots.forEach((slot, position) => {
			slot.error = callFailure(node, place(position), error);
		});
	}
}

function outputOf(ctx: IExecuteFunctions, slot: Slot): INodeExecutionData {
	const pairedItem = { item: slot.itemIndex };
	if (slot.error) {
		return errorOutputItem(ctx, slot.error, slot.itemIndex, {
			status: isOutcomeUnknown(slot.error) ? 'unknown' : 'failed',
			message_id: null,
			...(slot.idempotencyKey ? { idempotency_key: slot.idempotencyKey } : {}),
		});
	}
	return {
		json: {
			message_id: slot.messageId ?? null,
			status: 'queued',
			request_id: slot.requestId ?? null,
			idempotency_key: slot.idempotencyKey ?? null,
		},
		pairedItem,
	};
}

/** Why the node stopped, with what already happened to the other emails. */
function stoppingError(slots: Slot[], failed: Slot): NodeApiError | NodeOperationError {
	const error = failed.error as NodeApiError | NodeOperationError;
	const queued = slots.filter((slot) => slot.messageId).length;
	const unknown = slots.filter((slot) => slot.error && isOutcomeUnknown(slot.error)).length;
	const failures = slots.filter((slot) => slot.error).length - unknown;
	const counts = unknown
		? `${queued} of ${slots.length} emails were queued, ${unknown} may have been sent (no answer confirmed them) and ${failures} failed`
		: `${queued} of ${slots.length} emails were queued and ${failures} failed`;
	const summary =
		`${counts} before the node stopped. ` +
		'Retrying this node (Retry On Fail) reuses the same Idempotency-Keys, so queued emails are not sent twice. ' +
		'Turn on Continue On Fail to get one result per item instead.';
	error.description = joinDescriptions([error.description ?? undefined, editorDescription([summary])]);
	return error;
}

export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const source = this.getNodeParameter('source', 0, 'items') as string;
	const continueOnFail = this.continueOnFail();
	const batchSize = source === 'items' ? batchSizeOf(this) : LIMITS.batchMessages;
	const slots = await readSlots(this, items, source);
	const groups = source === 'json' ? groupJson(slots) : groupItems(slots, batchSize);

	const calls: BatchCall[] = [];
	for (const [index, group] of groups.entries()) {
		try {
			calls.push({ number: index + 1, slots: group, key: keyFor(this, group, index + 1, source) });
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, group[0].itemIndex);
			if (!continueOnFail) throw nodeError;
			for (const slot of group) slot.error = nodeError;
		}
	}

	const parallel = readWholeNumber(this, 0, optionsOf(this, 0).parallelCalls ?? 4, { field: 'Parallel Calls', min: 1, max: 10 });
	let stopped = false;
	await mapWithConcurrency(
		calls,
		parallel,
		async (call) => {
			await sendCall(this, call);
			if (!continueOnFail && call.slots.some((slot) => slot.error)) stopped = true;
		},
		() => !stopped,
	);

	const firstFailure = slots.find((slot) => slot.error);
	if (firstFailure && !continueOnFail) throw stoppingError(slots, firstFailure);
	return slots.map((slot) => outputOf(this, slot));
}
