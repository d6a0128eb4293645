import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['inboxLog'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get an inbox log',
			description: 'Get the record of one message a mailbox received',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many inbox logs',
			description: "List messages received by the team's mailboxes, filtered by mailbox, kind, dates or text",
		},
	],
	default: 'getMany',
};

export const inboxLog: ResourceModule = {
	description: [operationPicker, ...get.description, ...getMany.description],
	operations: { get, getMany },
};
