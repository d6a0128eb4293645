import { sleep } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { call, useSimulator } from './testing.mjs';

const MESSAGE = { from: { email: 'hello@example.com' }, to: { email: 'someone@example.net' }, subject: 'Order 1', html_body: '<p>Thanks</p>' };

interface Sent {
	data: { message_id: string };
	meta: { request_id: string };
}

describe('simulator: Idempotency-Key', () => {
	const sim = useSimulator();
	const send = (key: string, body: unknown = MESSAGE) =>
		call<Sent>(sim(), 'sending', { method: 'POST', path: '/emails/send', body, headers: { 'Idempotency-Key': key } });

	it('replays the original response for the same key and body, accepting the message once', async () => {
		const first = await send('order-1');
		const second = await send('order-1');
		expect(second.status).toBe(200);
		expect(second.text).toBe(first.text);
		expect(second.headers['idempotent-replayed']).toBe('true');
		expect(second.headers['x-request-id']).toBe(first.body.meta.request_id);
		expect(sim().control.acceptedMessages({ idempotencyKey: 'order-1' })).toHaveLength(1);
		expect(sim().control.requests({ idempotencyKey: 'order-1' }).map((r) => r.replayed)).toEqual([false, true]);
	});

	it('answers 409 idempotency_conflict (not retryable) for the same key with a different body', async () => {
		await send('order-2');
		const conflicting = await send('order-2', { ...MESSAGE, subject: 'Order 2, edited' });
		expect(conflicting.status).toBe(409);
		expect(conflicting.body).toMatchObject({ error: { code: 'idempotency_conflict', retryable: false } });
		expect(sim().control.acceptedMessages({ idempotencyKey: 'order-2' })).toHaveLength(1);
	});

	it('answers 409 idempotency_conflict (retryable, Retry-After) while the first request is in flight', async () => {
		sim().control.addFault({ kind: 'processing_delay', ms: 300, times: 1, match: { operationId: 'sendingSendEmail' } });
		const slow = send('order-3');
		await sleep(100);
		const concurrent = await send('order-3');
		expect(concurrent.status).toBe(409);
		expect(concurrent.body).toMatchObject({ error: { code: 'idempotency_conflict', retryable: true } });
		expect(concurrent.headers['retry-after']).toBe('1');
		expect((await slow).status).toBe(200);
		expect((await send('order-3')).headers['idempotent-replayed']).toBe('true');
		expect(sim().control.acceptedMessages({ idempotencyKey: 'order-3' })).toHaveLength(1);
	});

	it('keeps a retry after a lost response exactly-once (drop after handling, then replay)', async () => {
		sim().control.addFault({ kind: 'drop', phase: 'after', times: 1, match: { operationId: 'sendingSendEmail' } });
		await expect(send('order-4')).rejects.toThrow();
		const retry = await send('order-4');
		expect(retry.status).toBe(200);
		expect(retry.headers['idempotent-replayed']).toBe('true');
		expect(sim().control.acceptedMessages({ idempotencyKey: 'order-4' })).toHaveLength(1);
		expect(sim().control.requests({ idempotencyKey: 'order-4' }).map((r) => [r.status, r.fault])).toEqual([
			[null, 'drop'],
			[200, undefined],
		]);
	});

	it('does not cache failures: a retry after a refused request is handled afresh', async () => {
		const invalid = { ...MESSAGE, from: { email: 'x@unverified.example' } };
		expect((await send('order-5', invalid)).status).toBe(422);
		const again = await send('order-5', invalid);
		expect(again.status).toBe(422);
		expect(again.headers['idempotent-replayed']).toBeUndefined();
		expect(again.body.meta.request_id).not.toBe(sim().control.requests({ idempotencyKey: 'order-5' })[0].requestId);
	});

	it('scopes keys per endpoint target: the same key on another webhook is 409', async () => {
		sim().control.configure({ limits: { webhooks: 2 } });
		const ids: string[] = [];
		for (const name of ['a', 'b']) {
			const created = await call<{ data: { id: string } }>(sim(), 'app', { method: 'POST', path: '/webhooks', body: { url: `https://hooks.example.net/${name}`, event_types: ['sendmux.test'] } });
			ids.push(created.body.data.id);
		}
		const first = await call<{ data: { secret: string } }>(sim(), 'app', { method: 'POST', path: `/webhooks/${ids[0]}/rotate-secret`, headers: { 'Idempotency-Key': 'rotate-1' } });
		const again = await call<{ data: { secret: string } }>(sim(), 'app', { method: 'POST', path: `/webhooks/${ids[0]}/rotate-secret`, headers: { 'Idempotency-Key': 'rotate-1' } });
		expect(again.body.data.secret).toBe(first.body.data.secret);
		const other = await call(sim(), 'app', { method: 'POST', path: `/webhooks/${ids[1]}/rotate-secret`, headers: { 'Idempotency-Key': 'rotate-1' } });
		expect(other.status).toBe(409);
		expect(other.body.error?.code).toBe('idempotency_conflict');
	});
});
