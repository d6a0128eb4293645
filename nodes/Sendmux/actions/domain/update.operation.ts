import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { domainLocator, resolveDomainId } from '../../shared/locators';
import { ifMatchOption, readIfMatch, withEtag } from '../../shared/writeOptions';
import { sendmuxRequest } from '../../transport/request';
import { domainOutput, domainSimplifyProperty } from './simplify';

const displayOptions = { show: { resource: ['domain'], operation: ['update'] } };

const properties: INodeProperties[] = [
	domainLocator(),
	{
		displayName: 'Mode',
		name: 'domainMode',
		type: 'options',
		options: [
			{
				name: 'Send and Receive',
				value: 'send_receive',
				description: 'Upgrade a send-only domain so it can host mailboxes',
			},
		],
		default: 'send_receive',
		description:
			'The only change Sendmux allows is upgrading a send-only domain; downgrades are refused',
		hint: 'After the upgrade the domain is pending again until its new MX records verify.',
	},
	domainSimplifyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [ifMatchOption],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const domainId = await resolveDomainId(this, itemIndex);
	const mode = this.getNodeParameter('domainMode', itemIndex) as string;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'PATCH',
		path: `/domains/${encodeURIComponent(domainId)}`,
		body: { mode },
		ifMatch: readIfMatch(this, itemIndex, options),
		itemIndex,
	});
	return withEtag(domainOutput(response.data as IDataObject, simplify), response.etag);
}
