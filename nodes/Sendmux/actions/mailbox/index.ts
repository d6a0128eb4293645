import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as checkAvailability from './checkAvailability.operation';
import * as create from './create.operation';
import * as createKey from './createKey.operation';
import * as deleteMailbox from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as resume from './resume.operation';
import * as revokeKey from './revokeKey.operation';
import * as suspend from './suspend.operation';
import * as update from './update.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['mailbox'] } },
	options: [
		{
			name: 'Check Availability',
			value: 'checkAvailability',
			action: 'Check if a mailbox address is available',
			description: 'Check whether an address can be used for a new mailbox, and why not',
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a mailbox',
			description: 'Create a mailbox for a person or an AI agent; returns its key once',
		},
		{
			name: 'Create Key',
			value: 'createKey',
			action: 'Create a mailbox key',
			description: 'Create another key (API token and IMAP/SMTP password) for a mailbox; returns it once',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a mailbox',
			description: 'Delete a mailbox and revoke all its keys',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a mailbox',
			description: 'Get a mailbox with its quota, send scope and status',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many mailboxes',
			description: "List the team's mailboxes",
		},
		{
			name: 'Resume',
			value: 'resume',
			action: 'Resume a mailbox',
			description: 'Let a suspended mailbox receive, send and log in again',
		},
		{
			name: 'Revoke Key',
			value: 'revokeKey',
			action: 'Revoke a mailbox key',
			description: 'Revoke one key of a mailbox; it stops working at once',
		},
		{
			name: 'Suspend',
			value: 'suspend',
			action: 'Suspend a mailbox',
			description: 'Stop a mailbox receiving, sending and logging in, keeping its mail and keys',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a mailbox',
			description: "Change a mailbox's display name, storage quota or send scope",
		},
	],
	default: 'getMany',
};

export const mailbox: ResourceModule = {
	description: [
		operationPicker,
		...checkAvailability.description,
		...create.description,
		...createKey.description,
		...deleteMailbox.description,
		...get.description,
		...getMany.description,
		...resume.description,
		...revokeKey.description,
		...suspend.description,
		...update.description,
	],
	operations: {
		checkAvailability,
		create,
		createKey,
		delete: deleteMailbox,
		get,
		getMany,
		resume,
		revokeKey,
		suspend,
		update,
	},
};
