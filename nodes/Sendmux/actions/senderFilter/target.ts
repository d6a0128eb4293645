import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { domainLocator, mailboxLocator, resolveDomainId, resolveMailboxId } from '../../shared/locators';

/** Sender filters exist for a whole domain and for one mailbox; the mailbox's win. */
export const targetProperties: INodeProperties[] = [
	{
		displayName: 'Filter Of',
		name: 'filterTarget',
		type: 'options',
		options: [
			{
				name: 'Domain',
				value: 'domain',
				description: 'The domain-wide filter, for every mailbox on a send-and-receive domain',
			},
			{
				name: 'Mailbox',
				value: 'mailbox',
				description: "One mailbox's own filter; it takes precedence over its domain's",
			},
		],
		default: 'mailbox',
	},
	domainLocator({
		description: 'The send-and-receive domain whose domain-wide filter to use',
		displayOptions: { show: { filterTarget: ['domain'] } },
	}),
	mailboxLocator({
		description: 'The mailbox whose own filter to use',
		displayOptions: { show: { filterTarget: ['mailbox'] } },
	}),
];

/** The filters path of the chosen domain or mailbox. */
export async function filtersPath(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const target = ctx.getNodeParameter('filterTarget', itemIndex) as string;
	if (target === 'domain') {
		return `/domains/${encodeURIComponent(await resolveDomainId(ctx, itemIndex))}/filters`;
	}
	return `/mailboxes/${encodeURIComponent(await resolveMailboxId(ctx, itemIndex))}/filters`;
}
