import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { sendmuxRequest } from '../../transport/request';
import { mailboxQs, requiredId, segment } from '../mailboxShared/scope';

const displayOptions = { show: { resource: ['submission'], operation: ['get'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Submission ID',
		name: 'submissionId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the submission, for example mapped from a Submission → Get Many result',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requiredId(
		this,
		'submissionId',
		'Submission ID',
		itemIndex,
		'Map the submission ID from Submission → Get Many, for example {{ $json.id }}.',
	);
	const response = await sendmuxRequest.call(this, {
		surface: 'mailbox',
		method: 'GET',
		path: `/mailbox/submissions/${segment(id)}`,
		qs: mailboxQs(this, itemIndex),
		itemIndex,
	});
	return response.data as IDataObject;
}
