import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { messageFilterQs, messageFiltersProperty, searchTextProperty } from '../mailboxShared/filters';
import { mailboxQs } from '../mailboxShared/scope';

const displayOptions = { show: { resource: ['message'], operation: ['getSnippets'] } };

const properties: INodeProperties[] = [
	searchTextProperty(true),
	{
		displayName: 'Message IDs',
		name: 'messageIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. msg_a1, msg_b2',
		description: 'Only these messages (up to 100, separated by commas). Leave empty to search the whole mailbox.',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description: 'Max number of results to return',
	},
	messageFiltersProperty(false),
];

export const description = updateDisplayOptions(displayOptions, properties);

interface Snippet {
	message_id: string;
	subject: string | null;
	preview: string | null;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs: IDataObject = { ...messageFilterQs(this, itemIndex), ...mailboxQs(this, itemIndex) };
	if (!qs.q) {
		throw new NodeOperationError(this.getNode(), `Search Text is empty in item ${itemIndex}`, {
			itemIndex,
			description: 'Snippets show where words match: give the words to search for.',
		});
	}
	const raw = this.getNodeParameter('messageIds', itemIndex, '') as string | string[];
	const ids = (Array.isArray(raw) ? raw : String(raw).split(','))
		.map((id) => String(id).trim())
		.filter(Boolean);
	if (ids.length > 100) {
		throw new NodeOperationError(this.getNode(), `Message IDs of item ${itemIndex} lists ${ids.length} IDs; 100 at most`, {
			itemIndex,
			description: 'Split the IDs over several items.',
		});
	}
	if (ids.length) qs.message_ids = ids.join(',');
	qs.limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	const response = await sendmuxRequest.call(this, {
		surface: 'mailbox',
		method: 'GET',
		path: '/mailbox/messages/search-snippets',
		qs,
		itemIndex,
	});
	const { snippets } = response.data as { snippets: Snippet[] };
	return snippets.map((snippet) => ({ ...snippet }));
}
