import { describe, expect, it } from 'vitest';

import { capturedLogs } from '../harness/logs';
import { PollingTriggerUnderTest } from '../harness/poll';
import { connected, ids, instantTrigger, until, useInstantTriggers } from './support';

describe('Sendmux Mailbox Trigger v2, Instant: one stream, one item per new message', () => {
	const waits = useInstantTriggers();

	it('activation saves the position before any mail, opens one stream (ping, event types, mailbox) and a message on it starts one execution', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		mailbox.receive('msg_old');
		await trigger.activate();
		// n8n saves static data when trigger() returns: the starting position is kept across a restart.
		expect(trigger.savedStaticData().position).toMatchObject({ state: mailbox.state, emitted: [] });
		await connected(events);
		expect(events.requests).toHaveLength(1);
		expect(events.requests[0].query).toEqual({ ping: '30', event_types: 'message.received' });
		expect(events.requests[0].headers['last-event-id']).toBeUndefined();
		expect(events.requests[0].headers.accept).toBe('text/event-stream');

		mailbox.receive('msg_1');
		events.announce('msg_1');
		await until(() => trigger.executions.length === 1, 'one execution');
		expect(ids(trigger)).toEqual(['msg_1']);
		// The position moved before the emit, so n8n's save in emit kept it.
		expect(trigger.savedStaticData().position).toMatchObject({ emitted: [['msg_1', expect.any(Number)]] });
		expect(events.requests).toHaveLength(1);
	});

	for (const parameters of [{}, { output: 'simplified' }, { output: 'raw', options: { rawPart: 'html' } }]) {
		it(`gives exactly the items polling mode gives (${JSON.stringify(parameters)}), also for a message whose nullable fields are null`, async () => {
			const { mailbox, events, trigger } = instantTrigger(parameters);
			const poller = new PollingTriggerUnderTest({ parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters } });
			await poller.poll();
			await trigger.activate();
			await connected(events);
			mailbox.receive('msg_full');
			mailbox.receive('msg_sparse', { sparse: true });
			events.announce('msg_full');
			events.announce('msg_sparse', { sparse: true });
			await until(() => trigger.allItems().length === 2, 'two items');
			const polled = await poller.poll();
			expect(polled.items).toHaveLength(2);
			expect(trigger.allItems().map((item) => item.json)).toEqual(polled.items?.map((item) => item.json));
		});
	}

	it('Download Attachments: the same binary data as polling mode', async () => {
		const parameters = { options: { downloadAttachments: true, binaryPrefix: 'file_' } };
		const csv = { id: 'att_1', filename: 'orders.csv', contentType: 'text/csv', bytes: Buffer.from('id,total\n1,9.90\n') };
		const { mailbox, events, trigger } = instantTrigger(parameters);
		const poller = new PollingTriggerUnderTest({ parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters } });
		await poller.poll();
		await trigger.activate();
		await connected(events);
		mailbox.receive('msg_a', { attachments: [csv] });
		events.announce('msg_a');
		await until(() => trigger.allItems().length === 1, 'msg_a');
		const polled = await poller.poll();
		const files = (binary: Record<string, unknown> | undefined) =>
			Object.fromEntries(
				Object.entries(binary ?? {}).map(([key, file]) => {
					const { fileName, mimeType, data } = file as { fileName: string; mimeType: string; data: string };
					return [key, { fileName, mimeType, bytes: Buffer.from(data, 'base64').toString('hex') }];
				}),
			);
		expect(files(trigger.allItems()[0].binary)).toEqual({
			file_0: { fileName: 'orders.csv', mimeType: 'text/csv', bytes: csv.bytes.toString('hex') },
		});
		expect(files(trigger.allItems()[0].binary)).toEqual(files(polled.items?.[0].binary));
	});

	it('an event whose message is null (the spec allows it) still brings the message, through the change feed', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		mailbox.receive('msg_1');
		events.announce('msg_1', { nullMessage: true });
		await until(() => trigger.executions.length === 1, 'msg_1');
		expect(ids(trigger)).toEqual(['msg_1']);
	});

	it('an event split across chunks inside a UTF-8 character is read whole', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		mailbox.receive('msg_ü', { subject: 'Grüße 📬' });
		// Split inside "ü" of the message ID within the JSON.
		const text = JSON.stringify(events.eventFor('msg_ü'));
		events.announce('msg_ü', { splitAt: Buffer.byteLength('id: e1\nevent: message.received\ndata: ') + Buffer.from(text).indexOf(Buffer.from('ü')) + 1 });
		await until(() => trigger.executions.length === 1, 'one execution');
		expect(trigger.allItems()[0].json).toMatchObject({ id: 'msg_ü', subject: 'Grüße 📬' });
	});

	it('a burst announced while a catch-up runs is emitted once each, oldest first, Max Messages per Poll at a time', async () => {
		const { mailbox, events, trigger } = instantTrigger({ maxMessagesPerPoll: 2 });
		await trigger.activate();
		await connected(events);
		const burst = mailbox.receiveMany('msg_', 7);
		for (const id of burst) events.announce(id);
		await until(() => trigger.allItems().length === 7, 'seven items');
		expect(ids(trigger)).toEqual(burst);
		expect(Math.max(...trigger.executions.map((items) => items.length))).toBeLessThanOrEqual(2);
	});

	it('Include Spam asks for spam events too, and a spam message starts the workflow', async () => {
		const { mailbox, events, trigger } = instantTrigger({ includeSpam: true });
		await trigger.activate();
		await connected(events);
		expect(events.requests[0].query.event_types).toBe('message.received,message.received.spam');
		mailbox.receive('msg_junk', { folder: 'junk' });
		events.announce('msg_junk', { spam: true });
		await until(() => trigger.executions.length === 1, 'the spam message');
		expect(ids(trigger)).toEqual(['msg_junk']);
	});

	it('without Include Spam a message filed as spam does not start the workflow, even when an event names it', async () => {
		const { mailbox, events, trigger } = instantTrigger();
		await trigger.activate();
		await connected(events);
		mailbox.receive('msg_junk', { folder: 'junk' });
		mailbox.receive('msg_ok');
		events.announce('msg_junk');
		events.announce('msg_ok');
		await until(() => trigger.executions.length === 1, 'the inbox message');
		expect(ids(trigger)).toEqual(['msg_ok']);
		expect(waits().asked.filter(([purpose]) => purpose === 'reconnect')).toEqual([]);
		expect(capturedLogs.filter((entry) => entry.level === 'error')).toEqual([]);
	});
});
