import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { errorDetails } from '../transport/errors';

/** What an operation gives back for one input item. */
export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[];

/** Most operations: one input item in, its result out; the router pairs and guards it. */
export interface ItemOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult>;
}

/**
 * Operations that group input items into batch calls (batch send, mailbox batch updates).
 * They must return one output item per input item, paired, and honour Continue On Fail
 * per item themselves.
 */
export interface BatchOperation {
	description: INodeProperties[];
	executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type SendmuxOperation = ItemOperation | BatchOperation;

export interface ResourceModule {
	/** The operation picker and every operation's fields, with display options set. */
	description: INodeProperties[];
	operations: Record<string, SendmuxOperation>;
}

/** An error as n8n shows it: Sendmux and validation errors as they are, others wrapped. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError) return error;
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

/**
 * The output item of an input item that failed under Continue On Fail. With "Continue
 * (using error output)" n8n routes only items whose JSON holds nothing but `error`, `message`
 * and `details`, so the details go under `details` there; with "Continue (using regular
 * output)" they sit beside `error`, where the next node can branch on them.
 */
export function errorOutputItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const { error: message, ...details } = errorDetails(error);
	const pairedItem = { item: itemIndex };
	if (ctx.getNode().onError === 'continueErrorOutput') {
		return { json: { error: message, details: { ...extra, ...details } }, pairedItem };
	}
	return { json: { ...extra, error: message, ...details }, pairedItem };
}

/** An operation's result as output items, each paired with the input item it came from. */
export function toOutputItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const isExecutionData =
			typeof entry === 'object' && entry !== null && 'json' in entry && typeof entry.json === 'object';
		const item: INodeExecutionData = isExecutionData
			? { ...(entry as INodeExecutionData) }
			: { json: entry as IDataObject };
		item.pairedItem = { item: itemIndex };
		return item;
	});
}
