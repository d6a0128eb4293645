import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorOutputItem } from '../operation';
import { REQUEST_ITEM, requestEmail, waitTill, type RequestEmail } from './request';

/**
 * Send and Wait for one execution: checks the wait limit and the form, sends the request once
 * (through the resource's own send, which carries the Idempotency-Key), then puts the
 * execution to wait. n8n resumes it through the node's webhook (the answer) or when the limit
 * passes (the input items, unchanged). Like n8n's own send-and-wait nodes, one request is
 * sent per execution, built from the first input item.
 */
export async function sendRequestAndWait(
	ctx: IExecuteFunctions,
	send: (request: RequestEmail) => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
	try {
		const until = waitTill(ctx);
		const request = requestEmail(ctx);
		await send(request);
		await ctx.putExecutionToWait(until);
		return ctx.getInputData().map((item, itemIndex) => ({ ...item, pairedItem: { item: itemIndex } }));
	} catch (error) {
		if (ctx.continueOnFail()) return [errorOutputItem(ctx, error, REQUEST_ITEM)];
		throw asNodeError(ctx.getNode(), error, REQUEST_ITEM);
	}
}
