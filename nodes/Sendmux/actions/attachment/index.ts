import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import { mailboxScopeProperty } from '../mailboxShared/scope';
import * as download from './download.operation';
import * as upload from './upload.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['attachment'] } },
	options: [
		{
			name: 'Download',
			value: 'download',
			action: 'Download an attachment',
			description: 'Download one attachment of a message as binary data',
		},
		{
			name: 'Upload',
			value: 'upload',
			action: 'Upload an attachment',
			description: 'Upload a file and get a blob ID to attach to a later message',
		},
	],
	default: 'download',
};

export const attachment: ResourceModule = {
	description: [operationPicker, mailboxScopeProperty('attachment'), ...download.description, ...upload.description],
	operations: { download, upload },
};
