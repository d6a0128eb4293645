import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSimulator, type RunningSimulator } from './index';
import { call, startHttpsReceiver, type HttpsReceiver } from './testing.mjs';

const HOST = 'hooks.sim.test';

describe('simulator: webhookTestNetwork (test-only host map and extra CA)', () => {
	let receiver: HttpsReceiver;
	const simulators: RunningSimulator[] = [];

	beforeAll(async () => {
		receiver = await startHttpsReceiver(HOST);
	});

	// test/setup.ts lets nock pass only loopback names; this host name is loopback here too.
	beforeEach(() => nock.enableNetConnect(/^(127\.0\.0\.1|localhost|hooks\.sim\.test)(:\d+)?$/));

	afterAll(async () => {
		await Promise.all(simulators.map((sim) => sim.close()));
		await receiver.close();
	});

	async function sendTestEvent(sim: RunningSimulator) {
		simulators.push(sim);
		const created = await call<{ data: { id: string } }>(sim, 'app', {
			method: 'POST',
			path: '/webhooks',
			body: { url: receiver.url, event_types: ['sendmux.test'] },
		});
		expect(created.status).toBe(201);
		expect((await call(sim, 'app', { method: 'POST', path: `/webhooks/${created.body.data.id}/test` })).status).toBe(200);
		await sim.control.settle();
		return sim.control.webhookDeliveries();
	}

	it('delivers to a made-up https host it maps to 127.0.0.1, trusting the given self-signed certificate', async () => {
		const sim = await startSimulator({ webhookTestNetwork: { hosts: { [HOST]: '127.0.0.1' }, ca: receiver.certificate } });
		const [delivery] = await sendTestEvent(sim);
		expect(delivery).toMatchObject({ eventType: 'sendmux.test', result: 'success', responseStatus: 200 });
		expect(receiver.received.at(-1)).toEqual({ host: new URL(receiver.url).host, signature: expect.stringMatching(/^sha256=[0-9a-f]{64}$/) });
	});

	it('refuses the certificate when the CA is not given: trusting it is explicit', async () => {
		const before = receiver.received.length;
		const sim = await startSimulator({
			webhookTestNetwork: { hosts: { [HOST]: '127.0.0.1' } },
			webhookDelivery: { retryDelaysMs: [] },
		});
		const [delivery] = await sendTestEvent(sim);
		expect(delivery).toMatchObject({ result: 'failed', responseStatus: null });
		expect(delivery.errorMessage).toMatch(/SELF_SIGNED_CERT/);
		expect(receiver.received.length).toBe(before);
	});
});
