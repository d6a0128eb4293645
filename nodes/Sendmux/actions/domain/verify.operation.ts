import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { domainLocator, resolveDomainId } from '../../shared/locators';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['domain'], operation: ['verify'] } };

const properties: INodeProperties[] = [domainLocator()];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const domainId = await resolveDomainId(this, itemIndex);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'POST',
		path: `/domains/${encodeURIComponent(domainId)}/verify`,
		itemIndex,
	});
	// The result does not name the domain; a workflow verifying many needs to know which.
	return { id: domainId, ...(response.data as IDataObject) };
}
