import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { sendmuxRequest } from '../transport/request';

/** One page of a Sendmux list for a resource locator, filtered by what the user typed. */
export async function searchPage<T>(
	ctx: ILoadOptionsFunctions,
	path: string,
	paginationToken: string | undefined,
	filter: string | undefined,
	toResult: (item: T) => { name: string; value: string; url?: string },
	surface: 'management' | 'mailbox' = 'management',
	extraQs: IDataObject = {},
): Promise<INodeListSearchResult> {
	const response = await sendmuxRequest.call(ctx, {
		surface,
		method: 'GET',
		path,
		qs: paginationToken ? { ...extraQs, limit: 100, cursor: paginationToken } : { ...extraQs, limit: 100 },
	});
	const items = (Array.isArray(response.data) ? response.data : []) as T[];
	const needle = filter?.trim().toLowerCase();
	const results = items
		.map(toResult)
		.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.includes(needle));
	const next = response.pagination?.has_more ? response.pagination.next_cursor : undefined;
	return { results, paginationToken: next };
}
