import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { domainFixture } from './fixtures';

const domains = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => domainFixture(from + i));

async function getMany(parameters: Record<string, unknown>) {
	return await runNode({
		node: { parameters: { resource: 'domain', operation: 'getMany', ...parameters } },
	});
}

describe('pagination', () => {
	it('Return All follows next_cursor across three pages, asking for full pages', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok(domains(0, 100), { pagination: { has_more: true, next_cursor: 'c1' } });
		api.app('GET', '/domains').ok(domains(100, 100), { pagination: { has_more: true, next_cursor: 'c2' } });
		api.app('GET', '/domains').ok(domains(200, 20), { pagination: { has_more: false } });
		const { items, error } = await getMany({ returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(220);
		expect(items[219].json.id).toBe(domainFixture(219).id);
		expect(api.requests.map((r) => r.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', cursor: 'c1' },
			{ limit: '100', cursor: 'c2' },
		]);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit stops exactly at the limit and asks only for what is still wanted', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok(domains(0, 100), { pagination: { has_more: true, next_cursor: 'c1' } });
		api.app('GET', '/domains').ok(domains(100, 50), { pagination: { has_more: true, next_cursor: 'c2' } });
		const { items } = await getMany({ returnAll: false, limit: 150 });
		expect(items).toHaveLength(150);
		expect(api.requests.map((r) => r.query.limit)).toEqual(['100', '50']);
	});

	it('a Limit below one page makes one request of that size', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok(domains(0, 30), { pagination: { has_more: true, next_cursor: 'c1' } });
		const { items } = await getMany({ returnAll: false, limit: 30 });
		expect(items).toHaveLength(30);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].query).toEqual({ limit: '30' });
	});

	it('never returns more than the Limit even if a page is larger than asked', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok(domains(0, 40), { pagination: { has_more: true, next_cursor: 'c1' } });
		const { items } = await getMany({ returnAll: false, limit: 25 });
		expect(items).toHaveLength(25);
		expect(api.requests).toHaveLength(1);
	});

	it('an empty list gives no items and one request', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok([], { pagination: { has_more: false } });
		const { items, error } = await getMany({ returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(api.requests).toHaveLength(1);
	});

	it('stops with an error instead of reading a page twice', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok(domains(0, 2), { pagination: { has_more: true, next_cursor: 'same' } });
		api.app('GET', '/domains').ok(domains(2, 2), { pagination: { has_more: true, next_cursor: 'same' } });
		const { error } = await getMany({ returnAll: true });
		expect(error?.message).toMatch(/cursor of a page already read/);
		expect(api.requests).toHaveLength(2);
	});

	it('a repeated cursor after the Limit is reached is not read, so it is no error', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok(domains(0, 5), { pagination: { has_more: true, next_cursor: 'c1' } });
		api.app('GET', '/domains').ok(domains(5, 5), { pagination: { has_more: true, next_cursor: 'c1' } });
		const { items, error } = await getMany({ returnAll: false, limit: 10 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10);
		expect(api.requests).toHaveLength(2);
	});

	it('runs once per input item, each item with its own pages', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').times(2).ok(domains(0, 3), { pagination: { has_more: false } });
		const { items } = await runNode({
			node: { parameters: { resource: 'domain', operation: 'getMany', returnAll: true } },
			input: [{ json: {} }, { json: {} }],
		});
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 0, 0, 1, 1, 1]);
	});
});
