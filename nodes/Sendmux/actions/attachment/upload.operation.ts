import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { selectBinaryProperties, uploadAttachment } from '../mailboxShared/attachments';
import { mailboxQs } from '../mailboxShared/scope';

const displayOptions = { show: { resource: ['attachment'], operation: ['upload'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the file to upload',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "The attachment's name in the message. Leave empty to keep the file's own name.",
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/** n8n binary → blob ID, for attaching by reference in a later send. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const [property] = selectBinaryProperties(this, name, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { fileName?: string };
	const meta = this.helpers.assertBinaryData(itemIndex, property);
	const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const fileName = options.fileName?.trim() || meta.fileName || property;
	const uploaded = await uploadAttachment(this, itemIndex, bytes, fileName, mailboxQs(this, itemIndex));
	return { ...uploaded };
}
