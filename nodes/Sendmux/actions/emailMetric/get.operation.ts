import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { dateRangeQuery } from '../../shared/dates';
import { sendmuxRequest } from '../../transport/request';

const displayOptions = { show: { resource: ['emailMetric'], operation: ['get'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		options: [
			{ name: 'Last 24 Hours', value: '24h' },
			{ name: 'Last 7 Days', value: '7d' },
			{ name: 'Last 30 Days', value: '30d' },
			{ name: 'Custom Range', value: 'custom', description: 'Choose the start and end yourself' },
		],
		default: '24h',
		description: 'Which time span to count; the comparison covers the span just before it',
	},
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"Start of the range, as an ISO 8601 date-time such as 2025-03-01T00:00:00Z (the workflow's time zone unless the value says otherwise)",
		displayOptions: { show: { period: ['custom'] } },
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'dateTime',
		default: '',
		description: 'End of the range, as an ISO 8601 date-time such as 2025-03-31T23:59:59Z; empty means now',
		displayOptions: { show: { period: ['custom'] } },
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		options: [
			{ name: 'Daily', value: 'daily' },
			{ name: 'Hourly', value: 'hourly' },
		],
		default: 'daily',
		description: 'Size of each time-series bucket',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{
						name: 'Summary and Time Series',
						value: 'all',
						description: 'One item: totals, comparison with the previous period, and the time series',
					},
					{
						name: 'One Item per Time Bucket',
						value: 'timeseries',
						description: 'One item per hour or day, ready for a chart or a spreadsheet',
					},
				],
				default: 'all',
			},
			{
				displayName: 'Provider ID',
				name: 'providerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. dprov_clxxxxxxxxxxxxxxxxxxxxxxxxx',
				description: 'Count only emails sent through this sending account (its public ID)',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface Options {
	output?: 'all' | 'timeseries';
	providerId?: string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]> {
	const period = this.getNodeParameter('period', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	let qs: IDataObject;
	if (period === 'custom') {
		qs = dateRangeQuery(
			this,
			itemIndex,
			{ value: this.getNodeParameter('fromDate', itemIndex, ''), fieldName: 'From Date' },
			{ value: this.getNodeParameter('toDate', itemIndex, ''), fieldName: 'To Date' },
		);
		if (!qs.from_date) {
			throw new NodeOperationError(this.getNode(), `From Date is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'A custom range needs a start date; or choose one of the preset periods.',
			});
		}
	} else {
		qs = { window: period };
	}
	qs.granularity = this.getNodeParameter('granularity', itemIndex) as string;
	if (options.providerId?.trim()) qs.provider_id = options.providerId.trim();

	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'GET',
		path: '/emails/metrics',
		qs,
		itemIndex,
	});
	const metrics = response.data as IDataObject;
	if (options.output === 'timeseries') {
		return (Array.isArray(metrics.timeseries) ? metrics.timeseries : []) as IDataObject[];
	}
	return metrics;
}
