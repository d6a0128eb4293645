import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as activate from './activate.operation';
import * as cancelSharedSesLimitRequest from './cancelSharedSesLimitRequest.operation';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as deleteAccount from './delete.operation';
import * as get from './get.operation';
import * as getLimits from './getLimits.operation';
import * as getMany from './getMany.operation';
import * as getSharedSesLimit from './getSharedSesLimit.operation';
import * as getStatistics from './getStatistics.operation';
import * as getUsage from './getUsage.operation';
import * as requestLimitIncrease from './requestLimitIncrease.operation';
import * as requestSharedSesLimitIncrease from './requestSharedSesLimitIncrease.operation';
import * as testConnection from './testConnection.operation';
import * as update from './update.operation';
import { RESOURCE } from './types';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Activate',
			value: 'activate',
			action: 'Activate a sending account',
			description: 'Switch a sending account on so Sendmux routes mail through it',
		},
		{
			name: 'Cancel Shared SES Limit Request',
			value: 'cancelSharedSesLimitRequest',
			action: 'Cancel a shared SES limit request',
			description: 'Withdraw a pending request for a higher shared Amazon SES daily limit',
		},
		{
			name: 'Create SMTP Account',
			value: 'create',
			action: 'Create an SMTP sending account',
			description: 'Add a custom SMTP server as a sending account',
		},
		{
			name: 'Deactivate',
			value: 'deactivate',
			action: 'Deactivate a sending account',
			description: 'Switch a sending account off; Sendmux stops routing mail through it',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a sending account',
			description: 'Delete a custom or connected sending account (not the shared Amazon SES one)',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a sending account',
			description: 'Get one sending account with its status, settings, quotas and allowed actions',
		},
		{
			name: 'Get Limits',
			value: 'getLimits',
			action: 'Get sending account limits',
			description: 'Get how many sending accounts the team may have and the shared Amazon SES daily limit',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many sending accounts',
			description: "List the team's sending accounts, the shared Amazon SES one included",
		},
		{
			name: 'Get Shared SES Limit',
			value: 'getSharedSesLimit',
			action: 'Get the shared SES daily limit',
			description: 'Get the shared Amazon SES daily limit, today’s usage and any pending increase request',
		},
		{
			name: 'Get Statistics',
			value: 'getStatistics',
			action: 'Get sending account statistics',
			description: 'Count the team’s sending accounts by status and by type',
		},
		{
			name: 'Get Usage',
			value: 'getUsage',
			action: 'Get sending account usage',
			description: 'Get each account’s delivery counts for today and the last 7 days, one item per account',
		},
		{
			name: 'Request Account Limit Increase',
			value: 'requestLimitIncrease',
			action: 'Request a sending account limit increase',
			description: 'Ask Sendmux to allow more custom or connected sending accounts',
		},
		{
			name: 'Request Shared SES Limit Increase',
			value: 'requestSharedSesLimitIncrease',
			action: 'Request a shared SES daily limit increase',
			description: 'Ask Sendmux to review the shared Amazon SES daily sending limit',
		},
		{
			name: 'Test Connection',
			value: 'testConnection',
			action: 'Test a sending account connection',
			description: 'Check that Sendmux can log in to a custom SMTP account',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a sending account',
			description: 'Change a sending account’s SMTP settings, sender defaults, routing weight or quotas',
		},
	],
	default: 'getMany',
};

export const sendingAccount: ResourceModule = {
	description: [
		operationPicker,
		...activate.description,
		...cancelSharedSesLimitRequest.description,
		...create.description,
		...deactivate.description,
		...deleteAccount.description,
		...get.description,
		...getLimits.description,
		...getMany.description,
		...getSharedSesLimit.description,
		...getStatistics.description,
		...getUsage.description,
		...requestLimitIncrease.description,
		...requestSharedSesLimitIncrease.description,
		...testConnection.description,
		...update.description,
	],
	operations: {
		activate,
		cancelSharedSesLimitRequest,
		create,
		deactivate,
		delete: deleteAccount,
		get,
		getLimits,
		getMany,
		getSharedSesLimit,
		getStatistics,
		getUsage,
		requestLimitIncrease,
		requestSharedSesLimitIncrease,
		testConnection,
		update,
	},
};
