/**
 * An email that may have been sent is reported as such, on every send path: the simulator
 * accepts the request and drops the answer (`drop`, phase `after`), then the retries run out
 * (more drops, or rate limits that say nothing about the first attempt). The item (or the
 * thrown error) must say "may have been sent" and carry the key that repeats it safely.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { runNode, testCredentials } from '../harness/workflow';
import { useSimulator } from './testing.mjs';
import type { FaultRule } from './faults';

describe('heavy faults: an outcome nobody confirmed is reported as "may have been sent"', () => {
	const sim = useSimulator();

	const credentials = () =>
		testCredentials({
			sendmuxMailboxApi: { apiKey: sim().keys.mailbox, sendingBaseUrl: sim().sendingBaseUrl, appBaseUrl: sim().appBaseUrl },
		});

	/** The first attempt is carried out but its answer is lost; every later one is rate-limited. */
	const droppedThenRateLimited = (operationId: string): FaultRule[] => [
		{ kind: 'drop', phase: 'after', times: 1, match: { operationId } },
		{ kind: 'rate_limit', retryAfterSeconds: 1, match: { operationId } },
	];

	const emailSend: INodeParameters = {
		resource: 'email',
		operation: 'send',
		fromEmail: 'orders@example.com',
		toEmail: 'jane@example.net',
		subject: 'Your order',
		emailFormat: 'text',
		text: 'It shipped.',
		requestOptions: { maxAttempts: 3 },
	};

	it('Email → Send, Continue On Fail: the item says "may have been sent" and carries the key it used', async () => {
		sim().control.setFaults(droppedThenRateLimited('sendingSendEmail'));
		const { items, error } = await runNode({
			node: { parameters: emailSend, settings: { onError: 'continueRegularOutput' } },
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		const json = items[0].json;
		expect(json.error).toMatch(/^The email may have been sent \(no answer confirmed it\): /);
		expect(json.outcome).toBe('unknown');
		const sent = sim().control.acceptedMessages();
		expect(sent).toHaveLength(1);
		expect(json.idempotency_key).toBe(sent[0].idempotencyKey);
		expect(json.description).toContain(`Idempotency-Key: ${String(json.idempotency_key)}`);
		expect(json.description).toMatch(/same Idempotency-Key within 24 hours/);
	});

	it('Email → Send, without Continue On Fail: the thrown error says so too, with the key', async () => {
		sim().control.setFaults([{ kind: 'drop', phase: 'after', match: { operationId: 'sendingSendEmail' } }]);
		const { error } = await runNode({ node: { parameters: emailSend }, credentials: credentials() });
		expect(error?.message).toMatch(/^The email may have been sent \(no answer confirmed it\): Could not reach Sendmux/);
		const [accepted] = sim().control.acceptedMessages();
		expect(error?.description).toContain(`Idempotency-Key: ${accepted.idempotencyKey}`);
	});

	it('Email → Send: a rate limit alone decides nothing was sent, and says only that', async () => {
		sim().control.setFaults([{ kind: 'rate_limit', retryAfterSeconds: 1, match: { operationId: 'sendingSendEmail' } }]);
		const { items } = await runNode({
			node: { parameters: emailSend, settings: { onError: 'continueRegularOutput' } },
			credentials: credentials(),
		});
		expect(items[0].json.error).not.toMatch(/may have been sent/);
		expect(items[0].json.outcome).toBeUndefined();
		expect(sim().control.acceptedMessages()).toHaveLength(0);
	});

	it('Email → Send Batch: every email of the call is "unknown", with the call\'s key', async () => {
		sim().control.setFaults(droppedThenRateLimited('sendingSendEmailBatch'));
		const { items, error } = await runNode({
			node: {
				parameters: { ...emailSend, operation: 'sendBatch', source: 'items', toEmail: '={{ $json.to }}' },
				settings: { onError: 'continueRegularOutput' },
			},
			input: [{ json: { to: 'ann@example.net' } }, { json: { to: 'bob@example.net' } }],
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		const sent = sim().control.acceptedMessages();
		expect(sent).toHaveLength(2);
		for (const [index, item] of items.entries()) {
			expect(item.json).toMatchObject({ status: 'unknown', message_id: null, outcome: 'unknown', idempotency_key: sent[0].idempotencyKey });
			expect(item.json.error).toMatch(new RegExp(`^The email of item ${index} may have been sent`));
		}
	});

	it('Email → Send Batch, without Continue On Fail: the stop says how many may have been sent', async () => {
		sim().control.setFaults(droppedThenRateLimited('sendingSendEmailBatch'));
		const { error } = await runNode({
			node: { parameters: { ...emailSend, operation: 'sendBatch', source: 'items', toEmail: '={{ $json.to }}' } },
			input: [{ json: { to: 'ann@example.net' } }, { json: { to: 'bob@example.net' } }],
			credentials: credentials(),
		});
		expect(error?.message).toMatch(/may have been sent/);
		expect(error?.description).toMatch(/0 of 2 emails were queued, 2 may have been sent \(no answer confirmed them\) and 0 failed/);
	});

	const mailboxSend: INodeParameters = {
		resource: 'message',
		operation: 'send',
		to: 'jane@example.net',
		subject: 'Hello',
		text: 'Hi Jane',
		requestOptions: { maxAttempts: 3 },
	};

	it('Message → Send (Mailbox API): the item says "may have been sent", with the key', async () => {
		sim().control.setFaults(droppedThenRateLimited('mailboxSendMessage'));
		const { items } = await runNode({
			node: { parameters: mailboxSend, settings: { onError: 'continueRegularOutput' } },
			credentials: credentials(),
		});
		const json = items[0].json as IDataObject;
		expect(json.error).toMatch(/^The message may have been sent \(no answer confirmed it\): /);
		expect(json.outcome).toBe('unknown');
		const sent = sim().control.acceptedMessages();
		expect(sent).toHaveLength(1);
		expect(json.idempotency_key).toBe(sent[0].idempotencyKey);
	});

	it.each([
		['reply', {}],
		['forward', { to: 'bob@example.net' }],
	])('Message → %s (Mailbox API): the item says "may have been sent", with the key', async (operation, extra) => {
		const original = sim().control.injectInbound({ mailbox: 'agent@example.com', from: { email: 'customer@example.net', name: 'Customer' }, subject: 'Question', text: 'Hello?' });
		sim().control.setFaults(droppedThenRateLimited('mailboxSendMessage'));
		const { items } = await runNode({
			node: {
				parameters: { resource: 'message', operation, messageId: original.id, text: 'Answer', ...extra, requestOptions: { maxAttempts: 3 } },
				settings: { onError: 'continueRegularOutput' },
			},
			credentials: credentials(),
		});
		const json = items[0].json as IDataObject;
		expect(json.error).toMatch(/^The message may have been sent \(no answer confirmed it\): /);
		expect(json.outcome).toBe('unknown');
		const sent = sim().control.acceptedMessages();
		expect(sent).toHaveLength(1);
		expect(json.idempotency_key).toBe(sent[0].idempotencyKey);
	});
});
