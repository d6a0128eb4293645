import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { idempotencyKeyOption } from '../../shared/writeOptions';
import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';
import { domainOutput, domainSimplifyProperty } from './simplify';

const displayOptions = { show: { resource: ['domain'], operation: ['create'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Domain Name',
		name: 'domainName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'mail.example.com',
		description: 'The domain (or subdomain) to send from, without https:// or a path',
	},
	{
		displayName: 'Mode',
		name: 'domainMode',
		type: 'options',
		options: [
			{
				name: 'Send and Receive',
				value: 'send_receive',
				description: 'Send email and host mailboxes on this domain (its MX records point at Sendmux)',
			},
			{
				name: 'Send Only',
				value: 'send_only',
				description: 'Send email only; MX records stay as they are. Can be upgraded later.',
			},
		],
		default: 'send_receive',
	},
	domainSimplifyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [idempotencyKeyOption],
	},
	{
		displayName:
			'The output lists the DNS records to place at your DNS provider. Then run Domain → Verify (Sendmux also re-checks every 6 hours).',
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/** A bare domain name: labels of letters, digits and hyphens, at least one dot. */
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// DNS names are case-insensitive and Sendmux wants them lowercased.
	const domainName = String(this.getNodeParameter('domainName', itemIndex)).trim().toLowerCase();
	if (!DOMAIN_NAME.test(domainName)) {
		throw new NodeOperationError(
			this.getNode(),
			`Domain Name "${domainName}" of item ${itemIndex} is not a domain name`,
			{
				itemIndex,
				description: 'Enter the domain only, such as mail.example.com: no https://, no path, no email address.',
			},
		);
	}
	const mode = this.getNodeParameter('domainMode', itemIndex) as string;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as { idempotencyKey?: string };
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: '/domains',
		body: { domain: domainName, mode },
		idempotencyKey: idempotencyKeyFor(this, itemIndex, ['domain.create'], options.idempotencyKey),
		itemIndex,
	});
	return domainOutput(response.data as IDataObject, simplify);
}
