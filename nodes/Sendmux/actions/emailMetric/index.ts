import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as get from './get.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['emailMetric'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get email metrics',
			description:
				'Count sent, failed, rejected and pending emails over a period, with a time series',
		},
	],
	default: 'get',
};

export const emailMetric: ResourceModule = {
	description: [operationPicker, ...get.description],
	operations: { get },
};
