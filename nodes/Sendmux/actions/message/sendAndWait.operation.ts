import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { byDisplayName } from '../../shared/descriptions';
import { responseProperties, waitOptions } from '../../shared/sendAndWait/description';
import { sendRequestAndWait } from '../../shared/sendAndWait/execute';
import { withParameters } from '../../shared/sendAndWait/overlay';
import { composeOptions } from '../mailboxShared/compose';
import * as send from './send.operation';

const displayOptions = { show: { resource: ['message'], operation: ['sendAndWait'] } };

/** Message → Send's own To and Subject, so both operations read and check them the same way. */
function sendField(name: string): INodeProperties {
	const property = send.description.find((field) => field.name === name);
	if (!property) throw new Error(`Message → Send has no field "${name}"`);
	return { ...property, displayOptions: undefined };
}

const SEND_OPTIONS = ['bcc', 'cc', 'identity', 'idempotencyKey', 'replyTo'];

const properties: INodeProperties[] = [
	{ ...sendField('to'), description: 'Who answers, separated by commas; anyone of them can answer, once' },
	sendField('subject'),
	...responseProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...composeOptions().filter((option) => SEND_OPTIONS.includes(option.name)), ...waitOptions].sort(byDisplayName),
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Sends the question from the mailbox (so it sits in the person's thread and in Sent) and
 * waits for the answer. The message goes out through Message → Send itself (its checks,
 * Idempotency-Key and errors); only the bodies are ours.
 */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendRequestAndWait(this, async (request) => {
		const asSend = withParameters(this, { text: request.text, html: request.html });
		return await send.execute.call(asSend, 0);
	});
}
