import { describe, expect, it } from 'vitest';

import { capturedLogs } from '../harness/logs';
import { idsOf, mailboxTrigger } from './support';

/**
 * n8n saves a poll's static data only when the poll emits (and only top-level keys it
 * assigned). `restart()` drops the in-memory workflow and activates again from the saved
 * JSON, activation mode "init", as n8n does when it starts.
 */
describe('Sendmux Mailbox Trigger: the position survives a restart of n8n', () => {
	it('after a poll that emitted: continues where it was, nothing emitted twice', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receive('msg_1');
		mailbox.receive('msg_2');
		const emitted = await trigger.poll();
		expect(idsOf(emitted.items)).toEqual(['msg_1', 'msg_2']);
		expect(emitted.saved).toBe(true);

		await trigger.restart();
		expect(trigger.liveStaticData()).toEqual(trigger.savedStaticData());
		expect((await trigger.poll()).items).toBeNull();
		mailbox.receive('msg_3');
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_3']);
		expect(trigger.executions.flatMap((items) => idsOf(items))).toEqual(['msg_1', 'msg_2', 'msg_3']);
	});

	it('after polls that moved the state but emitted nothing: the older saved position replays harmlessly', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receive('msg_1');
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_1']);
		const saved = trigger.savedStaticData();

		// Only spam and a sent message arrive: the state moves in memory, nothing is emitted or saved.
		mailbox.receive('msg_spam', { folder: 'junk' });
		mailbox.receive('msg_sent', { folder: 'sent' });
		const quiet = await trigger.poll();
		expect(quiet.items).toBeNull();
		expect(quiet.saved).toBe(false);
		expect(trigger.liveStaticData().position).toMatchObject({ state: mailbox.state });
		expect(trigger.savedStaticData()).toEqual(saved);

		await trigger.restart();
		expect(trigger.liveStaticData()).toEqual(saved);
		mailbox.receive('msg_2');
		const after = await trigger.poll();
		// The feed is read again from the saved state: the spam and sent messages are filtered out again, msg_1 is not repeated.
		expect(idsOf(after.items)).toEqual(['msg_2']);
		expect((mailbox.requests('batch-get').at(-1)?.body as { ids: string[] }).ids).toEqual(['msg_spam', 'msg_sent', 'msg_2']);
		expect(trigger.executions.flatMap((items) => idsOf(items))).toEqual(['msg_1', 'msg_2']);
	});

	it('after a first poll that was never saved: looks back one poll interval plus an hour, and finds the mail', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		mailbox.receive('msg_long_ago', { receivedAt: new Date(Date.now() - 3 * 3600_000).toISOString() });
		const first = await trigger.poll();
		expect(first.items).toBeNull();
		// Mail arrives, then n8n restarts before the next poll: the recorded state was never saved.
		mailbox.receive('msg_during_restart');
		await trigger.restart();
		expect(trigger.liveStaticData()).toEqual({});

		const poll = await trigger.poll();
		expect(idsOf(poll.items)).toEqual(['msg_during_restart']);
		const after = Date.parse(mailbox.requests('list')[0].query.after as string);
		// Every minute (the poll interval) plus an hour of grace.
		expect(Date.now() - after).toBeGreaterThanOrEqual(61 * 60_000);
		expect(Date.now() - after).toBeLessThan(62 * 60_000);
		expect(capturedLogs.some((l) => l.message.includes('no saved position although the workflow was already active'))).toBe(true);
		// From then on it follows the feed: no repeats.
		mailbox.receive('msg_next');
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_next']);
	});

	it('a new activation (not a restart) without saved data starts from now: no look-back', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		mailbox.receive('msg_before_activation');
		await trigger.activate('activate');
		expect((await trigger.poll()).items).toBeNull();
		expect(mailbox.requests('list')).toEqual([]);
	});

	it('the queue beyond Max per Poll survives a restart', async () => {
		const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 50 });
		await trigger.poll();
		const sent = mailbox.receiveMany('msg_', 120);
		const first = await trigger.poll();
		await trigger.restart();
		const second = await trigger.poll();
		await trigger.restart();
		const third = await trigger.poll();
		expect([first, second, third].map((p) => p.items?.length)).toEqual([50, 50, 20]);
		expect([first, second, third].flatMap((p) => idsOf(p.items))).toEqual(sent);
	});
});
