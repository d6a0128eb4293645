/**
 * scripts/n8n/client.mjs drives n8n 1.x and 2.x (the end-to-end suite and `npm run test:compat`).
 * Here against a stand-in that answers as each does where they differ (read from n8n 1.85.3's,
 * 1.123.81's and 2.41.1's dist/): API-key scopes, activation (synchronous and answered with 400
 * on 1.x; a publication outbox on 2.x), and credential updates (no public-API PATCH on 1.x).
 * The real ones are run by `npm run test:compat`.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { N8nClient, N8nError } from '../../scripts/n8n/client.mjs';
import { fakeN8n as startFakeN8n, type FakeN8n } from './fakeN8n.mjs';

const running: FakeN8n[] = [];
afterEach(async () => {
	for (const fake of running.splice(0)) await fake.close();
});

async function fakeN8n(version: '1.85.3' | '2.41.1'): Promise<FakeN8n> {
	const fake = await startFakeN8n(version);
	running.push(fake);
	return fake;
}

const calls = (fake: FakeN8n) => fake.seen.map((s) => `${s.method} ${s.path}`);

describe('the n8n client on n8n 1.x (1.85: no API-key scopes, synchronous activation)', () => {
	it('creates an API key without scopes when n8n has none', async () => {
		const fake = await fakeN8n('1.85.3');
		const client = await N8nClient.bootstrap(fake.url);
		expect(client.apiKey).toBe('n8n_api_key');
		expect(fake.seen.find((s) => s.path === '/rest/api-keys')?.body).toEqual({ label: expect.any(String), expiresAt: null });
	});

	it('activates and deactivates without a publication status, which 1.x does not have', async () => {
		const fake = await fakeN8n('1.85.3');
		const client = await N8nClient.bootstrap(fake.url);
		expect((await client.activateWorkflow('w1')).status).toBe('published');
		expect((await client.deactivateWorkflow('w1')).status).toBe('not_published');
		expect(calls(fake).filter((call) => call.includes('publication-status'))).toEqual([]);
	});

	it("throws the trigger's activation error that 1.x answers with 400", async () => {
		const fake = await fakeN8n('1.85.3');
		const client = await N8nClient.bootstrap(fake.url);
		fake.activation = 'fails';
		const error = await client.activateWorkflow('w1').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(N8nError);
		expect((error as Error).message).toBe('workflow w1 activation failed: There was a problem activating the workflow: "Sendmux refused"');
	});

	it('lists executions with their status, which 1.85 leaves out of its list', async () => {
		const fake = await fakeN8n('1.85.3');
		const client = await N8nClient.bootstrap(fake.url);
		expect((await client.waitForExecutions({ workflowId: 'w1', count: 1 })).map((e) => [e.id, e.status])).toEqual([['e1', 'success']]);
	});

	it('updates a credential through REST (1.x has no public-API credential update)', async () => {
		const fake = await fakeN8n('1.85.3');
		const client = await N8nClient.bootstrap(fake.url);
		await client.updateCredential('c1', { name: 'Sim', type: 'sendmuxRootApi', data: { apiKey: 'k' } });
		expect(calls(fake)).toContain('PATCH /rest/credentials/c1');
	});
});

describe('the n8n client on n8n 2.x (2.41: scoped API keys, a publication outbox)', () => {
	it('creates an API key with every scope the role allows', async () => {
		const fake = await fakeN8n('2.41.1');
		await N8nClient.bootstrap(fake.url);
		expect(fake.seen.find((s) => s.path === '/rest/api-keys')?.body).toEqual({ label: expect.any(String), scopes: ['workflow:read', 'workflow:activate'], expiresAt: null });
	});

	it('waits for the publication status, and throws the triggers’ errors from it', async () => {
		const fake = await fakeN8n('2.41.1');
		const client = await N8nClient.bootstrap(fake.url);
		expect((await client.activateWorkflow('w1')).status).toBe('published');
		expect(calls(fake)).toContain('GET /rest/workflows/w1/publication-status');
		fake.activation = 'fails';
		await expect(client.activateWorkflow('w2')).rejects.toThrow('workflow w2 activation failed: Sendmux refused');
	});

	it('updates a credential through the public API', async () => {
		const fake = await fakeN8n('2.41.1');
		const client = await N8nClient.bootstrap(fake.url);
		await client.updateCredential('c1', { name: 'Sim', type: 'sendmuxRootApi', data: { apiKey: 'k' } });
		expect(calls(fake)).toContain('PATCH /api/v1/credentials/c1');
	});
});
