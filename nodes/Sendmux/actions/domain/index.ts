import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['domain'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a domain',
			description: 'Get a sending domain with its DNS records and verification status',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many domains',
			description: "List the team's sending domains",
		},
	],
	default: 'getMany',
};

export const domain: ResourceModule = {
	description: [operationPicker, ...get.description, ...getMany.description],
	operations: { get, getMany },
};
