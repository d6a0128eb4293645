import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import { mailboxScopeProperty } from '../mailboxShared/scope';
import * as getDefault from './getDefault.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['senderIdentity'] } },
	options: [
		{
			name: 'Get Default',
			value: 'getDefault',
			action: 'Get the default sender identity',
			description: 'Get the name and signatures messages are sent with by default',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many sender identities',
			description: 'List the addresses this mailbox can send as',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update the default sender identity',
			description: 'Change the default sender name and the text and HTML signatures',
		},
	],
	default: 'getMany',
};

export const senderIdentity: ResourceModule = {
	description: [
		operationPicker,
		mailboxScopeProperty('senderIdentity'),
		...getDefault.description,
		...getMany.description,
		...update.description,
	],
	operations: { getDefault, getMany, update },
};
