import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { openApiContract } from '../contract/openapi';
import { loadPackage } from '../harness/package';
import { SendmuxApi } from '../harness/sendmuxApi';
import { TRANSPORT_PROBE } from '../harness/transportProbe';
import { MAILBOX_KEY, ROOT_KEY, runNode, testCredentials } from '../harness/workflow';

const listDomains: INodeParameters = { resource: 'domain', operation: 'getMany', returnAll: true };
const send: INodeParameters = {
	request: JSON.stringify({
		surface: 'sending',
		method: 'POST',
		path: '/emails/send',
		body: { from: { email: 'a@example.com' }, to: { email: 'b@example.com' }, subject: 's', html_body: 'h' },
	}),
};

describe('key prefix checks, before any request', () => {
	const cases: Array<[string, string, INodeParameters, string, RegExp]> = [
		['a mailbox key in the root credential', 'sendmuxRootApi', listDomains, MAILBOX_KEY, /holds a mailbox key \(smx_mbx_…\), but it needs a root key \(smx_root_…\).*Settings → API Keys/],
		['a root key in the mailbox credential', 'sendmuxMailboxApi', send, ROOT_KEY, /holds a root key \(smx_root_…\), but it needs a mailbox key \(smx_mbx_…\).*Settings → API Keys/],
		['a blank key', 'sendmuxRootApi', listDomains, '', /has no API key\. Create a root \(team\) key in the Sendmux app under Settings → API Keys/],
		['whitespace around the key', 'sendmuxRootApi', listDomains, ` ${ROOT_KEY}\n`, /spaces or line breaks around it/],
		['something that is no Sendmux key', 'sendmuxMailboxApi', send, 'sk_live_123', /is not a Sendmux mailbox key: those start with smx_mbx_/],
	];

	it.each(cases)('refuses %s', async (_label, credential, parameters, key, message) => {
		const api = new SendmuxApi();
		const { error, run } = await runNode({
			node: {
				type: credential === 'sendmuxMailboxApi' ? TRANSPORT_PROBE : 'sendmux',
				parameters,
			},
			credentials: testCredentials({ [credential]: { apiKey: key } }),
		});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect(api.requests).toEqual([]);
		if (key.trim()) expect(JSON.stringify(run)).not.toContain(key.trim());
	});

	it("the credentials' own authenticate refuses a wrong key too (n8n's credential test and HTTP Request node use it)", async () => {
		const { credentialType } = await loadPackage();
		const authenticate = credentialType('sendmuxMailboxApi').authenticate as (
			c: object,
			r: object,
		) => Promise<{ headers: Record<string, string> }>;
		await expect(authenticate({ apiKey: ROOT_KEY }, { url: '/x' })).rejects.toThrow(/needs a mailbox key/);
		const ok = await authenticate({ apiKey: MAILBOX_KEY }, { url: '/x', headers: { Accept: 'application/json' } });
		expect(ok.headers).toEqual({ Accept: 'application/json', Authorization: `Bearer ${MAILBOX_KEY}` });
	});
});

describe('credential tests', () => {
	it('the mailbox test hits a Sending API route any mailbox key may call, and flags only a rejected key', async () => {
		const { credentialType } = await loadPackage();
		const { test } = credentialType('sendmuxMailboxApi');
		const request = test?.request;
		expect(request?.baseURL).toBe('={{ $credentials.sendingBaseUrl }}');
		expect(request?.ignoreHttpStatusErrors).toBe(true);
		const route = openApiContract().findOperation('sending', request?.method ?? 'GET', request?.url ?? '');
		expect(route?.operationId).toBe('sendingGetAttachment');
		expect(
			openApiContract().validateRequest('sending', {
				method: 'GET',
				path: request?.url ?? '',
				query: {},
				headers: { authorization: `Bearer ${MAILBOX_KEY}` },
			}),
		).toEqual([]);
		// n8n fails the test when a responseSuccessBody rule matches the body: only 401's does.
		const rules = (test?.rules ?? []) as Array<{ type: string; properties: { key: string; value: unknown } }>;
		const fails = (body: Record<string, unknown>) =>
			rules.some(
				(rule) =>
					rule.type === 'responseSuccessBody' &&
					rule.properties.key.split('.').reduce<unknown>((at, k) => (at as Record<string, unknown>)?.[k], body) ===
						rule.properties.value,
			);
		expect(fails({ ok: false, error: { code: 'authentication_required' } })).toBe(true);
		expect(fails({ ok: false, error: { code: 'not_found' } })).toBe(false);
		expect(fails({ ok: false, error: { code: 'insufficient_permissions' } })).toBe(false);
	});

	it('the root test lists one domain', async () => {
		const { credentialType } = await loadPackage();
		const request = credentialType('sendmuxRootApi').test?.request;
		expect(
			openApiContract().validateRequest('app', {
				method: request?.method ?? 'GET',
				path: request?.url ?? '',
				query: { limit: String((request?.qs as { limit: number }).limit) },
				headers: { authorization: `Bearer ${ROOT_KEY}` },
			}),
		).toEqual([]);
	});

	it('base URL overrides point requests elsewhere (simulators, proxies)', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok([], { pagination: { has_more: false } });
		const { error } = await runNode({
			node: { parameters: listDomains },
			credentials: testCredentials({ sendmuxRootApi: { appBaseUrl: 'https://app.sendmux.test/api/v1/' } }),
		});
		expect(error).toBeUndefined();
		expect(api.requests).toHaveLength(1);
	});
});
