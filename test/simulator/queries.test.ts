import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

interface QueryChanges {
	old_query_state: string | null;
	new_query_state: string;
	added: Array<{ id: string; index: number }>;
	removed: string[];
	total: number | null;
}

describe('simulator: search snippets and query changes', () => {
	const sim = useSimulator();

	const inbound = (subject: string, text: string) =>
		sim().control.injectInbound({ mailbox: 'agent@example.com', from: { email: 'customer@example.net' }, subject, text });

	it('returns snippets of matching messages and lists unknown message ids as not found', async () => {
		inbound('Invoice 42', 'Please find the invoice for order 42 attached.');
		inbound('Lunch', 'Shall we meet at noon?');
		const found = await call<{ data: { snippets: Array<{ subject: string; preview: string }>; not_found: string[]; sync_state: string } }>(sim(), 'app', {
			path: '/mailbox/messages/search-snippets',
			query: { q: 'invoice' },
		});
		expect(found.body.data.snippets).toEqual([expect.objectContaining({ subject: 'Invoice 42', preview: expect.stringContaining('invoice for order 42') })]);
		const byId = await call<{ data: { not_found: string[] } }>(sim(), 'app', { path: '/mailbox/messages/search-snippets', query: { q: 'x', message_ids: 'msg_missing' } });
		expect(byId.body.data.not_found).toEqual(['msg_missing']);
	});

	it('reports messages added to and removed from a query since its state', async () => {
		inbound('First', 'one');
		const first = await call<{ data: QueryChanges }>(sim(), 'app', { path: '/mailbox/messages/query-changes', query: { calculate_total: true } });
		expect(first.body.data).toMatchObject({ old_query_state: null, total: 1 });
		const [only] = first.body.data.added;
		inbound('Second', 'two');
		await call(sim(), 'app', { method: 'DELETE', path: `/mailbox/messages/${only.id}`, query: { permanent: true } });
		const next = await call<{ data: QueryChanges }>(sim(), 'app', {
			path: '/mailbox/messages/query-changes',
			query: { calculate_total: true, since_query_state: first.body.data.new_query_state },
		});
		expect(next.body.data.removed).toEqual([only.id]);
		expect(next.body.data.added).toEqual([{ id: expect.any(String), index: 0 }]);
		expect(next.body.data.total).toBe(1);
		const unknown = await call(sim(), 'app', { path: '/mailbox/messages/query-changes', query: { since_query_state: 's999' } });
		expect(unknown.status).toBe(400);
	});

	it('reports a created folder as added to the folder query', async () => {
		const first = await call<{ data: QueryChanges }>(sim(), 'app', { path: '/mailbox/folders/query-changes' });
		expect(first.body.data.added).toHaveLength(6);
		const created = await call<{ data: { id: string } }>(sim(), 'app', { method: 'POST', path: '/mailbox/folders', body: { name: 'Receipts' } });
		const next = await call<{ data: QueryChanges }>(sim(), 'app', { path: '/mailbox/folders/query-changes', query: { since_query_state: first.body.data.new_query_state } });
		expect(next.body.data.added).toEqual([{ id: created.body.data.id, index: 0 }]);
		expect(next.body.data.removed).toEqual([]);
	});
});
