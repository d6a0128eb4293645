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
import { idempotencyKeyOption, messageFields } from './fields';
import * as send from './send.operation';

const displayOptions = { show: { resource: ['email'], operation: ['sendAndWait'] } };

/** Email → Send's own fields, so both operations name and check them the same way. */
const sendFields = messageFields(false);
const pick = (name: string): INodeProperties => {
	const property = sendFields.find((field) => field.name === name);
	if (!property) throw new Error(`Email → Send has no field "${name}"`);
	return property;
};
const ADDITIONAL_FIELDS = ['bcc', 'cc', 'fromName', 'replyTo', 'toName'];
const additionalFields = pick('additionalFields');

const properties: INodeProperties[] = [
	pick('fromEmail'),
	{ ...pick('toEmail'), description: 'The person who answers. "Name &lt;address&gt;" sets the display name too.' },
	pick('subject'),
	...responseProperties,
	{
		...additionalFields,
		options: (additionalFields.options as INodeProperties[]).filter((option) => ADDITIONAL_FIELDS.includes(option.name)),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [idempotencyKeyOption(false), ...waitOptions].sort(byDisplayName),
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Emails the question from the Sending API and waits for the answer. The email goes out
 * through Email → Send itself (its checks, Idempotency-Key and errors); only the body is ours.
 */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendRequestAndWait(this, async (request) => {
		const asSend = withParameters(this, { emailFormat: 'both', html: request.html, text: request.text });
		return await send.execute.call(asSend, 0);
	});
}
