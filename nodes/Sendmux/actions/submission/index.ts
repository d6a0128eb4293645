import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import { mailboxScopeProperty } from '../mailboxShared/scope';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['submission'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a submission',
			description: 'Get the delivery status of one sent message, per recipient',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many submissions',
			description: 'List the messages this mailbox sent, with their delivery status',
		},
	],
	default: 'getMany',
};

export const submission: ResourceModule = {
	description: [operationPicker, mailboxScopeProperty('submission'), ...get.description, ...getMany.description],
	operations: { get, getMany },
};
