import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { resolveSendingAccountId, sendingAccountLocator } from '../../shared/locators';
import { pickFields, simplifyToFieldsProperty } from '../../shared/simplify';
import { withEtag } from '../../shared/writeOptions';
import { sendmuxRequest } from '../../transport/request';
import { accountPath, RESOURCE, SIMPLIFIED_ACCOUNT_FIELDS } from './types';

const displayOptions = { show: { resource: [RESOURCE], operation: ['get'] } };

const properties: INodeProperties[] = [
	sendingAccountLocator(),
	simplifyToFieldsProperty(displayOptions, SIMPLIFIED_ACCOUNT_FIELDS),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Only If Changed Since (ETag)',
				name: 'ifNoneMatch',
				type: 'string',
				default: '',
				placeholder: 'W/"3f2a…"',
				description:
					'An ETag from an earlier Get. When the account has not changed since, Sendmux answers 304 and the output is just the account ID with not_modified: true and the ETag.',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/** The account with its `etag` (when Sendmux sends one); `{ id, not_modified, etag }` on a 304. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const accountId = resolveSendingAccountId(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as { ifNoneMatch?: string };
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
	// The ETag feeds Update → Only If Unchanged, and the next Only If Changed Since poll.
	return withEtag(simplify ? pickFields(account, SIMPLIFIED_ACCOUNT_FIELDS) : account, response.etag);
}
