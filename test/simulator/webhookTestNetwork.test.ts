import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { selfSignedCertificate, type Certificate } from '../stack/tls';
import { startSimulator, type RunningSimulator } from './index';
import { call } from './testing';

const HOST = 'hooks.sim.test';

describe('simulator: webhookTestNetwork (test-only host map and extra CA)', () => {
	let dir: string;
	let certificate: Certificate;
	let server: Server;
	let port: number;
	const received: Array<{ host: string | undefined; signature: string | undefined }> = [];
	const simulators: RunningSimulator[] = [];

	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'sim-tls-'));
		certificate = selfSignedCertificate(dir, HOST);
		server = createServer({ cert: certificate.cert, key: certificate.key }, (request, response) => {
			request.resume();
			request.on('end', () => {
				received.push({ host: request.headers.host, signature: request.headers['x-sendmux-signature'] as string | undefined });
				response.writeHead(200).end('ok');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as AddressInfo).port;
	});

	// test/setup.ts lets nock pass only loopback names; this host name is loopback here too.
	beforeEach(() => nock.enableNetConnect(/^(127\.0\.0\.1|localhost|hooks\.sim\.test)(:\d+)?$/));

	afterAll(async () => {
		await Promise.all(simulators.map((sim) => sim.close()));
		await new Promise<void>((resolve) => server.close(() => resolve()));
		rmSync(dir, { recursive: true, force: true });
	});

	async function sendTestEvent(sim: RunningSimulator) {
		simulators.push(sim);
		const created = await call<{ data: { id: string } }>(sim, 'app', {
			method: 'POST',
			path: '/webhooks',
			body: { url: `https://${HOST}:${port}/hook`, event_types: ['sendmux.test'] },
		});
		expect(created.status).toBe(201);
		expect((await call(sim, 'app', { method: 'POST', path: `/webhooks/${created.body.data.id}/test` })).status).toBe(200);
		await sim.control.settle();
		return sim.control.webhookDeliveries();
	}

	it('delivers to a made-up https host it maps to 127.0.0.1, trusting the given self-signed certificate', async () => {
		const sim = await startSimulator({ webhookTestNetwork: { hosts: { [HOST]: '127.0.0.1' }, ca: certificate.cert } });
		const [delivery] = await sendTestEvent(sim);
		expect(delivery).toMatchObject({ eventType: 'sendmux.test', result: 'success', responseStatus: 200 });
		expect(received.at(-1)).toEqual({ host: `${HOST}:${port}`, signature: expect.stringMatching(/^sha256=[0-9a-f]{64}$/) });
	});

	it('refuses the certificate when the CA is not given: trusting it is explicit', async () => {
		const before = received.length;
		const sim = await startSimulator({
			webhookTestNetwork: { hosts: { [HOST]: '127.0.0.1' } },
			webhookDelivery: { retryDelaysMs: [] },
		});
		const [delivery] = await sendTestEvent(sim);
		expect(delivery).toMatchObject({ result: 'failed', responseStatus: null });
		expect(delivery.errorMessage).toMatch(/SELF_SIGNED_CERT/);
		expect(received.length).toBe(before);
	});
});
