import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as get from './get.operation';
import * as replace from './replace.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['senderFilter'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a sender filter',
			description: 'Get the mode and rules deciding whose mail a domain or mailbox accepts',
		},
		{
			name: 'Replace',
			value: 'replace',
			action: 'Replace a sender filter',
			description: 'Replace the mode and all rules of a domain or mailbox filter at once',
		},
	],
	default: 'get',
};

export const senderFilter: ResourceModule = {
	description: [operationPicker, ...get.description, ...replace.description],
	operations: { get, replace },
};
