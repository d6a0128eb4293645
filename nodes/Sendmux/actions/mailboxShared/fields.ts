import type { INodeProperties } from 'n8n-workflow';

/** The Message ID field of message operations. */
export function messageIdProperty(description = 'The ID of the message'): INodeProperties {
	return {
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. msg_a1b2c3',
		description: `${description}, as given by the Sendmux Mailbox Trigger, Message → Get Many or a previous step`,
	};
}

export const MESSAGE_ID_HINT =
	'Map the message ID from the previous step, for example {{ $json.id }} after Message → Get Many.';

/** "Only if unchanged": one definition for every write (see shared/writeOptions). */
export { ifMatchOption } from '../../shared/writeOptions';
