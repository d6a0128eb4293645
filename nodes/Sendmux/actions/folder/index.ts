import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import { mailboxScopeProperty } from '../mailboxShared/scope';
import * as create from './create.operation';
import * as deleteFolder from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['folder'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create a folder', description: 'Create a mailbox folder' },
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a folder',
			description: 'Delete an empty folder you created',
		},
		{ name: 'Get', value: 'get', action: 'Get a folder', description: 'Get a folder with its message counts' },
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many folders',
			description: 'List the folders of the mailbox, built-in ones included',
		},
		{ name: 'Update', value: 'update', action: 'Update a folder', description: 'Rename or move a folder' },
	],
	default: 'getMany',
};

export const folder: ResourceModule = {
	description: [
		operationPicker,
		mailboxScopeProperty('folder'),
		...create.description,
		...deleteFolder.description,
		...get.description,
		...getMany.description,
		...update.description,
	],
	operations: { create, delete: deleteFolder, get, getMany, update },
};
