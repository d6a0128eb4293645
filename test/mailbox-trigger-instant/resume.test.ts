import { describe, expect, it } from 'vitest';

import { capturedLogs } from '../harness/logs';
import { connected, ids, instantTrigger, until, useInstantTriggers } from './support';

describe('Sendmux Mailbox Trigger v2, Instant: drops, resumes and lost replays miss nothing and repeat nothing', () => {
	const waits = useInstantTriggers();

	it('reconnects with Last-Event-ID after the server ends the stream; a message whose event was lost in the drop is found in the change feed; replayed events repeat nothing', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		mailbox.receive('msg_1');
		const first = events.announce('msg_1');
		await until(() => trigger.executions.length === 1, 'msg_1');
		// The drop: msg_2 arrives, its event never reaches the trigger.
		events.drop();
		mailbox.receive('msg_2');
		await connected(events, 2);
		expect(events.requests[1].headers['last-event-id']).toBe(first);
		await until(() => trigger.allItems().length === 2, 'msg_2 after the reconnection');
		// Its event now reaches the trigger too (a late replay): nothing is emitted twice.
		events.announce('msg_2');
		mailbox.receive('msg_3');
		events.announce('msg_3');
		await until(() => trigger.allItems().length === 3, 'msg_3');
		expect(ids(trigger)).toEqual(['msg_1', 'msg_2', 'msg_3']);
		expect(waits().asked.filter(([purpose]) => purpose === 'reconnect')).toEqual([['reconnect', 1000]]);
	});

	it('honours the retry: the server asks for before reconnecting', async () => {
		const { events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		events.write('retry: 2500\n\n');
		events.drop();
		await connected(events, 2);
		expect(waits().asked.filter(([purpose]) => purpose === 'reconnect')).toEqual([['reconnect', 2500]]);
	});

	it('streams that end without a byte (a proxy closing them) are retried with growing backoff, not in a tight loop', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		events.emptyStreams = 3;
		events.drop();
		mailbox.receive('msg_1');
		await until(() => events.requests.length === 5 && events.open !== undefined, 'a real stream again');
		expect(waits().asked.filter(([purpose]) => purpose === 'reconnect').map(([, ms]) => ms)).toEqual([1000, 1000, 2000, 4000]);
		await until(() => trigger.allItems().length === 1, 'msg_1');
		expect(capturedLogs.filter((entry) => entry.message.includes('ended before sending anything'))).toHaveLength(3);
	});

	for (const form of ['event', 'comment'] as const) {
		it(`sync_required (as ${form === 'event' ? 'an event' : 'a comment'}) on resume: catches up from the saved position through the change feed, each message once`, async () => {
			const { mailbox, events, trigger } = instantTrigger();
			events.syncRequiredAs = form;
			await trigger.activate();
			await connected(events);
			mailbox.receive('msg_1');
			events.announce('msg_1');
			await until(() => trigger.executions.length === 1, 'msg_1');
			events.drop();
			// While away: more events than Sendmux keeps, and the change feed forgot too (resync by listing).
			mailbox.receive('msg_2');
			events.announce('msg_2');
			events.forgetHistory();
			mailbox.receive('msg_3');
			events.announce('msg_3');
			mailbox.forgetHistory();
			await connected(events, 2);
			await until(() => trigger.allItems().length === 3, 'msg_2 and msg_3');
			expect(ids(trigger)).toEqual(['msg_1', 'msg_2', 'msg_3']);
			await until(
				() => capturedLogs.some((entry) => entry.message.includes('sync required')),
				'the sync_required warning',
			);
		});
	}

	it('a Last-Event-ID Sendmux refuses (400) is dropped: the stream starts afresh and the change feed fills the gap', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		mailbox.receive('msg_1');
		events.announce('msg_1');
		await until(() => trigger.executions.length === 1, 'msg_1');
		events.drop();
		events.refuse([400, { ok: false, error: { code: 'invalid_parameter', message: 'Unknown event ID', retryable: false, param: 'last_event_id', doc_url: 'https://docs.sendmux.ai/errors/invalid_parameter' }, meta: { request_id: 'req_x' } }]);
		mailbox.receive('msg_2');
		await connected(events, 2);
		expect(events.requests).toHaveLength(3);
		expect(events.requests[1].headers['last-event-id']).toBe('e1');
		expect(events.requests[2].headers['last-event-id']).toBeUndefined();
		await until(() => trigger.allItems().length === 2, 'msg_2');
		expect(ids(trigger)).toEqual(['msg_1', 'msg_2']);
		expect(trigger.failedExecutions).toEqual([]);
		expect(trigger.fatalErrors).toEqual([]);
	});

	it('silence for three ping periods counts as a dead connection: it is aborted and a new one opened; pings keep it alive', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		events.ping();
		await until(() => waits().asked.filter(([purpose]) => purpose === 'silence').length >= 2, 'the watch restarted after the ping');
		expect(events.requests).toHaveLength(1);
		// No ping, no data: the watch runs out.
		mailbox.receive('msg_1');
		await until(() => waits().expireSilence() > 0, 'a watch to expire');
		await connected(events, 2);
		expect(waits().asked).toContainEqual(['silence', 90_000]);
		expect(capturedLogs.some((entry) => entry.level === 'warn' && entry.message.includes('no keep-alive from the event stream for 90 s'))).toBe(true);
		// Whatever arrived while the connection was dead is caught up.
		await until(() => trigger.allItems().length === 1, 'msg_1');
		expect(ids(trigger)).toEqual(['msg_1']);
	});

	it('n8n restarts: the trigger resumes from the saved position; mail that arrived while n8n was down is emitted once', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		mailbox.receive('msg_1');
		events.announce('msg_1');
		await until(() => trigger.executions.length === 1, 'msg_1');
		await trigger.deactivate();
		mailbox.receive('msg_2');
		mailbox.receive('msg_3');
		await trigger.activate('init');
		await connected(events, 2);
		await until(() => trigger.allItems().length === 3, 'the mail from while n8n was down');
		expect(ids(trigger)).toEqual(['msg_1', 'msg_2', 'msg_3']);
	});
});
