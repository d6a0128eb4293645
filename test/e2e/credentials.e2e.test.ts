/**
 * The credential tests as the editor runs them: POST /rest/credentials/test in a real n8n
 * 2.41.1 (its CredentialsTester, its RoutingNode, its HTTP stack) against the simulator.
 * What the user sees is the `{ status, message }` n8n answers.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { control, e2e, n8n } from './helpers.mjs';

interface TestResult {
	status: 'OK' | 'Error';
	message: string;
}

const created: string[] = [];

/** Saves a Sendmux Sending and Mailbox API credential with `data` and runs n8n's credential test on it. */
async function testMailboxCredential(data: Record<string, unknown>): Promise<TestResult> {
	const client = n8n();
	const credential = { name: `e2e mailbox test ${created.length + 1}`, type: 'sendmuxMailboxApi', data };
	const saved = await client.createCredential(credential);
	created.push(saved.id);
	return (await client.rest('POST', '/credentials/test', { credentials: { id: saved.id, ...credential } })) as TestResult;
}

const valid = () => ({
	apiKey: e2e().keys.mailbox,
	sendingBaseUrl: e2e().sendingBaseUrl,
	appBaseUrl: e2e().appBaseUrl,
});

describe('e2e: the Sendmux Sending and Mailbox API credential test in n8n', () => {
	afterAll(async () => {
		await control('PUT', '/faults', { rules: [] });
		for (const id of created) await n8n().deleteCredential(id);
	});

	it('passes for a mailbox key and for a send-only key at the right URLs', async () => {
		expect(await testMailboxCredential(valid())).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await testMailboxCredential({ ...valid(), apiKey: e2e().keys.sendOnly })).toMatchObject({ status: 'OK' });
	});

	it('fails for a key Sendmux does not know, saying so', async () => {
		const result = await testMailboxCredential({ ...valid(), apiKey: 'smx_mbx_dummyunknown000000000000000000000001' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Sendmux did not accept this key/);
	});

	it('fails when the Sending API Base URL is the Mailbox API URL, naming the field', async () => {
		const result = await testMailboxCredential({ ...valid(), sendingBaseUrl: e2e().appBaseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The Sending API Base URL does not lead to Sendmux’s Sending API: Sendmux answered there, but has no Sending API at that path/);
	});

	it('fails when the Sending API Base URL is a path Sendmux does not serve (404), naming the field', async () => {
		const result = await testMailboxCredential({ ...valid(), sendingBaseUrl: e2e().sendingBaseUrl.replace(/\/v1$/, '/v9') });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The Sending API Base URL does not lead to Sendmux’s Sending API/);
	});

	it('fails when the Sending API Base URL points at something that is not Sendmux, naming the field', async () => {
		const result = await testMailboxCredential({ ...valid(), sendingBaseUrl: `${e2e().n8nUrl}/no-sendmux-here` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The Sending API Base URL does not lead to Sendmux’s Sending API: what answered there is not Sendmux/);
	});

	it('fails while the Sending API answers 503, naming the field', async () => {
		await control('PUT', '/faults', { rules: [{ kind: 'unavailable', retryAfterSeconds: 1, match: { surface: 'sending' } }] });
		try {
			const result = await testMailboxCredential(valid());
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^Sendmux’s Sending API at the Sending API Base URL is unavailable right now \(HTTP 503\)/);
		} finally {
			await control('PUT', '/faults', { rules: [] });
		}
	});
});
