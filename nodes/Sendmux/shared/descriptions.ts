import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWholeNumber } from './numbers';

/** The standard Return All / Limit pair for a list operation. */
export function returnAllOrLimit(displayOptions: IDisplayOptions, maxPageSize = 100): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			hint: `Sendmux sends at most ${maxPageSize} per page; more are fetched page by page.`,
			displayOptions: {
				...displayOptions,
				show: { ...displayOptions.show, returnAll: [false] },
			},
		},
	];
}

/** Settings of the transport every operation honours; one collection at the end of the form. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 5,
			description:
				'How many times to try a request that failed for a passing reason (rate limit, timeout, 5xx). Only reads, requests carrying an Idempotency-Key and changes that end the same however often they are made (update, replace, delete) are repeated; Mailbox API uploads and other creates without a key are tried once, so nothing is sent, stored or created twice.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 30000,
			description: 'How long to wait for Sendmux to answer one request, in milliseconds (30000 = 30 seconds)',
		},
	],
};

/**
 * Orders fields by display name (n8n lists collection options alphabetically). A plain
 * comparison on purpose: the first `localeCompare` of a process sets up an ICU collator, which
 * would add 10–20 ms to every cold load of this package.
 */
export function byDisplayName(a: { displayName: string }, b: { displayName: string }): number {
	return caseInsensitive(a.displayName, b.displayName);
}

/** The same order for option lists (`{ name, value }`), e.g. the resource picker. */
export function byName(a: { name: string }, b: { name: string }): number {
	return caseInsensitive(a.name, b.name);
}

function caseInsensitive(a: string, b: string): number {
	const left = a.toLowerCase();
	const right = b.toLowerCase();
	return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The Limit of a Return All / Limit pair: undefined when Return All is on. A Limit below 1
 * (possible from an expression) would silently return nothing: it is refused instead.
 */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex) as boolean;
	if (returnAll) return undefined;
	return readWholeNumber(ctx, itemIndex, ctx.getNodeParameter('limit', itemIndex), {
		field: 'Limit',
		min: 1,
		fix: 'Enter how many results to return (1 or more), or turn on Return All.',
	});
}
