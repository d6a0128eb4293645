import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['deliveryLog'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a delivery log',
			description: 'Get the delivery record of one sent email, with per-recipient outcomes',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many delivery logs',
			description: 'List delivery records of sent email, filtered by status, dates, provider or text',
		},
	],
	default: 'getMany',
};

export const deliveryLog: ResourceModule = {
	description: [operationPicker, ...get.description, ...getMany.description],
	operations: { get, getMany },
};
