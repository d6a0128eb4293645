/**
 * A stand-in for n8n's REST and public API where 1.x and 2.x differ (read from n8n 1.85.3's and
 * 2.41.1's dist/), for test/repo/n8nClient.test.ts. A server: `node:http` lives in `.mts` files
 * (CONTRIBUTING.md, Lint).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
	method: string;
	path: string;
	body: unknown;
}

export interface FakeN8n {
	url: string;
	seen: Seen[];
	/** What activating a workflow does: succeed, or fail as a trigger's activation error. */
	activation: 'ok' | 'fails';
	close(): Promise<void>;
}


async function readBody(request: IncomingMessage): Promise<unknown> {
	let text = '';
	for await (const chunk of request) text += String(chunk);
	return text ? JSON.parse(text) : undefined;
}

/** Answers as n8n `version` does on the endpoints the client uses. */
export async function fakeN8n(version: '1.85.3' | '2.41.1'): Promise<FakeN8n> {
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
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return fake;
}

