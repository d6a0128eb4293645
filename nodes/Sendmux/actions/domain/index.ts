import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as create from './create.operation';
import * as deleteDomain from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getZoneFile from './getZoneFile.operation';
import * as update from './update.operation';
import * as verify from './verify.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['domain'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a domain',
			description: 'Add a sending domain and get the DNS records to place for it',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a domain',
			description: 'Remove a sending domain that no active mailbox uses',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a domain',
			description: 'Get a sending domain with its DNS records and verification status',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many domains',
			description: "List the team's sending domains",
		},
		{
			name: 'Get Zone File',
			value: 'getZoneFile',
			action: 'Get the zone file of a domain',
			description: "Get the domain's DNS records as a BIND zone file, for DNS providers that import one",
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a domain',
			description: 'Upgrade a send-only domain to send and receive',
		},
		{
			name: 'Verify',
			value: 'verify',
			action: 'Verify a domain',
			description: "Check the domain's DNS records now and mark it verified when all pass",
		},
	],
	default: 'getMany',
};

export const domain: ResourceModule = {
	description: [
		operationPicker,
		...create.description,
		...deleteDomain.description,
		...get.description,
		...getMany.description,
		...getZoneFile.description,
		...update.description,
		...verify.description,
	],
	operations: { create, delete: deleteDomain, get, getMany, getZoneFile, update, verify },
};
