import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import { mailboxScopeProperty } from '../mailboxShared/scope';
import * as get from './get.operation';
import * as getContent from './getContent.operation';
import * as getMany from './getMany.operation';
import * as getMessages from './getMessages.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['thread'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a thread',
			description: 'Get a conversation: subject, participants, counts and message IDs',
		},
		{
			name: 'Get Content',
			value: 'getContent',
			action: 'Get the content of a thread',
			description: 'Read a whole conversation, cleaned and oldest first, as one item for an AI agent',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many threads',
			description: 'Search and filter conversations, most recent activity first',
		},
		{
			name: 'Get Messages',
			value: 'getMessages',
			action: 'Get the messages of a thread',
			description: 'List the messages of a conversation',
		},
	],
	default: 'getMany',
};

export const thread: ResourceModule = {
	description: [
		operationPicker,
		mailboxScopeProperty('thread'),
		...get.description,
		...getContent.description,
		...getMany.description,
		...getMessages.description,
	],
	operations: { get, getContent, getMany, getMessages },
};
