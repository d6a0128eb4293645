import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { domainFixture, domainLocatorById, filterStateFixture, mailboxLocatorById, publicId } from './fixtures';

const filterNode = (operation: string, parameters: Record<string, unknown> = {}) => ({
	node: { parameters: { resource: 'senderFilter', operation, ...parameters } },
});

describe('Sender Filter → Get', () => {
	it("gets a mailbox's filter with its ETag", async () => {
		const api = new SendmuxApi();
		const id = publicId('mbx');
		const state = filterStateFixture();
		api.app('GET', `/mailboxes/${id}/filters`).ok(state, { headers: { ETag: 'W/"flt-1"' } });

		const { items, error } = await runNode(
			filterNode('get', { filterTarget: 'mailbox', mailbox: mailboxLocatorById(id) }),
		);

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ ...state, etag: 'W/"flt-1"' });
	});

	it('gets the domain-wide filter of a domain named by its domain name', async () => {
		const api = new SendmuxApi();
		const domain = domainFixture({ domain: 'mail.acme.test' });
		api.app('GET', '/domains').ok([domainFixture({ domain: 'other.test' }), domain], { pagination: { has_more: false } });
		api.app('GET', `/domains/${domain.id}/filters`).ok(filterStateFixture({ mode: 'off', rules: [] }));

		const { items } = await runNode(
			filterNode('get', { filterTarget: 'domain', domain: { __rl: true, mode: 'name', value: 'MAIL.acme.test' } }),
		);

		expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /domains', `GET /domains/${domain.id}/filters`]);
		expect(items[0].json).toEqual({ mode: 'off', rules: [] });
	});
});

describe('Sender Filter → Replace', () => {
	it('replaces mode and rules typed as fields, with If-Match, and outputs the new ETag', async () => {
		const api = new SendmuxApi();
		const id = publicId('mbx');
		const rules = [
			{ type: 'allow', pattern: 'partner.com', note: 'billing webhooks' },
			{ type: 'allow', pattern: 'ceo@acme.test' },
		];
		api.app('PUT', `/mailboxes/${id}/filters`).replyWith((request) => [
			200,
			{ ok: true, data: request.body, meta: { request_id: 'req_put1' } },
			{ ETag: 'W/"flt-2"' },
		]);

		const { items, error } = await runNode(
			filterNode('replace', {
				filterTarget: 'mailbox',
				mailbox: mailboxLocatorById(id),
				filterMode: 'allowlist',
				rulesSource: 'fields',
				rules: {
					rule: [
						{ type: 'allow', pattern: ' partner.com ', note: 'billing webhooks' },
						{ type: 'allow', pattern: 'ceo@acme.test', note: '' },
					],
				},
				options: { ifMatch: 'W/"flt-1"' },
			}),
		);

		expect(error).toBeUndefined();
		expect(api.requests[0].body).toEqual({ mode: 'allowlist', rules });
		expect(api.requests[0].headers['if-match']).toBe('W/"flt-1"');
		expect(items[0].json).toEqual({ mode: 'allowlist', rules, etag: 'W/"flt-2"' });
	});

	it('takes rules from JSON, including the output of a Get, for a domain', async () => {
		const api = new SendmuxApi();
		const id = publicId('mdom');
		const state = filterStateFixture();
		api.app('PUT', `/domains/${id}/filters`).ok(state);

		const { error } = await runNode({
			...filterNode('replace', {
				filterTarget: 'domain',
				domain: domainLocatorById(id),
				filterMode: 'denylist',
				rulesSource: 'json',
				rulesJson: '={{ $json }}',
			}),
			input: [{ json: { ...state, etag: 'W/"x"' } }],
		});

		expect(error).toBeUndefined();
		expect(api.requests[0].body).toEqual({
			mode: 'denylist',
			rules: [
				{ type: 'deny', pattern: 'spam.example', note: 'reported' },
				{ type: 'deny', pattern: 'ceo@phish.example' },
			],
		});
		expect(api.requests[0].headers['if-match']).toBeUndefined();
	});

	it('sends an empty rule set to remove every rule', async () => {
		const api = new SendmuxApi();
		const id = publicId('mbx');
		api.app('PUT', `/mailboxes/${id}/filters`).ok({ mode: 'off', rules: [] });

		await runNode(
			filterNode('replace', { filterTarget: 'mailbox', mailbox: mailboxLocatorById(id), filterMode: 'off', rulesSource: 'json', rulesJson: '[]' }),
		);

		expect(api.requests[0].body).toEqual({ mode: 'off', rules: [] });
	});

	it('refuses more than 1,000 rules before any request', async () => {
		const api = new SendmuxApi();
		const rules = Array.from({ length: 1001 }, (_, i) => ({ type: 'deny', pattern: `s${i}.example` }));

		const { error } = await runNode(
			filterNode('replace', {
				filterTarget: 'mailbox',
				mailbox: mailboxLocatorById(publicId('mbx')),
				filterMode: 'denylist',
				rulesSource: 'json',
				rulesJson: JSON.stringify(rules),
			}),
		);

		expect(api.requests).toHaveLength(0);
		expect(error?.message).toBe('1001 rules are more than the 1000 Sendmux accepts (item 0)');
	});

	it.each([
		['not JSON', '[{"type": "deny",', 'Rules (JSON) is not valid JSON (item 0)'],
		['a rule without pattern', '[{"type": "deny", "pattern": "a.example"}, {"type": "deny"}]', 'Rule 2 has no pattern (item 0)'],
		['a wrong type', '[{"type": "block", "pattern": "a.example"}]', 'Rule 1 has type "block" (item 0)'],
		['an unknown field', '[{"type": "deny", "pattern": "a.example", "id": 4}]', 'Rule 1 has unknown field(s): id (item 0)'],
		['neither array nor rules', '{"mode": "off"}', 'Rules (JSON) is neither an array of rules nor an object with a rules array (item 0)'],
	])('refuses %s, naming the rule, before any request', async (_case, rulesJson, message) => {
		const api = new SendmuxApi();

		const { error } = await runNode(
			filterNode('replace', {
				filterTarget: 'mailbox',
				mailbox: mailboxLocatorById(publicId('mbx')),
				filterMode: 'denylist',
				rulesSource: 'json',
				rulesJson,
			}),
		);

		expect(api.requests).toHaveLength(0);
		expect(error?.message).toBe(message);
	});

	it('says to fetch again when the filter changed since its ETag (409 with If-Match)', async () => {
		const api = new SendmuxApi();
		const id = publicId('mdom');
		api.app('PUT', `/domains/${id}/filters`).error(409, 'conflict', 'If-Match does not match the current filter state', {
			headers: { ETag: 'W/"flt-9"' },
		});

		const { error } = await runNode(
			filterNode('replace', {
				filterTarget: 'domain',
				domain: domainLocatorById(id),
				filterMode: 'denylist',
				rulesSource: 'json',
				rulesJson: '[]',
				options: { ifMatch: 'W/"flt-1"' },
			}),
		);

		expect(api.requestsTo('PUT', `/domains/${id}/filters`)).toHaveLength(1);
		expect(error?.message).toBe('If-Match does not match the current filter state');
		expect(error?.description).toContain('Fetch it again and retry with the new ETag');
		expect(error?.description).toMatch(/Request ID: req_/);
	});
});
