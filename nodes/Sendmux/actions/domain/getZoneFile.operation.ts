import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { domainLocator, resolveDomainId } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['domain'], operation: ['getZoneFile'] } };

const properties: INodeProperties[] = [
	domainLocator(),
	{
		displayName: 'Output',
		name: 'zoneFileOutput',
		type: 'options',
		options: [
			{ name: 'File', value: 'binary', description: 'The zone file as a binary file, to upload or save' },
			{ name: 'Text Field', value: 'text', description: 'The zone file as text in the zoneFile field' },
		],
		default: 'text',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { zoneFileOutput: ['binary'] } },
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const domainId = await resolveDomainId(this, itemIndex);
	const output = this.getNodeParameter('zoneFileOutput', itemIndex, 'text') as string;
	const response = await sendmuxRequest.call(this, {
			surface: 'management',
			method: 'GET',
			path: `/domains/${encodeURIComponent(domainId)}/zone-file`,
			responseType: 'text',
		itemIndex,
	});
	const zoneFile = Buffer.isBuffer(response.data) ? response.data.toString('utf8') : String(response.data ?? '');
	if (output !== 'binary') return [{ json: { id: domainId, zoneFile } }];
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const file = await this.helpers.prepareBinaryData(
		Buffer.from(zoneFile, 'utf8'),
		`${domainId}.zone`,
		'text/plain',
	);
	return [{ json: { id: domainId }, binary: { [binaryPropertyName]: file } }];
}
