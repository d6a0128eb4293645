import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { requireFromPackage } from '../harness/host.mjs';

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

describe('idempotency keys of a tool call (the node run as `sendmuxTool`)', () => {
	const { idempotencyKeyFor } = requireFromPackage('./dist/nodes/Sendmux/transport/idempotency.js') as {
		idempotencyKeyFor: (ctx: IExecuteFunctions, itemIndex: number, parts: string[]) => string;
	};

	/** The context n8n gives a tool node: the same node and execution, a new run per call. */
	function toolContext(json: IDataObject, runIndex: number, type = 'n8n-nodes-sendmux.sendmuxTool'): IExecuteFunctions {
		const node = { id: 'node-1', name: 'Sendmux', type, typeVersion: 1, position: [0, 0], parameters: { resource: 'email', operation: 'send', toEmail: "={{ $fromAI('to') }}" } };
		return {
			getNode: () => node,
			getExecutionId: () => '77',
			getInstanceId: () => 'instance',
			getWorkflow: () => ({ id: 'wf', active: false }),
			getInputData: () => [{ json }],
			getWorkflowDataProxy: () => ({ $runIndex: runIndex }),
		} as unknown as IExecuteFunctions;
	}

	it("n8n's engine adds a new toolCallId to every call: left out, so the same arguments keep their key across runs", () => {
		const first = idempotencyKeyFor(toolContext({ to: 'jane@example.net', toolCallId: 'call_1' }, 0), 0, ['send']);
		const again = idempotencyKeyFor(toolContext({ to: 'jane@example.net', toolCallId: 'call_2' }, 3), 0, ['send']);
		const other = idempotencyKeyFor(toolContext({ to: 'bob@example.net', toolCallId: 'call_3' }, 4), 0, ['send']);
		expect(again).toBe(first);
		expect(other).not.toBe(first);
	});

	it('the same node run in a workflow keeps keying by run and item', () => {
		const run0 = idempotencyKeyFor(toolContext({ to: 'jane@example.net' }, 0, 'n8n-nodes-sendmux.sendmux'), 0, ['send']);
		const run1 = idempotencyKeyFor(toolContext({ to: 'jane@example.net' }, 1, 'n8n-nodes-sendmux.sendmux'), 0, ['send']);
		expect(run1).not.toBe(run0);
	});
});
