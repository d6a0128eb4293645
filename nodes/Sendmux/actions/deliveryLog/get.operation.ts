import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { checkPublicId } from '../../shared/ids';
import { pickFields, simplifyToFieldsProperty } from '../../shared/simplify';
import { sendmuxRequest } from '../../transport/request';
import { SIMPLIFIED_DELIVERY_LOG_FIELDS } from './fields';

const displayOptions = { show: { resource: ['deliveryLog'], operation: ['get'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Delivery Log ID',
		name: 'logId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'dlog_clxxxxxxxxxxxxxxxxxxxxxxxxx',
		description: 'The ID of the delivery log to get (dlog_…), as listed by Delivery Log → Get Many',
	},
	simplifyToFieldsProperty(displayOptions, SIMPLIFIED_DELIVERY_LOG_FIELDS),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const logId = checkPublicId(this, this.getNodeParameter('logId', itemIndex), {
		prefix: 'dlog',
		fieldName: 'Delivery Log ID',
		itemIndex,
		whereToFindIt: 'take the id field of an item from Delivery Log → Get Many',
	});
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: `/emails/logs/${encodeURIComponent(logId)}`,
		itemIndex,
	});
	const log = response.data as IDataObject;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? pickFields(log, SIMPLIFIED_DELIVERY_LOG_FIELDS) : log;
}
