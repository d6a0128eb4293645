import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

interface Listed {
	data: Array<{ id: string; created_at: string }>;
	pagination: { has_more: boolean; next_cursor?: string };
}

describe('simulator: cursor pagination', () => {
	const sim = useSimulator();

	it('lists newest first in pages of `limit`, following next_cursor until has_more is false', async () => {
		const created: string[] = [];
		for (let i = 0; i < 7; i++) {
			const response = await call<{ data: { id: string } }>(sim(), 'app', { method: 'POST', path: '/domains', body: { domain: `d${i}.example.org` } });
			created.push(response.body.data.id);
		}
		const pages: Listed[] = [];
		let cursor: string | undefined;
		do {
			const response = await call<Listed>(sim(), 'app', { path: '/domains', query: { limit: 3, ...(cursor ? { cursor } : {}) } });
			pages.push(response.body);
			cursor = response.body.pagination.next_cursor;
		} while (pages[pages.length - 1].pagination.has_more);
		expect(pages.map((p) => p.data.length)).toEqual([3, 3, 2]);
		expect(pages[2].pagination).toEqual({ has_more: false });
		const ids = pages.flatMap((p) => p.data.map((d) => d.id));
		expect(ids).toEqual([...created].reverse().concat(sim().control.seeded.domainId));
		const times = pages.flatMap((p) => p.data.map((d) => Date.parse(d.created_at)));
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});

	it('keeps pages stable when items are created between pages', async () => {
		for (let i = 0; i < 4; i++) await call(sim(), 'app', { method: 'POST', path: '/domains', body: { domain: `s${i}.example.org` } });
		const first = await call<Listed>(sim(), 'app', { path: '/domains', query: { limit: 2 } });
		await call(sim(), 'app', { method: 'POST', path: '/domains', body: { domain: 'late.example.org' } });
		const second = await call<Listed>(sim(), 'app', { path: '/domains', query: { limit: 2, cursor: first.body.pagination.next_cursor as string } });
		const seen = [...first.body.data, ...second.body.data].map((d) => d.id);
		expect(new Set(seen).size).toBe(4);
	});

	it('uses the documented default page size, and refuses limits above the documented maximum', async () => {
		sim().control.seedDeliveryLogs(60);
		const defaults = await call<Listed>(sim(), 'app', { path: '/emails/logs' });
		expect(defaults.body.data).toHaveLength(25);
		const tooMany = await call(sim(), 'app', { path: '/emails/logs', query: { limit: 101 } });
		expect(tooMany.status).toBe(400);
	});

	it('refuses a cursor it did not issue', async () => {
		const response = await call(sim(), 'app', { path: '/domains', query: { cursor: 'bm90LWEtY3Vyc29y' } });
		expect(response.status).toBe(400);
		expect(response.body.error).toMatchObject({ code: 'invalid_parameter', param: 'cursor' });
	});

	it('pages through 100,000 seeded delivery logs in 1,000 pages, each row exactly once', async () => {
		// 1,000 pages exceed the 600-a-minute Management limit: benchmarks raise it, as here.
		sim().control.setRateLimits({ app: { limit: 1_000_000 } });
		const { newestId, oldestId } = sim().control.seedDeliveryLogs(100_000);
		let cursor: string | undefined;
		let pages = 0;
		let rows = 0;
		let previous = Infinity;
		let newestFirst = true;
		let first: string | undefined;
		let last: string | undefined;
		for (;;) {
			const query: Record<string, string | number> = { limit: 100 };
			if (cursor) query.cursor = cursor;
			const url = `${sim().appBaseUrl}/emails/logs?${new URLSearchParams(query as Record<string, string>).toString()}`;
			const response = await fetch(url, { headers: { Authorization: `Bearer ${sim().keys.root}` } });
			const body = (await response.json()) as Listed;
			pages++;
			rows += body.data.length;
			first ??= body.data[0]?.id;
			last = body.data[body.data.length - 1]?.id;
			for (const row of body.data) {
				const at = Date.parse(row.created_at);
				newestFirst &&= at < previous;
				previous = at;
			}
			if (!body.pagination.has_more) break;
			cursor = body.pagination.next_cursor;
		}
		expect({ pages, rows, first, last, newestFirst }).toEqual({ pages: 1000, rows: 100_000, first: newestId, last: oldestId, newestFirst: true });
	}, 120_000);
});
