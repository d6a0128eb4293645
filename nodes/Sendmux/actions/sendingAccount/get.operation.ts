import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { resolveSendingAccountId, sendingAccountLocator } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';
import { simplifyAccount, simplifyProperty } from './output';
import { accountPath, RESOURCE } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['get'] } };

const properties: INodeProperties[] = [
	sendingAccountLocator(),
	simplifyProperty(displayOptions),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include ETag',
				name: 'includeEtag',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the account’s ETag to the output as "etag", for a later Update with Only If Unchanged (ETag)',
			},
			{
				displayName: 'Only If Changed Since (ETag)',
				name: 'ifNoneMatch',
				type: 'string',
				default: '',
				placeholder: 'W/"3f2a…"',
				description:
					'An ETag from an earlier Get. When the account has not changed since, the output is only { ID, not_modified: true, etag } and nothing else is read.',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const accountId = resolveSendingAccountId(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		includeEtag?: boolean;
		ifNoneMatch?: string;
	};
	const ifNoneMatch = options.ifNoneMatch?.trim() || undefined;
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: accountPath(accountId),
		ifNoneMatch,
		itemIndex,
	});
	const etag = response.etag ?? ifNoneMatch;
	if (response.notModified) return { id: accountId, not_modified: true, etag };
	const account = response.data as IDataObject;
	const output = simplify ? simplifyAccount(account) : { ...account };
	// Whoever polls with If-None-Match needs the new ETag for the next poll.
	if (options.includeEtag || ifNoneMatch) output.etag = response.etag;
	return output;
}
