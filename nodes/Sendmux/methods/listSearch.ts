import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPage } from './searchPage';

export async function searchDomains(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage<{ id: string; domain: string; status?: string }>(
		this,
		'/domains',
		paginationToken,
		filter,
		(domain) => ({ name: domain.domain, value: domain.id }),
	);
}
