import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import { mailboxScopeProperty } from '../mailboxShared/scope';
import * as get from './get.operation';
import * as getQuotas from './getQuotas.operation';
import * as getUsage from './getUsage.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['mailboxAccount'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the mailbox account',
			description: 'Get the mailbox this key acts as: address, status, storage quota and use',
		},
		{
			name: 'Get Quotas',
			value: 'getQuotas',
			action: 'Get the quotas of the mailbox',
			description: 'List the storage and count limits of the mailbox',
		},
		{
			name: 'Get Usage',
			value: 'getUsage',
			action: 'Get the usage of the mailbox',
			description: 'How much of each limit is used, with its warning status',
		},
	],
	default: 'get',
};

export const mailboxAccount: ResourceModule = {
	description: [
		operationPicker,
		mailboxScopeProperty('mailboxAccount'),
		...get.description,
		...getQuotas.description,
		...getUsage.description,
	],
	operations: { get, getQuotas, getUsage },
};
