// A small driver for a running n8n (2.41, and 1.x from 1.85; see start.mjs), for end-to-end tests.
//
//   import { N8nClient } from './scripts/n8n/client.mjs';
//   const client = await N8nClient.bootstrap(n8n.url);            // owner + session + API key
//   const cred = await client.createCredential({ name: 'Sim', type: 'sendmuxRootApi', data: {...} });
//   const wf = await client.createWorkflow(workflowJson);          // credentials: { sendmuxRootApi: { id: cred.id, name: cred.name } }
//   await client.activateWorkflow(wf.id);                          // waits until triggers are live; throws their errors
//   await client.callWebhook('my-path', { hello: 1 });
//   const [run] = await client.waitForExecutions({ workflowId: wf.id, count: 1 });
//   client.nodeOutput(run, 'Sendmux');                             // [{ json, pairedItem }, ...]
//
// Mechanism (proved on n8n 2.41.1): the owner is created with POST /rest/owner/setup (or logged
// in with POST /rest/login when it exists), which sets the `n8n-auth` cookie; that session creates
// an API key (POST /rest/api-keys with every scope the role allows). Workflows, credentials and
// executions then go through the public API (/api/v1, header X-N8N-API-KEY). Activation in 2.41
// is asynchronous (a publication outbox): activateWorkflow polls the session-only endpoint
// GET /rest/workflows/:id/publication-status until it settles and throws the trigger errors.
//
// n8n 1.x differs (checked on 1.85.3 and 1.123.81; `npm run test:compat` runs it): no API-key
// scopes on 1.85 (POST /rest/api-keys takes only a label), no publication service (the public
// API's activate runs the triggers' activation before it answers, and answers 400 with their
// error), and no public-API credential list, update or test. The client asks n8n its version
// once (GET /rest/settings → versionCli) and takes the 1.x road where one exists; everything else
// is the same on both.
// Only Node built-ins (global fetch, Node >= 18).

/**
 * @typedef {{ name: string, type: string, typeVersion: number, position: [number, number],
 *   parameters: Record<string, unknown>, id?: string, webhookId?: string,
 *   credentials?: Record<string, { id: string, name: string }>, [k: string]: unknown }} WorkflowNode
 * @typedef {{ name: string, nodes: WorkflowNode[], connections: Record<string, unknown>,
 *   settings?: Record<string, unknown>, staticData?: unknown }} WorkflowInput
 * @typedef {{ id: string, name: string, active: boolean, nodes: WorkflowNode[], [k: string]: unknown }} Workflow
 * @typedef {{ json: Record<string, unknown>, binary?: Record<string, unknown>, pairedItem?: unknown,
 *   error?: unknown }} Item
 * @typedef {{ id: string, workflowId: string, status: string, mode: string, finished: boolean,
 *   startedAt: string, stoppedAt: string | null,
 *   data?: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Item[] | null> },
 *     error?: { message: string } }>>, error?: { message: string, [k: string]: unknown },
 *     lastNodeExecuted?: string } },
 *   [k: string]: unknown }} Execution
 * @typedef {{ status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed',
 *   liveVersionId: string | null, pendingVersionId: string | null,
 *   triggers: Array<{ nodeId: string, status: string, errorMessage: string | null }> }} PublicationStatus
 */

export const DEFAULT_OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'E2e-Owner-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
});

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

export class N8nError extends Error {
	/** @param {string} message @param {number} status @param {unknown} body */
	constructor(message, status, body) {
		super(message);
		this.name = 'N8nError';
		this.status = status;
		this.body = body;
	}
}

export class N8nClient {
	/**
	 * @param {string} baseUrl e.g. http://127.0.0.1:5678
	 * @param {{ apiKey?: string, cookie?: string, version?: string }} [auth] `version`: n8n's, when
	 *   already known (saves asking GET /rest/settings).
	 */
	constructor(baseUrl, auth = {}) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		this.apiKey = auth.apiKey;
		this.cookie = auth.cookie;
		/** @type {Promise<string> | undefined} */
		this.versionPromise = auth.version ? Promise.resolve(auth.version) : undefined;
	}

	/** n8n's version (`versionCli` of GET /rest/settings), asked once per client. */
	async n8nVersion() {
		this.versionPromise ??= this.rest('GET', '/settings').then((settings) => {
			const version = settings?.versionCli;
			if (typeof version !== 'string') throw new Error('GET /rest/settings did not answer versionCli');
			return version;
		});
		this.versionPromise.catch(() => (this.versionPromise = undefined));
		return await this.versionPromise;
	}

	/** n8n's major version: 1 or 2 (decides the few endpoints that differ). */
	async n8nMajor() {
		return Number((await this.n8nVersion()).split('.')[0]);
	}

	/**
	 * Owner (set up or logged in), session cookie and a fresh API key: everything the other
	 * methods need. Safe to call again on the same instance (e.g. after a restart).
	 * @param {string} baseUrl
	 * @param {Partial<typeof DEFAULT_OWNER>} [owner]
	 */
	static async bootstrap(baseUrl, owner = {}) {
		const client = new N8nClient(baseUrl);
		await client.ensureOwner({ ...DEFAULT_OWNER, ...owner });
		await client.createApiKey();
		return client;
	}

	/**
	 * @param {'GET'|'POST'|'PUT'|'PATCH'|'DELETE'} method
	 * @param {string} url absolute
	 * @param {Record<string,string>} headers
	 * @param {unknown} [body]
	 */
	async #request(method, url, headers, body) {
		const res = await fetch(url, {
			method,
			headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const text = await res.text();
		/** @type {any} */
		let parsed = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			/* not JSON */
		}
		if (!res.ok) {
			const msg = typeof parsed === 'object' && parsed?.message ? parsed.message : text.slice(0, 500);
			throw new N8nError(`${method} ${url.replace(this.baseUrl, '')} → ${res.status}: ${msg}`, res.status, parsed);
		}
		return { res, body: parsed };
	}

	/**
	 * Internal REST API (/rest), session cookie auth. Unwraps n8n's `{ data }` envelope.
	 * @param {'GET'|'POST'|'PUT'|'PATCH'|'DELETE'} method @param {string} path @param {unknown} [body]
	 * @returns {Promise<any>}
	 */
	async rest(method, path, body) {
		/** @type {Record<string,string>} */
		const headers = {};
		if (this.cookie) headers.cookie = this.cookie;
		const { body: out } = await this.#request(method, `${this.baseUrl}/rest${path}`, headers, body);
		return out && typeof out === 'object' && 'data' in out ? out.data : out;
	}

	/**
	 * Public API (/api/v1), API key auth.
	 * @param {'GET'|'POST'|'PUT'|'PATCH'|'DELETE'} method @param {string} path @param {unknown} [body]
	 * @returns {Promise<any>}
	 */
	async api(method, path, body) {
		if (!this.apiKey) throw new Error('no API key: call createApiKey() or N8nClient.bootstrap() first');
		const { body: out } = await this.#request(method, `${this.baseUrl}/api/v1${path}`, { 'x-n8n-api-key': this.apiKey }, body);
		return out;
	}

	/** @param {typeof DEFAULT_OWNER} owner */
	async ensureOwner(owner) {
		const { res } = await this.#request('POST', `${this.baseUrl}/rest/owner/setup`, {}, owner).catch(async (err) => {
			if (!(err instanceof N8nError) || err.status !== 400) throw err;
			// "Instance owner already setup": log in instead.
			return await this.#request('POST', `${this.baseUrl}/rest/login`, {}, {
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			});
		});
		const setCookie = res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie') ?? ''];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (!auth) throw new Error('n8n did not return an n8n-auth session cookie');
		this.cookie = auth;
	}

	/**
	 * Creates an API key with every scope the owner role allows (n8n before API-key scopes, e.g.
	 * 1.85, answers 404 for the scope list: its keys can do everything); keeps it on the client.
	 */
	async createApiKey(label = `e2e-${Date.now()}`) {
		const scopes = await this.rest('GET', '/api-keys/scopes').catch((error) => {
			if (error instanceof N8nError && error.status === 404) return undefined;
			throw error;
		});
		const key = await this.rest('POST', '/api-keys', { label: label.slice(0, 50), ...(scopes ? { scopes } : {}), expiresAt: null });
		this.apiKey = key.rawApiKey;
		return /** @type {string} */ (key.rawApiKey);
	}

	/** Node type names n8n has loaded (e.g. to check `n8n-nodes-sendmux.sendmux` is there). */
	async nodeTypeNames() {
		const { body } = await this.#request('GET', `${this.baseUrl}/types/nodes.json`, this.cookie ? { cookie: this.cookie } : {});
		return /** @type {Array<{name: string}>} */ (body).map((t) => t.name);
	}

	/** Credential type names n8n has loaded. */
	async credentialTypeNames() {
		const { body } = await this.#request('GET', `${this.baseUrl}/types/credentials.json`, this.cookie ? { cookie: this.cookie } : {});
		return /** @type {Array<{name: string}>} */ (body).map((t) => t.name);
	}

	/**
	 * @param {{ name: string, type: string, data: Record<string, unknown> }} credential
	 * @returns {Promise<{ id: string, name: string, type: string }>}
	 */
	async createCredential(credential) {
		return await this.api('POST', '/credentials', { ...credential, data: await this.#withDomainDefault(credential) });
	}

	/**
	 * n8n 1.123 adds "Allowed HTTP Request Domains" to every credential with an `authenticate`
	 * block, and its public API's schema then requires `allowedDomains` unless
	 * `allowedHttpRequestDomains` is given (answering 400 otherwise): give the editor's default,
	 * `all`, where the type's schema has the field and the data does not.
	 * @param {{ type: string, data: Record<string, unknown> }} credential
	 */
	async #withDomainDefault({ type, data }) {
		if ('allowedHttpRequestDomains' in data) return data;
		const schema = await this.api('GET', `/credentials/schema/${encodeURIComponent(type)}`).catch(() => undefined);
		return schema?.properties?.allowedHttpRequestDomains ? { ...data, allowedHttpRequestDomains: 'all' } : data;
	}

	/** @param {string} id */
	async deleteCredential(id) {
		return await this.api('DELETE', `/credentials/${id}`);
	}

	/**
	 * Every credential the owner can see (REST: n8n 1.x's public API cannot list them).
	 * @returns {Promise<Array<{ id: string, name: string, type: string }>>}
	 */
	async listCredentials() {
		return await this.rest('GET', '/credentials');
	}

	/**
	 * Replaces a credential's name and data (public API on 2.x; REST on 1.x, whose public API has no update).
	 * @param {string} id @param {{ name: string, type: string, data: Record<string, unknown> }} credential
	 */
	async updateCredential(id, credential) {
		if ((await this.n8nMajor()) >= 2) return await this.api('PATCH', `/credentials/${id}`, credential);
		return await this.rest('PATCH', `/credentials/${id}`, credential);
	}

	/**
	 * Runs the credential's test as the editor's credential screen does (POST /rest/credentials/test
	 * with the saved credential's id and data; the same on 1.x and 2.x).
	 * @param {{ id: string, name: string, type: string, data: Record<string, unknown> }} credential
	 * @returns {Promise<{ status: 'OK' | 'Error', message: string }>}
	 */
	async testCredential(credential) {
		return await this.rest('POST', '/credentials/test', { credentials: credential });
	}

	/**
	 * Creates a workflow (inactive). Only name, nodes, connections, settings, staticData are sent
	 * (the public API rejects other fields such as `active`, `id`, `tags`, `pinData`).
	 * @param {WorkflowInput} workflow
	 * @returns {Promise<Workflow>}
	 */
	async createWorkflow(workflow) {
		const { name, nodes, connections, settings = { executionOrder: 'v1' }, staticData } = workflow;
		return await this.api('POST', '/workflows', {
			name,
			nodes,
			connections,
			settings,
			...(staticData === undefined ? {} : { staticData }),
		});
	}

	/** @param {string} id @returns {Promise<Workflow>} */
	async getWorkflow(id) {
		return await this.api('GET', `/workflows/${id}`);
	}

	/**
	 * Where a workflow's activation stands. n8n 2.x: its publication status. n8n 1.x has no
	 * publication service (activation is done when the API answers): `published` when the
	 * workflow is active, else `not_published`.
	 * @param {string} id @returns {Promise<PublicationStatus>}
	 */
	async publicationStatus(id) {
		if ((await this.n8nMajor()) >= 2) return await this.rest('GET', `/workflows/${id}/publication-status`);
		const workflow = await this.getWorkflow(id);
		return {
			status: workflow.active ? 'published' : 'not_published',
			liveVersionId: workflow.active ? String(workflow.versionId ?? '') || null : null,
			pendingVersionId: null,
			triggers: [],
		};
	}

	/**
	 * Activates (publishes) a workflow and waits until n8n has run its triggers' activation
	 * (webhook `checkExists`/`create`, poll/trigger start). Throws with the trigger errors if
	 * activation failed (n8n 1.x answers the activation itself with 400 and the error).
	 * @param {string} id
	 * @param {{ timeoutMs?: number }} [o]
	 * @returns {Promise<PublicationStatus>}
	 */
	async activateWorkflow(id, { timeoutMs = 30_000 } = {}) {
		try {
			await this.api('POST', `/workflows/${id}/activate`);
		} catch (error) {
			if (error instanceof N8nError && error.status === 400 && (await this.n8nMajor()) < 2) {
				throw new N8nError(`workflow ${id} activation failed: ${error.message.replace(/^.*?→ 400: /, '')}`, 0, error.body);
			}
			throw error;
		}
		return await this.waitForPublication(id, ['published'], timeoutMs);
	}

	/** @param {string} id @param {{ timeoutMs?: number }} [o] */
	async deactivateWorkflow(id, { timeoutMs = 30_000 } = {}) {
		await this.api('POST', `/workflows/${id}/deactivate`);
		return await this.waitForPublication(id, ['not_published'], timeoutMs);
	}

	/**
	 * @param {string} id @param {PublicationStatus['status'][]} wanted @param {number} timeoutMs
	 * @returns {Promise<PublicationStatus>}
	 */
	async waitForPublication(id, wanted, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		/** @type {PublicationStatus | undefined} */
		let st;
		for (;;) {
			st = await this.publicationStatus(id);
			if (st.status !== 'in_progress') {
				if (wanted.includes(st.status)) return st;
				if (st.status === 'failed' || st.status === 'partial') {
					const errors = st.triggers.filter((t) => t.errorMessage).map((t) => t.errorMessage);
					const activationError = await this.rest('GET', `/active-workflows/error/${id}`).catch(() => null);
					throw new N8nError(
						`workflow ${id} activation ${st.status}: ${[...errors, activationError].filter(Boolean).join('; ') || 'no message'}`,
						0,
						st,
					);
				}
			}
			if (Date.now() > deadline) throw new Error(`workflow ${id}: publication still ${st.status} after ${timeoutMs} ms`);
			await sleep(200);
		}
	}

	/** @param {string} id */
	async deleteWorkflow(id) {
		return await this.api('DELETE', `/workflows/${id}`);
	}

	/**
	 * Calls a production webhook (/webhook/<path>). n8n answers 404 until the path is registered;
	 * activateWorkflow() already waits for that, `retry404Ms` covers other start-up races.
	 * @param {string} path
	 * @param {unknown} [body]
	 * @param {{ method?: string, headers?: Record<string,string>, retry404Ms?: number, test?: boolean, raw?: string | Uint8Array }} [o]
	 * @returns {Promise<{ status: number, headers: Headers, body: any }>}
	 */
	async callWebhook(path, body, { method = 'POST', headers = {}, retry404Ms = 5000, test = false, raw } = {}) {
		const url = `${this.baseUrl}/${test ? 'webhook-test' : 'webhook'}/${path.replace(/^\/+/, '')}`;
		const deadline = Date.now() + retry404Ms;
		for (;;) {
			const res = await fetch(url, {
				method,
				headers: { ...(raw === undefined && body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
				body: /** @type {BodyInit | undefined} */ (raw ?? (body === undefined ? undefined : JSON.stringify(body))),
				signal: AbortSignal.timeout(60_000),
			});
			const text = await res.text();
			if (res.status === 404 && Date.now() < deadline) {
				await sleep(200);
				continue;
			}
			/** @type {any} */
			let parsed = text;
			try {
				parsed = text ? JSON.parse(text) : undefined;
			} catch {
				/* not JSON */
			}
			return { status: res.status, headers: res.headers, body: parsed };
		}
	}

	/**
	 * Finished executions (running ones are left out by n8n), newest first, all pages.
	 * @param {{ workflowId?: string, status?: 'success'|'error'|'canceled'|'waiting'|'running', includeData?: boolean, limit?: number }} [q]
	 * @returns {Promise<Execution[]>}
	 */
	async listExecutions({ workflowId, status, includeData = true, limit = 100 } = {}) {
		/** @type {Execution[]} */
		const all = [];
		/** @type {string | null} */
		let cursor = null;
		do {
			const qs = new URLSearchParams({ includeData: String(includeData), limit: String(Math.min(limit, 250)) });
			if (workflowId) qs.set('workflowId', workflowId);
			if (status) qs.set('status', status);
			if (cursor) qs.set('cursor', cursor);
			const page = await this.api('GET', `/executions?${qs}`);
			// n8n 1.85's list leaves `status` out (its single-execution answer has it).
			all.push(...(await Promise.all(page.data.map(async (/** @type {Execution} */ e) => ('status' in e ? e : await this.getExecution(e.id, includeData))))));
			cursor = page.nextCursor;
		} while (cursor && all.length < limit);
		return all.slice(0, limit);
	}

	/** @param {string} id @returns {Promise<Execution>} */
	async getExecution(id, includeData = true) {
		return await this.api('GET', `/executions/${id}?includeData=${includeData}`);
	}

	/**
	 * Waits until at least `count` finished executions exist for the workflow; returns them oldest
	 * first, with data.
	 * @param {{ workflowId: string, count?: number, timeoutMs?: number, status?: 'success'|'error'|'waiting' }} q
	 * @returns {Promise<Execution[]>}
	 */
	async waitForExecutions({ workflowId, count = 1, timeoutMs = 30_000, status }) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.listExecutions({ workflowId, status, includeData: true, limit: Math.max(count, 100) });
			// Listed too: executions still queued (`new`, e.g. waiting for a queue-mode worker) or
			// running. Wait until they have an outcome (`waiting` counts: it is where they stay).
			const settled = list.every((execution) => execution.status !== 'new' && execution.status !== 'running');
			if (list.length >= count && settled) return list.reverse();
			if (Date.now() > deadline) {
				throw new Error(`workflow ${workflowId}: ${list.length} of ${count} executions${settled ? '' : ' (some not finished)'} after ${timeoutMs} ms`);
			}
			await sleep(250);
		}
	}

	/**
	 * Items a node emitted in an execution.
	 * @param {Execution} execution @param {string} nodeName
	 * @param {{ run?: number, output?: number }} [o]
	 * @returns {Item[]}
	 */
	nodeOutput(execution, nodeName, { run = 0, output = 0 } = {}) {
		const runs = execution.data?.resultData.runData[nodeName];
		if (!runs) throw new Error(`node "${nodeName}" did not run in execution ${execution.id} (status ${execution.status})`);
		const r = runs[run];
		if (!r) throw new Error(`node "${nodeName}" has no run ${run} in execution ${execution.id}`);
		if (r.error) throw new Error(`node "${nodeName}" failed in execution ${execution.id}: ${r.error.message}`);
		return r.data?.main[output] ?? [];
	}

	/**
	 * The execution's error, if any: `{ message, node?, ... }` from resultData.error.
	 * @param {Execution} execution
	 */
	executionError(execution) {
		return execution.data?.resultData.error;
	}
}
