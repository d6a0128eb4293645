import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendBatch from './sendBatch.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['email'] } },
	options: [
		{
			name: 'Send',
			value: 'send',
			action: 'Send an email',
			description:
				'Send one email per input item, with optional CC, BCC, headers and attachments',
		},
		{
			name: 'Send and Wait for Response',
			value: 'sendAndWait',
			action: 'Send an email and wait for the answer',
			description:
				'Email a question and pause the workflow until the person approves, declines or answers',
		},
		{
			name: 'Send Batch',
			value: 'sendBatch',
			action: 'Send a batch of emails',
			description:
				'Send many emails in calls of up to 100, one result per email',
		},
	],
	default: 'send',
};

export const email: ResourceModule = {
	description: [operationPicker, ...send.description, ...sendAndWait.description, ...sendBatch.description],
	operations: { send, sendAndWait, sendBatch },
};
