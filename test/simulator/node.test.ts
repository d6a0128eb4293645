import { describe, expect, it } from 'vitest';

import { runNode, testCredentials } from '../harness/workflow';
import { call, useSimulator } from './testing.mjs';

describe('simulator + Sendmux node', () => {
	const sim = useSimulator();

	it('runs Domain → Get Many (Return All) through n8n-core against the simulator', async () => {
		const created: string[] = [];
		for (let i = 0; i < 150; i++) {
			const response = await call<{ data: { id: string } }>(sim(), 'app', { method: 'POST', path: '/domains', body: { domain: `d${i}.acme.test` } });
			created.push(response.body.data.id);
		}
		sim().control.clearRequests();
		const { items, error } = await runNode({
			node: { parameters: { resource: 'domain', operation: 'getMany', returnAll: true } },
			credentials: testCredentials({
				sendmuxRootApi: { apiKey: sim().keys.root, appBaseUrl: sim().appBaseUrl },
				sendmuxMailboxApi: { apiKey: sim().keys.mailbox, sendingBaseUrl: sim().sendingBaseUrl, appBaseUrl: sim().appBaseUrl },
			}),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([...created].reverse().concat(sim().control.seeded.domainId));
		const requests = sim().control.requests();
		expect(requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', '/domains', 200],
			['GET', '/domains', 200],
		]);
		expect(requests[0].query).toEqual({ limit: '100' });
		expect(requests[1].query).toEqual({ limit: '100', cursor: expect.any(String) });
		expect(requests[0].headers.authorization).toBe('Bearer smx_root_…0001');
	});
});
