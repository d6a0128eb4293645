import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import {
	sendmuxRequest,
	type SendmuxContext,
	type SendmuxRequest,
	type SendmuxResponse,
} from './request';

export interface PageOptions {
	/** Stop after this many items; undefined means every item (Return All). */
	limit?: number;
	/** The largest page the endpoint allows (its `limit` maximum in the spec). */
	maxPageSize: number;
}

/**
 * Pages of a cursor-paginated list, in order, each holding at most what is still wanted:
 * stops exactly at `limit`, asks for the largest pages the endpoint allows, and never asks
 * for the same cursor twice (a server that repeats a cursor is an error, not a loop).
 */
export async function* paginate<T>(
	ctx: SendmuxContext,
	request: SendmuxRequest,
	{ limit, maxPageSize }: PageOptions,
): AsyncGenerator<T[]> {
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	let delivered = 0;
	while (limit === undefined || delivered < limit) {
		const pageSize = limit === undefined ? maxPageSize : Math.min(maxPageSize, limit - delivered);
		const qs: IDataObject = { ...request.qs, limit: pageSize };
		if (cursor !== undefined) qs.cursor = cursor;
		const page = (await sendmuxRequest.call(ctx, { ...request, qs })) as SendmuxResponse<T[]>;
		const items = Array.isArray(page.data) ? page.data : [];
		const wanted = limit === undefined ? items : items.slice(0, limit - delivered);
		delivered += wanted.length;
		if (wanted.length) yield wanted;
		const next = page.pagination?.has_more ? page.pagination.next_cursor : undefined;
		const satisfied = limit !== undefined && delivered >= limit;
		if (!next || items.length === 0 || satisfied) return;
		if (seenCursors.has(next)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Sendmux returned the cursor of a page already read on ${request.path}; stopping to avoid a loop`,
				{ itemIndex: request.itemIndex },
			);
		}
		seenCursors.add(next);
		cursor = next;
	}
}

/** Every item of a list up to `limit`, as one array. */
export async function collectPages<T>(
	ctx: SendmuxContext,
	request: SendmuxRequest,
	options: PageOptions,
): Promise<T[]> {
	const all: T[] = [];
	for await (const page of paginate<T>(ctx, request, options)) all.push(...page);
	return all;
}
