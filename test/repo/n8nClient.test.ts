/**
 * scripts/n8n/client.mjs drives n8n 1.x and 2.x (the end-to-end suite and `npm run test:compat`).
 * Here against a stand-in that answers as each does where they differ (read from n8n 1.85.3's,
 * 1.123.81's and 2.41.1's dist/): API-key scopes, activation (synchronous and answered with 400
 * on 1.x; a publication outbox on 2.x), and credential updates (no public-API PATCH on 1.x).
 * The real ones are run by `npm run test:compat`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

import { N8nClient, N8nError } from '../../scripts/n8n/client.mjs';

interface Seen {
	method: string;
	path: string;
	body: unknown;
}

interface FakeN8n {
	url: string;
	seen: Seen[];
	/** What activating a workflow does: succeed, or fail as a trigger's activation error. */
	activation: 'ok' | 'fails';
	close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function readBody(request: IncomingMessage): Promise<unknown> {
	let text = '';
	for await (const chunk of request) text += String(chunk);
	return text ? JSON.parse(text) : undefined;
}

/** Answers as n8n `version` does on the endpoints the client uses. */
async function fakeN8n(version: '1.85.3' | '2.41.1'): Promise<FakeN8n> {
	const major = Number(version.split('.')[0]);
	const active = new Map<string, boolean>();
	const fake: FakeN8n = { url: '', seen: [], activation: 'ok', close: async () => undefined };
	const server = createServer((request, response) => {
		void (async () => {
			const body = await readBody(request);
			const path = (request.url ?? '/').split('?')[0];
			const method = request.method ?? 'GET';
			fake.seen.push({ method, path, body });
			const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
				response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
			};
			const workflow = /^\/api\/v1\/workflows\/(\w+)(\/activate|\/deactivate)?$/.exec(path);
			if (method === 'GET' && path === '/rest/settings') return json(200, { data: { versionCli: version } });
			if (method === 'POST' && path === '/rest/owner/setup') return json(200, { data: {} }, { 'set-cookie': 'n8n-auth=session; Path=/; HttpOnly' });
			if (method === 'GET' && path === '/rest/api-keys/scopes') {
				return major >= 2 ? json(200, { data: ['workflow:read', 'workflow:activate'] }) : json(404, { message: 'Not Found' });
			}
			if (method === 'POST' && path === '/rest/api-keys') return json(200, { data: { rawApiKey: 'n8n_api_key' } });
			if (workflow && method === 'POST' && workflow[2] === '/activate') {
				if (major < 2 && fake.activation === 'fails') return json(400, { message: 'There was a problem activating the workflow: "Sendmux refused"' });
				active.set(workflow[1], true);
				return json(200, { id: workflow[1], active: true });
			}
			if (workflow && method === 'POST' && workflow[2] === '/deactivate') {
				active.set(workflow[1], false);
				return json(200, { id: workflow[1], active: false });
			}
			if (workflow && method === 'GET' && !workflow[2]) return json(200, { id: workflow[1], active: active.get(workflow[1]) ?? false, versionId: 'v1' });
			const publication = /^\/rest\/workflows\/(\w+)\/publication-status$/.exec(path);
			if (publication && major >= 2) {
				const failed = fake.activation === 'fails';
				return json(200, {
					data: {
						status: failed ? 'failed' : active.get(publication[1]) ? 'published' : 'not_published',
						liveVersionId: null,
						pendingVersionId: null,
						triggers: failed ? [{ nodeId: 'n1', status: 'failed', errorMessage: 'Sendmux refused' }] : [],
					},
				});
			}
			if (method === 'GET' && path.startsWith('/rest/active-workflows/error/')) return json(200, { data: null });
			// 1.85's execution list selects no `status` column; its single-execution answer has it.
			if (method === 'GET' && path === '/api/v1/executions') {
				return json(200, { data: [{ id: 'e1', workflowId: 'w1', finished: true, ...(major >= 2 ? { status: 'success' } : {}) }], nextCursor: null });
			}
			if (method === 'GET' && path === '/api/v1/executions/e1') return json(200, { id: 'e1', workflowId: 'w1', finished: true, status: 'success' });
			if (method === 'PATCH' && (path === '/rest/credentials/c1' || (major >= 2 && path === '/api/v1/credentials/c1'))) return json(200, { data: { id: 'c1' } });
			return json(404, { message: `Cannot ${method} ${path}` });
		})();
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
