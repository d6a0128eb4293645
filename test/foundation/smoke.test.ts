import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';

describe('harness smoke', () => {
	it('runs Domain → Get Many through n8n-core against a contract-checked fake', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok([], { pagination: { has_more: false } });
		const { items, error } = await runNode({
			node: { parameters: { resource: 'domain', operation: 'getMany', returnAll: true } },
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers.authorization).toMatch(/^Bearer smx_root_/);
	});
});
