import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { openApiContract } from '../contract/openapi';
import { loadPackage } from '../harness/package';
import { SendmuxApi } from '../harness/sendmuxApi';
import { TRANSPORT_PROBE } from '../harness/transportProbe';
import { MAILBOX_KEY, ROOT_KEY, runNode, testCredentials } from '../harness/workflow';
import { useSimulator } from '../simulator/testing.mjs';

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
	it('the mailbox test is a valid Sending API request that only a key allowed to send gets a 201 for', async () => {
		const { credentialType } = await loadPackage();
		const request = credentialType('sendmuxMailboxApi').test?.request;
		expect(request?.baseURL).toBe('={{ $credentials.sendingBaseUrl }}');
		expect(request?.ignoreHttpStatusErrors).toBe(true);
		const route = openApiContract().findOperation('sending', request?.method ?? 'GET', request?.url ?? '');
		expect(route?.operationId).toBe('sendingCreateAttachmentUpload');
		expect(
			openApiContract().validateRequest('sending', {
				method: request?.method ?? 'GET',
				path: request?.url ?? '',
				query: {},
				headers: { authorization: `Bearer ${MAILBOX_KEY}`, 'content-type': 'application/json', ...lowerCased(request?.headers) },
				body: request?.body,
			}),
		).toEqual([]);
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

function lowerCased(headers: object | undefined): Record<string, string> {
	return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/**
 * The mailbox credential test against the simulator's real answers, judged the way n8n 2.41's
 * CredentialsTester judges a declarative test: the request as the test declares it (with the
 * key as `authenticate` adds it), then the first rule whose key holds its value fails the test
 * with its message. The same scenarios run through a real n8n in test/e2e/credentials.e2e.test.ts.
 */
describe('the mailbox credential test, judged on Sendmux’s answers', () => {
	const sim = useSimulator();

	async function verdict(data: { apiKey: string; sendingBaseUrl: string }): Promise<{ status: 'OK' | 'Error'; message: string }> {
		const { credentialType } = await loadPackage();
		const { request, rules = [] } = credentialType('sendmuxMailboxApi').test ?? { request: {} };
		const response = await fetch(`${data.sendingBaseUrl}${request.url ?? ''}`, {
			method: request.method,
			headers: { ...lowerCased(request.headers), 'content-type': 'application/json', authorization: `Bearer ${data.apiKey}` },
			body: JSON.stringify(request.body),
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// Not JSON: n8n hands the rules the text itself.
		}
		for (const rule of rules as Array<{ type: string; properties: { key: string; value: unknown; message: string } }>) {
			const held = rule.properties.key
				.split('.')
				.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), body);
			if (rule.type === 'responseSuccessBody' && held === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'OK', message: 'Connection successful!' };
	}

	const valid = () => ({ apiKey: sim().keys.mailbox, sendingBaseUrl: sim().sendingBaseUrl });

	it('passes for a mailbox key and a send-only key at the Sending API, again and again', async () => {
		expect(await verdict(valid())).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await verdict(valid())).toMatchObject({ status: 'OK' });
		expect(await verdict({ ...valid(), apiKey: sim().keys.sendOnly })).toMatchObject({ status: 'OK' });
		// Later tests (Idempotency-Key scope: the team) replay the first upload URL instead of making another.
		expect(sim().control.requests({ operationId: 'sendingCreateAttachmentUpload' }).map((r) => [r.status, r.replayed])).toEqual([
			[201, false],
			[201, true],
			[201, true],
		]);
	});

	it('fails for a key Sendmux does not know', async () => {
		const result = await verdict({ ...valid(), apiKey: 'smx_mbx_dummyunknown000000000000000000000001' });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Sendmux did not accept this key/) });
	});

	it.each([
		['the Mailbox API URL', () => sim().appBaseUrl],
		['a path Sendmux does not serve', () => sim().sendingBaseUrl.replace(/\/v1$/, '/v9')],
	])('fails for %s in Sending API Base URL, naming the field', async (_label, url) => {
		const result = await verdict({ ...valid(), sendingBaseUrl: url() });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^The Sending API Base URL does not lead to Sendmux’s Sending API: Sendmux answered there/) });
	});

	it('fails for a URL where something other than Sendmux answers, naming the field', async () => {
		nock('https://not-sendmux.example.test').post('/api/v1/emails/attachment-uploads').reply(404, '<h1>Not Found</h1>', { 'Content-Type': 'text/html' });
		const result = await verdict({ ...valid(), sendingBaseUrl: 'https://not-sendmux.example.test/api/v1' });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^The Sending API Base URL does not lead to Sendmux’s Sending API: what answered there is not Sendmux/) });
	});

	it('fails while the Sending API answers 503, naming the field', async () => {
		sim().control.setFaults([{ kind: 'unavailable', match: { surface: 'sending' } }]);
		const result = await verdict(valid());
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Sendmux’s Sending API at the Sending API Base URL is unavailable right now \(HTTP 503\)/) });
	});

	it('fails while the Sending API answers 500, naming the field', async () => {
		sim().control.setFaults([{ kind: 'server_error', match: { surface: 'sending' } }]);
		const result = await verdict(valid());
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Sendmux’s Sending API at the Sending API Base URL failed to answer \(HTTP 500\)/) });
	});
});

