import { afterEach, describe, expect, it } from 'vitest';

import { openApiContract } from '../contract/openapi';
import { call, startReceiver, useSimulator, type Receiver } from './testing.mjs';

/** The ID prefix a schema's `id` example shows (`dprov_clxxxx…` → `dprov`). */
function specPrefix(schema: string, field = 'id'): string {
	const schemas = openApiContract().documents.app.components.schemas as Record<string, { properties?: Record<string, { example?: string }> }>;
	const example = schemas[schema]?.properties?.[field]?.example;
	if (!example) throw new Error(`${schema}.${field} has no example in the spec`);
	return example.slice(0, example.indexOf('_'));
}

/** The nodes check an ID's prefix before any request, so the simulator must mint what Sendmux does. */
describe('simulator: IDs carry the prefixes the spec shows', () => {
	const sim = useSimulator({ allowLoopbackHttpWebhooks: true });
	const receivers: Receiver[] = [];
	afterEach(async () => {
		await sim().control.settle();
		await Promise.all(receivers.splice(0).map((r) => r.close()));
	});

	it('sending accounts, limit requests and webhook delivery attempts', async () => {
		const account = await call<{ data: { id: string } }>(sim(), 'app', {
			method: 'POST',
			path: '/providers',
			body: { name: 'One', smtp_host: 'smtp.example.net', smtp_port: 587, smtp_protocol: 'starttls', smtp_username: 'user', smtp_password: 'secret' },
		});
		expect(account.body.data.id.split('_')[0]).toBe(specPrefix('ProviderItem'));

		const increase = await call<{ data: { request_id: string } }>(sim(), 'app', { method: 'POST', path: '/providers/limits/sending-accounts/request-increase' });
		expect(increase.body.data.request_id.split('_')[0]).toBe(specPrefix('SendingAccountLimitRequest', 'request_id'));

		const ses = await call<{ data: { request: { id: string } } }>(sim(), 'app', { method: 'POST', path: '/providers/shared-amazon-ses-limit-request' });
		expect(ses.body.data.request.id.split('_')[0]).toBe(specPrefix('SharedAmazonSesLimitRequest'));

		const receiver = await startReceiver();
		receivers.push(receiver);
		const webhook = await call<{ data: { id: string } }>(sim(), 'app', { method: 'POST', path: '/webhooks', body: { url: receiver.url, event_types: ['sendmux.test'] } });
		await call(sim(), 'app', { method: 'POST', path: `/webhooks/${webhook.body.data.id}/test` });
		await sim().control.settle();
		const deliveries = await call<{ data: Array<{ id: string }> }>(sim(), 'app', { path: `/webhooks/${webhook.body.data.id}/deliveries` });
		expect(deliveries.body.data.length).toBeGreaterThan(0);
		expect(deliveries.body.data[0].id.split('_')[0]).toBe(specPrefix('WebhookDeliveryAttempt'));
	});
});
