import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { toRfc3339Utc } from '../../shared/dates';
import { readWholeNumber } from '../../shared/numbers';
import { folderLocator, type LocatorValue } from '../../shared/locators';

/** Free-text search, on top so an AI agent finds it first. */
export function searchTextProperty(required = false): INodeProperties {
	return {
		displayName: 'Search Text',
		name: 'searchText',
		type: 'string',
		default: '',
		required,
		placeholder: 'e.g. invoice march',
		description: required
			? 'Words to search for; the snippets show where they match'
			: 'Words to search for across sender, recipients, subject and body. Leave empty to list every message that matches the filters.',
	};
}

/** Every message filter the Mailbox API has (list, count and snippets share them). */
export const messageFilterOptions: INodeProperties[] = [
	{ displayName: 'BCC', name: 'bcc', type: 'string', default: '', placeholder: 'e.g. audit@example.com', description: 'BCC recipient address or name contains this' },
	{ displayName: 'Body Contains', name: 'body', type: 'string', default: '', description: 'Text that must appear in the body' },
	{ displayName: 'CC', name: 'cc', type: 'string', default: '', placeholder: 'e.g. ann@example.com', description: 'CC recipient address or name contains this' },
	folderLocator({ required: false, description: 'Only messages in this folder' }),
	{ displayName: 'From', name: 'from', type: 'string', default: '', placeholder: 'e.g. billing@example.com', description: 'Sender address or name contains this' },
	{ displayName: 'Has Attachment', name: 'hasAttachment', type: 'boolean', default: false, description: 'Whether to return only messages with attachments' },
	{ displayName: 'Header Name', name: 'headerName', type: 'string', default: '', placeholder: 'e.g. X-Order-ID', description: 'A header the message must have; use with Header Value' },
	{ displayName: 'Header Value', name: 'headerValue', type: 'string', default: '', description: 'The value Header Name must have' },
	{ displayName: 'Keyword', name: 'keyword', type: 'string', default: '', placeholder: 'e.g. needs_reply', description: 'Only messages carrying this keyword (label), such as needs_reply or $flagged' },
	{ displayName: 'Max Size (Bytes)', name: 'maxSizeBytes', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Only messages at most this large' },
	{ displayName: 'Min Size (Bytes)', name: 'minSizeBytes', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Only messages at least this large' },
	{ displayName: 'Not Keyword', name: 'notKeyword', type: 'string', default: '', placeholder: 'e.g. agent_triaged', description: 'Only messages without this keyword (label)' },
	{ displayName: 'Received After', name: 'receivedAfter', type: 'dateTime', default: '', description: 'Only messages received after this moment, as an ISO 8601 date-time such as 2025-03-01T00:00:00Z' },
	{ displayName: 'Received Before', name: 'receivedBefore', type: 'dateTime', default: '', description: 'Only messages received before this moment, as an ISO 8601 date-time such as 2025-03-31T23:59:59Z' },
	{ displayName: 'Subject Contains', name: 'subject', type: 'string', default: '', description: 'Text that must appear in the subject' },
	{ displayName: 'Thread ID', name: 'threadId', type: 'string', default: '', placeholder: 'e.g. thr_a1b2c3', description: 'Only messages of this conversation (the thread_id of any of its messages)' },
	{ displayName: 'To', name: 'to', type: 'string', default: '', placeholder: 'e.g. support@example.com', description: 'To recipient address or name contains this' },
	{ displayName: 'Unread Only', name: 'unreadOnly', type: 'boolean', default: false, description: 'Whether to return only unread messages' },
];

export function messageFiltersProperty(withThread = true): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: withThread ? messageFilterOptions : messageFilterOptions.filter((o) => o.name !== 'threadId'),
	};
}

const TEXT_FILTERS: Record<string, string> = {
	from: 'from',
	to: 'to',
	cc: 'cc',
	bcc: 'bcc',
	subject: 'subject',
	body: 'body',
	keyword: 'keyword',
	notKeyword: 'not_keyword',
	headerName: 'header_name',
	headerValue: 'header_value',
	threadId: 'thread_id',
};

/** The query parameters for the chosen filters; unset filters are not sent. */
export function messageFilterQs(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const searchText = String(ctx.getNodeParameter('searchText', itemIndex, '') ?? '').trim();
	if (searchText) qs.q = searchText;
	for (const [field, param] of Object.entries(TEXT_FILTERS)) {
		const value = String(filters[field] ?? '').trim();
		if (value) qs[param] = value;
	}
	if ((qs.header_name === undefined) !== (qs.header_value === undefined)) {
		throw new NodeOperationError(ctx.getNode(), `Header Name and Header Value go together (item ${itemIndex})`, {
			itemIndex,
			description: 'Set both filters, or neither.',
		});
	}
	const folder = filters.folder as LocatorValue | string | undefined;
	const folderId = String((typeof folder === 'object' ? folder?.value : folder) ?? '').trim();
	if (folderId) qs.folder_id = folderId;
	if (filters.unreadOnly === true) qs.is_unread = true;
	if (filters.hasAttachment === true) qs.has_attachment = true;
	// 0 (the default) means no bound; a negative size from an expression is refused.
	for (const [field, param, label] of [
		['minSizeBytes', 'min_size_bytes', 'Min Size (Bytes)'],
		['maxSizeBytes', 'max_size_bytes', 'Max Size (Bytes)'],
	] as const) {
		if (filters[field] === undefined || filters[field] === '') continue;
		const size = readWholeNumber(ctx, itemIndex, filters[field], { field: label, min: 0 });
		if (size > 0) qs[param] = size;
	}
	if (filters.receivedAfter) qs.after = toRfc3339Utc(ctx, filters.receivedAfter, 'Received After', itemIndex);
	if (filters.receivedBefore) qs.before = toRfc3339Utc(ctx, filters.receivedBefore, 'Received Before', itemIndex);
	return qs;
}
