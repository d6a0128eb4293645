import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { domainLocator, resolveDomainId } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['domain'], operation: ['delete'] } };

const properties: INodeProperties[] = [
	domainLocator({ hint: 'Sendmux refuses while active mailboxes still use the domain: delete them first.' }),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const domainId = await resolveDomainId(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'DELETE',
		path: `/domains/${encodeURIComponent(domainId)}`,
		itemIndex,
	});
	const data = response.data as { id?: string } | undefined;
	return { deleted: true, id: data?.id ?? domainId };
}
