import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { checkPublicId } from '../../shared/ids';
import { pickFields, simplifyToFieldsProperty } from '../../shared/simplify';
import { sendmuxRequest } from '../../transport/request';
import { SIMPLIFIED_INBOX_LOG_FIELDS } from './fields';

const displayOptions = { show: { resource: ['inboxLog'], operation: ['get'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Inbox Log ID',
		name: 'logId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'ilog_9ed2f2fdbacf38ef05c6a8b9',
		description: 'The ID of the inbox log to get (ilog_…), as listed by Inbox Log → Get Many',
	},
	simplifyToFieldsProperty(displayOptions, SIMPLIFIED_INBOX_LOG_FIELDS),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const logId = checkPublicId(this, this.getNodeParameter('logId', itemIndex), {
		prefix: 'ilog',
		fieldName: 'Inbox Log ID',
		itemIndex,
		whereToFindIt: 'take the id field of an item from Inbox Log → Get Many',
	});
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: `/inboxes/logs/${encodeURIComponent(logId)}`,
		itemIndex,
	});
	const log = response.data as IDataObject;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? pickFields(log, SIMPLIFIED_INBOX_LOG_FIELDS) : log;
}
