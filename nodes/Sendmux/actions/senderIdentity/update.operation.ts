import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { mailboxQs } from '../mailboxShared/scope';

const displayOptions = { show: { resource: ['senderIdentity'], operation: ['update'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'HTML Signature',
				name: 'htmlSignature',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Added below messages sent with an HTML body. Empty clears it. At most 2,047 characters.',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Acme Support',
				description: 'The sender name recipients see. Empty clears it.',
			},
			{
				displayName: 'Text Signature',
				name: 'textSignature',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Added below messages sent with a text body. Empty clears it. At most 2,047 characters.',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

const FIELDS: Array<[field: string, param: string]> = [
	['name', 'name'],
	['textSignature', 'text_signature'],
	['htmlSignature', 'html_signature'],
];

/** PATCH /mailbox/identity: the default identity's name and signatures. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	// Lengths are the spec's rules, checked with the rest of the request (shared/specRules).
	for (const [field, param] of FIELDS) {
		if (!(field in fields)) continue;
		const value = String(fields[field] ?? '');
		// An empty value clears the field, which the API spells null.
		body[param] = value.trim() === '' ? null : value;
	}
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), `Nothing to update in item ${itemIndex}`, {
			itemIndex,
			description: 'Add at least one of Update Fields: Name, Text Signature or HTML Signature.',
		});
	}
	const response = await sendmuxRequest.call(this, {
		surface: 'mailbox',
		method: 'PATCH',
		path: '/mailbox/identity',
		qs: mailboxQs(this, itemIndex),
		body,
		itemIndex,
	});
	return response.data as IDataObject;
}
