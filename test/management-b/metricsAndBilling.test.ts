import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { balance, emailMetrics, spendSummary, transaction } from './fixtures';

function node(resource: string, operation: string, parameters: Record<string, unknown> = {}) {
	return { parameters: { resource, operation, ...parameters } };
}

describe('Email Metric → Get', () => {
	it('asks for a preset window with granularity and provider, and outputs one item', async () => {
		const api = new SendmuxApi();
		const metrics = emailMetrics();
		api.app('GET', '/emails/metrics').ok(metrics);

		const { items, error } = await runNode({
			node: node('emailMetric', 'get', {
				period: '7d',
				granularity: 'hourly',
				options: { providerId: 'prov_clses01' },
			}),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([metrics]);
		expect(api.requests[0].query).toEqual({ window: '7d', granularity: 'hourly', provider_id: 'prov_clses01' });
	});

	it('sends a custom range instead of a window, and can output one item per time bucket', async () => {
		const api = new SendmuxApi();
		const metrics = emailMetrics();
		api.app('GET', '/emails/metrics').ok(metrics);

		const { items, error } = await runNode({
			node: node('emailMetric', 'get', {
				period: 'custom',
				fromDate: '2026-11-19T00:00:00Z',
				toDate: '2026-11-20T23:59:59Z',
				granularity: 'daily',
				options: { output: 'timeseries' },
			}),
		});

		expect(error).toBeUndefined();
		expect(api.requests[0].query).toEqual({
			from_date: '2026-11-19T00:00:00Z',
			to_date: '2026-11-20T23:59:59Z',
			granularity: 'daily',
		});
		expect(items.map((item) => item.json)).toEqual(metrics.timeseries);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('refuses a custom range without a start, before any request', async () => {
		const api = new SendmuxApi();

		const { error } = await runNode({
			node: node('emailMetric', 'get', { period: 'custom', fromDate: '={{ "" }}', granularity: 'daily' }),
		});

		expect(error?.message).toBe('From Date is empty in item 0');
		expect(api.requests).toHaveLength(0);
	});
});

describe('Billing → Get Balance', () => {
	it('outputs the balance with its auto top-up settings', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/billing/balance').ok(balance());

		const { items, error } = await runNode({ node: node('billing', 'getBalance') });

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([balance()]);
		expect(api.requests[0].headers.authorization).toMatch(/^Bearer smx_root_/);
	});
});

describe('Billing → Get Spend Summary', () => {
	it('asks for the chosen number of days', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/billing/summary').ok(spendSummary(7));

		const { items, error } = await runNode({ node: node('billing', 'getSpendSummary', { days: '7' }) });

		expect(error).toBeUndefined();
		expect(api.requests[0].query).toEqual({ days: '7' });
		expect(items[0].json).toEqual(spendSummary(7));
	});
});

describe('Billing → Get Many Transactions', () => {
	it('filters by type and returns every transaction across 3 pages with Return All', async () => {
		const api = new SendmuxApi();
		const pages = [[transaction(), transaction()], [transaction()], [transaction()]];
		api.app('GET', '/billing/transactions').ok(pages[0], { pagination: { has_more: true, next_cursor: 'c_2' } });
		api.app('GET', '/billing/transactions').ok(pages[1], { pagination: { has_more: true, next_cursor: 'c_3' } });
		api.app('GET', '/billing/transactions').ok(pages[2], { pagination: { has_more: false } });

		const { items, error } = await runNode({
			node: node('billing', 'getManyTransactions', { returnAll: true, filters: { type: 'USAGE' } }),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(pages.flat().map((tx) => tx.id));
		expect(api.requests.map((request) => request.query)).toEqual([
			{ type: 'USAGE', limit: '100' },
			{ type: 'USAGE', limit: '100', cursor: 'c_2' },
			{ type: 'USAGE', limit: '100', cursor: 'c_3' },
		]);
	});

	it('returns up to Limit transactions without a filter', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/billing/transactions').ok([transaction({ type: 'PURCHASE', amount: '50.000000' })], {
			pagination: { has_more: false },
		});

		const { items, error } = await runNode({ node: node('billing', 'getManyTransactions', { limit: 5 }) });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(api.requests[0].query).toEqual({ limit: '5' });
	});
});
