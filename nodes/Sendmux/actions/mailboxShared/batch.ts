import {
	NodeOperationError,
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { listForMessage } from '../../shared/lists';
import { asNodeError } from '../../shared/operation';
import { errorDetails } from '../../transport/errors';
import type { MailboxBatchFailure } from './types';

/** The most message IDs one `:batch-*` call takes. */
export const MAX_BATCH_IDS = 100;

/** One input item, read and checked, ready to be sent alone or with others. */
export interface PlannedItem<T> {
	itemIndex: number;
	/** The message ID the item acts on. */
	id: string;
	/** Items with equal keys can share one batch call (same mailbox, same change…). */
	groupKey: string;
	/** Must go alone (e.g. carries an If-Match ETag, which batch calls do not take). */
	alone?: boolean;
	plan: T;
}

export interface ItemSuccess {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

export type ItemOutcome = ItemSuccess | { error: unknown };

export interface BatchedOperation<T> {
	/** Reads and checks one item's parameters; throws on bad input (before any request). */
	plan(itemIndex: number): PlannedItem<T>;
	/** One item through the single-message endpoint. */
	runOne(entry: PlannedItem<T>): Promise<ItemSuccess>;
	/** Up to MAX_BATCH_IDS items through the batch endpoint: an outcome for each. */
	runMany(entries: Array<PlannedItem<T>>): Promise<Map<number, ItemOutcome>>;
	/** Work done on each successful item after its call (e.g. attachment downloads). */
	finish?(entry: PlannedItem<T>, success: ItemSuccess): Promise<ItemSuccess>;
	/** What the operation does, for "… could not be updated" messages: "updated". */
	verb: string;
}

function isFailure(outcome: ItemOutcome): outcome is { error: unknown } {
	return 'error' in outcome;
}

/**
 * Runs a message operation over every input item, grouping items that can share a call into
 * `:batch-*` requests of at most 100 IDs (a lone item uses the single-message endpoint).
 * One output item per input item, in input order, paired. A failure of one item (bad input,
 * not found, refused by Sendmux) is that item's error item under Continue On Fail; otherwise
 * it stops the node after the call it was part of, saying what had already been done.
 */
export async function runBatched<T>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: BatchedOperation<T>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const outcomes = new Map<number, ItemOutcome>();

	// Every item is checked before the first request, so bad input never half-runs a batch.
	const groups = new Map<string, Array<PlannedItem<T>>>();
	const calls: Array<Array<PlannedItem<T>>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let entry: PlannedItem<T>;
		try {
			entry = operation.plan(itemIndex);
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx.getNode(), error, itemIndex);
			outcomes.set(itemIndex, { error });
			continue;
		}
		if (entry.alone) {
			calls.push([entry]);
			continue;
		}
		let group = groups.get(entry.groupKey);
		if (!group || group.length === MAX_BATCH_IDS) {
			group = [];
			groups.set(entry.groupKey, group);
			calls.push(group);
		}
		group.push(entry);
	}

	let done = 0;
	// Items Sendmux's answer said nothing about: not failures of their own, so they stop nothing.
	const unanswered: Array<PlannedItem<T>> = [];
	for (const call of calls) {
		let results: Map<number, ItemOutcome>;
		try {
			results =
				call.length === 1
					? new Map([[call[0].itemIndex, await operation.runOne(call[0])]])
					: await operation.runMany(call);
		} catch (error) {
			results = new Map(call.map((entry) => [entry.itemIndex, { error }]));
		}
		for (const entry of call) {
			let outcome = results.get(entry.itemIndex);
			if (!outcome) {
				unanswered.push(entry);
				outcome = { error: noResultError(ctx, entry, operation.verb) };
			}
			if (!isFailure(outcome) && operation.finish) {
				try {
					outcome = await operation.finish(entry, outcome);
				} catch (error) {
					outcome = { error };
				}
			}
			outcomes.set(entry.itemIndex, outcome);
		}
		const succeededHere = call.filter((e) => !isFailure(outcomes.get(e.itemIndex) as ItemOutcome)).length;
		const failed = call.find(
			(entry) => isFailure(outcomes.get(entry.itemIndex) as ItemOutcome) && !unanswered.includes(entry),
		);
		if (failed && !continueOnFail) {
			const { error } = outcomes.get(failed.itemIndex) as { error: unknown };
			throw withProgress(asNodeError(ctx.getNode(), error, failed.itemIndex), done + succeededHere, operation.verb);
		}
		done += succeededHere;
	}
	if (unanswered.length > 0 && !continueOnFail) throw unansweredError(ctx, unanswered, done, operation.verb);

	return items.map((_, itemIndex) => {
		const outcome = outcomes.get(itemIndex) as ItemOutcome;
		if (isFailure(outcome)) return { json: errorDetails(outcome.error), pairedItem: { item: itemIndex } };
		return { ...outcome, pairedItem: { item: itemIndex } };
	});
}

const CHECK_THEM = 'Check them with Message → Get before running them again.';

/** An item Sendmux's batch answer did not mention: its outcome is unknown, not a failure. */
function noResultError<T>(ctx: IExecuteFunctions, entry: PlannedItem<T>, verb: string): NodeOperationError {
	const error = new NodeOperationError(
		ctx.getNode(),
		`Sendmux's answer gave no result for message ${entry.id}: it may or may not have been ${verb}`,
		{
			itemIndex: entry.itemIndex,
			description: `The batch call succeeded, but Sendmux listed this message neither as ${verb}, nor as not found, nor as failed. ${CHECK_THEM}`,
		},
	);
	error.context.sendmux = { code: 'no_result', messageId: entry.id };
	return error;
}

/**
 * Without Continue On Fail, after every call has run: the messages Sendmux's answers did
 * not mention, listed (capped), with what was done for the others.
 */
function unansweredError<T>(
	ctx: IExecuteFunctions,
	unanswered: Array<PlannedItem<T>>,
	succeeded: number,
	verb: string,
): NodeOperationError {
	const ids = listForMessage(unanswered.map((entry) => entry.id));
	const error = new NodeOperationError(
		ctx.getNode(),
		`Sendmux's answer gave no result for ${unanswered.length} message(s): ${ids}`,
		{
			itemIndex: unanswered[0].itemIndex,
			description: `They may or may not have been ${verb}. ${succeeded} other message(s) were ${verb}; every item was sent. ${CHECK_THEM} Turn on Continue On Fail to get one result per item.`,
		},
	);
	error.context.sendmux = { code: 'no_result', messageIds: unanswered.map((entry) => entry.id) };
	return error;
}

function withProgress<E extends Error & { description?: string | null }>(error: E, succeeded: number, verb: string): E {
	if (succeeded > 0) {
		const note = `${succeeded} other message(s) had already been ${verb} when this item failed; later items were not sent. Turn on Continue On Fail to get one result per item.`;
		error.description = error.description ? `${error.description}\n${note}` : note;
	}
	return error;
}

/** A per-message failure inside a successful batch call, as the item's error. */
export function batchItemError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	id: string,
	verb: string,
	failure: MailboxBatchFailure | 'not_found',
): NodeOperationError {
	const code = failure === 'not_found' ? 'not_found' : failure.code;
	const reason = failure === 'not_found' ? 'no message with this ID in the mailbox' : failure.message;
	const error = new NodeOperationError(ctx.getNode(), `Message ${id} could not be ${verb}: ${reason}`, {
		itemIndex,
		description:
			failure === 'not_found'
				? 'Check the message ID (it may have been deleted permanently), or pick the mailbox it belongs to.'
				: `Sendmux error code: ${code}`,
	});
	error.context.sendmux = { code, messageId: id };
	return error;
}

/** Per-item outcomes of a `:batch-update` / `:batch-delete` result. */
export function outcomesFromLists<T>(
	ctx: IExecuteFunctions,
	entries: Array<PlannedItem<T>>,
	result: { done: string[]; not_found: string[]; failed: MailboxBatchFailure[] },
	verb: string,
	toJson: (entry: PlannedItem<T>) => IDataObject,
): Map<number, ItemOutcome> {
	const done = new Set(result.done);
	const notFound = new Set(result.not_found);
	const failed = new Map(result.failed.map((failure) => [failure.id, failure]));
	const outcomes = new Map<number, ItemOutcome>();
	for (const entry of entries) {
		const failure = failed.get(entry.id);
		if (failure) outcomes.set(entry.itemIndex, { error: batchItemError(ctx, entry.itemIndex, entry.id, verb, failure) });
		else if (notFound.has(entry.id))
			outcomes.set(entry.itemIndex, { error: batchItemError(ctx, entry.itemIndex, entry.id, verb, 'not_found') });
		else if (done.has(entry.id)) outcomes.set(entry.itemIndex, { json: toJson(entry) });
	}
	return outcomes;
}

/** The distinct IDs of a call, in order (two items may name the same message). */
export function distinctIds<T>(entries: Array<PlannedItem<T>>): string[] {
	return [...new Set(entries.map((entry) => entry.id))];
}
