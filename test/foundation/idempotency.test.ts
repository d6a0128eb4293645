import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { TRANSPORT_PROBE } from '../harness/transportProbe';
import { runNode } from '../harness/workflow';
import { SEND_BODY, SEND_RESULT } from './fixtures';

const sendWithDerivedKey = (userKey = '') => ({
	type: TRANSPORT_PROBE,
	parameters: {
		request: JSON.stringify({
			surface: 'sending',
			method: 'POST',
			path: '/emails/send',
			body: SEND_BODY,
			retry: { maxAttempts: 1 },
		}),
		idempotencyParts: JSON.stringify(['send']),
		userKey,
	},
});

describe('idempotency keys', () => {
	it("are the same when n8n's Retry On Fail runs the node again in the same execution", async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').error(503, 'service_unavailable', 'Down', { retryable: true });
		api.sending('POST', '/emails/send').ok(SEND_RESULT);
		const { error } = await runNode({
			node: { ...sendWithDerivedKey(), settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 } },
			executionId: '4711',
		});
		expect(error).toBeUndefined();
		const keys = api.requests.map((r) => r.idempotencyKey);
		expect(keys).toHaveLength(2);
		expect(keys[0]).toBe(keys[1]);
		expect(keys[0]).toMatch(/^n8n-4711-send-[0-9a-f]{32}$/);
	});

	it('differ per item and per execution', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').times(4).ok(SEND_RESULT);
		await runNode({ node: sendWithDerivedKey(), input: [{ json: {} }, { json: {} }], executionId: '1' });
		await runNode({ node: sendWithDerivedKey(), input: [{ json: {} }, { json: {} }], executionId: '2' });
		const keys = api.requests.map((r) => r.idempotencyKey);
		expect(new Set(keys).size).toBe(4);
	});

	it("a user's key replaces the derived one", async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').ok(SEND_RESULT);
		await runNode({ node: sendWithDerivedKey('order-1001') });
		expect(api.requests[0].idempotencyKey).toBe('order-1001');
	});

	it("a user's key with a line break is refused before any request", async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({ node: sendWithDerivedKey('order\n1001') });
		expect(error?.message).toMatch(/Idempotency Key of item 0 is not usable/);
		expect(api.requests).toEqual([]);
	});
});
