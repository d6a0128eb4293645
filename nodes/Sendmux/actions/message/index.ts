import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import { mailboxScopeProperty } from '../mailboxShared/scope';
import * as count from './count.operation';
import * as deleteMessage from './delete.operation';
import * as forward from './forward.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getSnippets from './getSnippets.operation';
import * as reply from './reply.operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as update from './update.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['message'] } },
	options: [
		{
			name: 'Count',
			value: 'count',
			action: 'Count messages',
			description: 'Count the messages that match a search and filters',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a message',
			description: 'Move a message to Trash, or erase it permanently',
		},
		{
			name: 'Forward',
			value: 'forward',
			action: 'Forward a message',
			description: 'Forward a message with its attachments to new recipients',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a message',
			description: 'Read one message: clean content for AI agents, a simplified view, or the raw bodies',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Search messages',
			description: 'Search and filter the messages of the mailbox, newest first',
		},
		{
			name: 'Get Search Snippets',
			value: 'getSnippets',
			action: 'Get search snippets',
			description: 'Show where search words match in subjects and bodies',
		},
		{
			name: 'Reply',
			value: 'reply',
			action: 'Reply to a message',
			description: 'Answer a message in its thread (In-Reply-To and References are set)',
		},
		{
			name: 'Send',
			value: 'send',
			action: 'Send a message',
			description: 'Send a new message from the mailbox',
		},
		{
			name: 'Send and Wait for Response',
			value: 'sendAndWait',
			action: 'Send a message and wait for the answer',
			description:
				'Send a question from the mailbox and pause the workflow until the person answers',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a message',
			description: 'Mark a message read or unread, flag it, or add and remove keywords (labels)',
		},
	],
	default: 'getMany',
};

export const message: ResourceModule = {
	description: [
		operationPicker,
		mailboxScopeProperty('message'),
		...count.description,
		...deleteMessage.description,
		...forward.description,
		...get.description,
		...getMany.description,
		...getSnippets.description,
		...reply.description,
		...send.description,
		...sendAndWait.description,
		...update.description,
	],
	operations: {
		count,
		delete: deleteMessage,
		forward,
		get,
		getMany,
		getSnippets,
		reply,
		send,
		sendAndWait,
		update,
	},
};
