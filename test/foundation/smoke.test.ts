import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { ROOT_KEY, runNode } from '../harness/workflow';
import { domainFixture } from './fixtures';

describe('the in-process harness', () => {
	it('runs Domain → Get through n8n-core with the real bearer header', async () => {
		const api = new SendmuxApi();
		api.app('GET', `/domains/${domainFixture(1).id}`).ok(domainFixture(1));
		const { items, error } = await runNode({
			node: {
				parameters: {
					resource: 'domain',
					operation: 'get',
					domain: { __rl: true, mode: 'id', value: domainFixture(1).id },
				},
			},
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.domain)).toEqual(['d1.example.com']);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${ROOT_KEY}`);
	});

	it('fails the test when a reply breaks the spec', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok([{ id: 'mdom_x' }], { pagination: { has_more: false } });
		await runNode({ node: { parameters: { resource: 'domain', operation: 'getMany', returnAll: true } } });
		// Drained here so the guard in test/setup.ts does not fail this test for the planted fault.
		const { drainContractErrors } = await import('../harness/sendmuxApi');
		const violations = drainContractErrors();
		expect(violations.join('\n')).toMatch(/managementListDomains.*required property 'domain'/);
	});
});
