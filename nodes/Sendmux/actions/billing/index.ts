import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../../shared/operation';
import * as getBalance from './getBalance.operation';
import * as getManyTransactions from './getManyTransactions.operation';
import * as getSpendSummary from './getSpendSummary.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['billing'] } },
	options: [
		{
			name: 'Get Balance',
			value: 'getBalance',
			action: 'Get the credit balance',
			description: "Get the team's credit balance and auto top-up settings",
		},
		{
			name: 'Get Many Transactions',
			value: 'getManyTransactions',
			action: 'Get many billing transactions',
			description: 'List purchases, usage, top-ups, refunds and adjustments, newest first',
		},
		{
			name: 'Get Spend Summary',
			value: 'getSpendSummary',
			action: 'Get a spend summary',
			description: 'Add up purchases and usage over the last 7, 30 or 90 days',
		},
	],
	default: 'getBalance',
};

export const billing: ResourceModule = {
	description: [
		operationPicker,
		...getBalance.description,
		...getManyTransactions.description,
		...getSpendSummary.description,
	],
	operations: { getBalance, getManyTransactions, getSpendSummary },
};
