import { describe, expect, it } from 'vitest';

import { capturedLogs } from '../harness/logs';
import { MailboxTriggerV2UnderTest } from '../harness/mailboxTriggerV2';
import { errorEnvelope } from '../harness/sendmuxApi';
import { ROOT_KEY, testCredentials } from '../harness/workflow';
import { FakeMailbox } from '../mailbox-trigger/fakeMailbox';
import { FakeEventStream } from './fakeEventStream.mjs';
import { connected, ids, instantTrigger, track, turn, until, useInstantTriggers } from './support';

describe('Sendmux Mailbox Trigger v2, Instant: errors reach n8n, never a silent stop', () => {
	const waits = useInstantTriggers();

	// n8n 2.41 shows only the message of a trigger's failure (activation error, publication error):
	// the credential to fix is in it, Sendmux's words after it.
	it('a key refused at activation fails the activation naming the credential to fix, with Sendmux\'s message (n8n shows it on the workflow)', async () => {
		const { mailbox, trigger } = instantTrigger();
		mailbox.fail('folders', 1, [401, errorEnvelope('authentication_required', 'Invalid API key')]);
		await expect(trigger.activate()).rejects.toThrow(
			'Sendmux did not accept the API key: replace it in the "Sendmux Sending and Mailbox API" credential (Sendmux: Invalid API key)',
		);
	});

	it('a stream refused with 403 at activation fails the activation with the credential fix (no take-down and restart loop)', async () => {
		const { events, trigger } = instantTrigger();
		events.refuse(FakeEventStream.refusal(403, 'insufficient_permissions', 'Mailbox API key required'));
		const error = (await trigger.activate().catch((caught: unknown) => caught)) as Error & { description?: string };
		expect(error.message).toBe(
			'The API key may not read this mailbox: use a mailbox key with mailbox.read in the "Sendmux Sending and Mailbox API" credential (Sendmux: Mailbox API key required)',
		);
		expect(error.description).toContain('with mailbox.read for this mailbox');
		expect(events.requests).toHaveLength(1);
		expect(trigger.fatalErrors).toEqual([]);
	});

	for (const [status, code, message, fix, headline] of [
		[401, 'authentication_required', 'Invalid API key', 'paste a valid mailbox key', 'Sendmux did not accept the API key: replace it in the'],
		[403, 'insufficient_permissions', 'Mailbox API key required', 'with mailbox.read for this mailbox', 'The API key may not read this mailbox: use a mailbox key with mailbox.read in the'],
	] as const) {
		it(`a stream refused with ${status} while running: emitError names the credential fix, and the trigger stops asking`, async () => {
			const { events, trigger } = instantTrigger();
			await trigger.activate();
			await connected(events);
			events.refuse(FakeEventStream.refusal(status, code, message));
			events.drop();
			await until(() => trigger.fatalErrors.length === 1, 'emitError');
			const [error] = trigger.fatalErrors as Array<Error & { description?: string; httpCode?: string }>;
			expect(error.message).toBe(`${headline} "Sendmux Sending and Mailbox API" credential (Sendmux: ${message})`);
			expect(error.httpCode).toBe(String(status));
			expect(error.description).toContain(fix);
			expect(error.description).toContain('"Sendmux Sending and Mailbox API" credential');
			expect(error.description).toContain(`${code} (HTTP ${status})`);
			// n8n takes the trigger down and starts it again; until then no request is made.
			const asked = events.requests.length;
			await turn();
			expect(events.requests).toHaveLength(asked);
			expect(trigger.failedExecutions).toEqual([]);
		});
	}

	it('429 too many realtime connections: one failed execution explains the limit; mail still arrives through the change feed; the stream is taken up again when allowed', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		const tooMany = FakeEventStream.refusal(429, 'rate_limit_exceeded', 'Too many realtime connections', { 'Retry-After': '5' });
		events.refuse(tooMany, tooMany, tooMany);
		events.drop();
		mailbox.receive('msg_1');
		await connected(events, 2);
		expect(events.requests).toHaveLength(5);
		// While refused, every retry checked the change feed: msg_1 arrived without any event.
		await until(() => trigger.allItems().length === 1, 'msg_1');
		expect(ids(trigger)).toEqual(['msg_1']);
		expect(trigger.failedExecutions).toHaveLength(1);
		const [explained] = trigger.failedExecutions as Array<Error & { description?: string }>;
		expect(explained.message).toBe('Sendmux refused the event stream: too many realtime connections for this mailbox or key');
		expect(explained.description).toContain('Every active workflow in Instant mode holds one');
		expect(explained.description).toContain('Trigger Mode "Polling"');
		expect(trigger.fatalErrors).toEqual([]);
		// Retry-After (5 s) is honoured over the shorter backoff, then the backoff grows.
		expect(waits().asked.filter(([purpose]) => purpose === 'reconnect')).toEqual([
			['reconnect', 1000],
			['reconnect', 5000],
			['reconnect', 5000],
			['reconnect', 5000],
		]);
		expect(capturedLogs.filter((entry) => entry.level === 'warn' && entry.message.includes('too many realtime connections'))).toHaveLength(3);
	});

	it('503 realtime unavailable: falls back to the change feed and retries with growing backoff, no failed execution', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		const unavailable = FakeEventStream.refusal(503, 'service_unavailable', 'Realtime events unavailable');
		events.refuse(unavailable, unavailable, unavailable, unavailable);
		events.drop();
		mailbox.receive('msg_1');
		await connected(events, 2);
		await until(() => trigger.allItems().length === 1, 'msg_1');
		expect(waits().asked.filter(([purpose]) => purpose === 'reconnect').map(([, ms]) => ms)).toEqual([1000, 1000, 2000, 4000, 8000]);
		expect(trigger.failedExecutions).toEqual([]);
		expect(trigger.fatalErrors).toEqual([]);
		expect(capturedLogs.some((entry) => entry.level === 'warn' && entry.message.includes('the event stream is unavailable (HTTP 503'))).toBe(true);
	});

	it('a catch-up that fails (503 on every retry) is one failed execution per streak; the position stays and the next event emits everything', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		mailbox.receive('msg_1');
		mailbox.fail('batch-get', 5, FakeMailbox.unavailable());
		events.announce('msg_1');
		await until(() => trigger.failedExecutions.length === 1, 'the failed catch-up');
		mailbox.receive('msg_2');
		events.announce('msg_2');
		await until(() => trigger.allItems().length === 2, 'both messages');
		expect(ids(trigger)).toEqual(['msg_1', 'msg_2']);
		expect(trigger.failedExecutions).toHaveLength(1);
		expect(trigger.failedExecutions[0].message).toBe('Service temporarily unavailable');
	});

	it('a wrong kind of key is refused before any request', async () => {
		const api = new (await import('../harness/sendmuxApi')).SendmuxApi();
		new FakeMailbox(api);
		const trigger = track(
			new MailboxTriggerV2UnderTest({
				parameters: { triggerMode: 'instant' },
				credentials: testCredentials({ sendmuxMailboxApi: { apiKey: ROOT_KEY } }),
			}),
		);
		await expect(trigger.activate()).rejects.toThrow();
		expect(api.requests).toEqual([]);
	});
});
