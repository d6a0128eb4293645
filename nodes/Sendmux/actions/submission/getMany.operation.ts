import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { toRfc3339Utc } from '../../shared/dates';
import { readLimit, returnAllOrLimit } from '../../shared/descriptions';
import { collectPages } from '../../transport/pagination';
import { mailboxQs } from '../mailboxShared/scope';

const displayOptions = { show: { resource: ['submission'], operation: ['getMany'] } };

const properties: INodeProperties[] = [
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Identity IDs',
				name: 'identityIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.identity_id }}',
				description: 'Only messages sent as these identities (up to 100, separated by commas)',
			},
			{
				displayName: 'Message IDs',
				name: 'emailIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. msg_a1b2c3, msg_d4e5f6',
				description: 'Only the submissions of these sent messages (up to 100, separated by commas)',
			},
			{
				displayName: 'Sent After',
				name: 'after',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent after this moment, as an ISO 8601 date-time such as 2025-03-01T00:00:00Z',
			},
			{
				displayName: 'Sent Before',
				name: 'before',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent before this moment, as an ISO 8601 date-time such as 2025-03-31T23:59:59Z',
			},
			{
				displayName: 'Thread IDs',
				name: 'threadIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. thr_a1b2c3, thr_d4e5f6',
				description: 'Only messages of these conversations (up to 100, separated by commas)',
			},
			{
				displayName: 'Undo Status',
				name: 'undoStatus',
				type: 'options',
				options: [
					{ name: 'Canceled', value: 'canceled' },
					{ name: 'Final', value: 'final' },
					{ name: 'Pending', value: 'pending' },
				],
				default: 'final',
				description: 'Pending submissions can still be canceled; final ones have left',
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Send Time', value: 'send_at' },
					{ name: 'Message ID', value: 'email_id' },
					{ name: 'Thread ID', value: 'thread_id' },
				],
				default: 'send_at',
				description: 'Which field to sort the submissions by',
			},
			{
				displayName: 'Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Descending', value: 'desc' },
					{ name: 'Ascending', value: 'asc' },
				],
				default: 'desc',
				description: 'Whether the highest value comes first (descending) or last',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

const ID_LISTS: Array<[field: string, param: string]> = [
	['identityIds', 'identity_ids'],
	['emailIds', 'email_ids'],
	['threadIds', 'thread_ids'],
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const sort = this.getNodeParameter('sort', itemIndex, {}) as { sortBy?: string; sortDirection?: string };
	const qs: IDataObject = { ...mailboxQs(this, itemIndex) };
	for (const [field, param] of ID_LISTS) {
		const raw = filters[field];
		const ids = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(','))
			.map((id) => id.trim())
			.filter(Boolean);
		if (ids.length) qs[param] = ids.join(',');
	}
	if (filters.undoStatus) qs.undo_status = filters.undoStatus;
	if (filters.after) qs.after = toRfc3339Utc(this, filters.after, 'Sent After', itemIndex);
	if (filters.before) qs.before = toRfc3339Utc(this, filters.before, 'Sent Before', itemIndex);
	if (sort.sortBy) qs.sort_by = sort.sortBy;
	if (sort.sortDirection) qs.sort_direction = sort.sortDirection;
	return await collectPages<IDataObject>(
		this,
		{ surface: 'mailbox', method: 'GET', path: '/mailbox/submissions', qs, itemIndex },
		{ limit, maxPageSize: 100 },
	);
}
