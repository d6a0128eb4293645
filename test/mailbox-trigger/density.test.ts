import { describe, expect, it } from 'vitest';

import type { PollingTriggerUnderTest } from '../harness/poll';
import type { FakeMailbox } from './fakeMailbox';
import { idsOf, mailboxTrigger } from './support';

/**
 * Dense mail through resyncs, backfills and restarts, polled the way n8n polls (static data
 * saved only by a poll that emits; `restart()` keeps only what was saved). Densities: 1,200
 * messages in a minute, 600 in one second, 600 with one received time.
 */

/** Mail arrives after the trigger was activated (its first anchor is the activation time). */
const BASE = Math.floor(Date.now() / 1000) * 1000 + 60_000;
const at = (ms: number) => new Date(BASE + ms).toISOString();

/** `count` messages `prefix0000`… received `stepMs` apart from `startMs` (0 = all at once). */
function burst(mailbox: FakeMailbox, prefix: string, count: number, startMs: number, stepMs: number): string[] {
	return Array.from({ length: count }, (_, i) =>
		mailbox.receive(`${prefix}${String(i).padStart(4, '0')}`, { receivedAt: at(startMs + Math.floor(i * stepMs)) }),
	);
}

interface Drained {
	polls: number;
	emitted: string[];
	/** Whether it came to rest (a poll that emitted and listed nothing) within `maxPolls`. */
	settled: boolean;
}

/**
 * Polls until a poll emits nothing and lists nothing (no resync or backfill left), restarting
 * n8n after every poll when asked, `maxPolls` at most; fails on a poll error.
 */
async function drain(
	trigger: PollingTriggerUnderTest,
	mailbox: FakeMailbox,
	options: { maxPolls: number; restartEachPoll?: boolean },
): Promise<Drained> {
	const emitted: string[] = [];
	for (let polls = 1; polls <= options.maxPolls; polls++) {
		const listed = mailbox.requests('list').length;
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		emitted.push(...idsOf(poll.items));
		// n8n saves exactly when a poll emits.
		expect(poll.saved).toBe(poll.items !== null);
		if (poll.items === null && mailbox.requests('list').length === listed) return { polls, emitted, settled: true };
		if (options.restartEachPoll) await trigger.restart();
	}
	return { polls: options.maxPolls, emitted, settled: false };
}

function duplicates(ids: string[]): string[] {
	const seen = new Set<string>();
	return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

describe('Sendmux Mailbox Trigger: exactly once at any mail density', () => {
	for (const stepMs of [40, 1]) {
		it(`resync after 1,200 messages ${stepMs} ms apart were emitted: none again, and the new ones once`, async () => {
			const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 500 });
			await trigger.poll();
			const dense = burst(mailbox, 'msg_dense_', 1200, 0, stepMs);
			const first = await drain(trigger, mailbox, { maxPolls: 10, restartEachPoll: true });
			expect(first.emitted).toEqual(dense);

			const later = burst(mailbox, 'msg_later_', 5, 1200 * stepMs + 1000, 10);
			// Sendmux forgets the history: the stored state needs a resync, which lists from a minute before the newest emitted.
			mailbox.forgetHistory();
			const resync = await drain(trigger, mailbox, { maxPolls: 10, restartEachPoll: true });
			expect(resync.emitted).toEqual(later);
			expect(duplicates(trigger.executions.flatMap((items) => idsOf(items)))).toEqual([]);
			expect(resync.settled).toBe(true);
			expect(resync.polls).toBeLessThanOrEqual(3);
		});
	}

	it('backfill of 600 messages received within one second, then 5 new: all once, in a handful of polls', async () => {
		const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 50, includeExistingSince: at(0) });
		const dense = burst(mailbox, 'msg_second_', 600, 1000, 1000 / 600);
		const first = await trigger.poll();
		expect(idsOf(first.items)).toEqual(dense.slice(0, 50));
		await trigger.restart();
		const later = burst(mailbox, 'msg_later_', 5, 3000, 100);
		const rest = await drain(trigger, mailbox, { maxPolls: 20, restartEachPoll: true });
		expect([...idsOf(first.items), ...rest.emitted]).toEqual([...dense, ...later]);
		// 605 messages at 50 a poll: 13 polls, plus the quiet one.
		expect(rest.settled).toBe(true);
		expect(rest.polls).toBeLessThanOrEqual(14);
	});

	it('resync after 600 messages received within one second: goes on at full speed', async () => {
		const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 500 });
		await trigger.poll();
		const dense = burst(mailbox, 'msg_second_', 600, 0, 1000 / 600);
		expect((await drain(trigger, mailbox, { maxPolls: 5, restartEachPoll: true })).emitted).toEqual(dense);
		const later = burst(mailbox, 'msg_later_', 5, 2000, 100);
		mailbox.forgetHistory();
		const resync = await drain(trigger, mailbox, { maxPolls: 10, restartEachPoll: true });
		expect(resync.emitted).toEqual(later);
		expect(resync.settled).toBe(true);
		expect(resync.polls).toBeLessThanOrEqual(3);
	});

	for (const afterExcludes of [false, true]) {
		it(`backfill of 600 messages with one received time loses none${afterExcludes ? " (Sendmux's `after` excluding the instant)" : ''}`, async () => {
			const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 50, includeExistingSince: at(0) });
			mailbox.afterExcludes = afterExcludes;
			const before = burst(mailbox, 'msg_before_', 3, 500, 1);
			const same = burst(mailbox, 'msg_same_', 600, 1000, 0);
			const after = burst(mailbox, 'msg_after_', 3, 1001, 1);
			const run = await drain(trigger, mailbox, { maxPolls: 20, restartEachPoll: true });
			expect(run.emitted).toEqual([...before, ...same, ...after]);
			expect(run.settled).toBe(true);
			mailbox.receive('msg_new');
			expect(idsOf((await trigger.poll()).items)).toEqual(['msg_new']);
		});
	}

	it('resync after 600 messages with one received time were emitted: none again, none lost', async () => {
		const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 500 });
		await trigger.poll();
		const same = burst(mailbox, 'msg_same_', 600, 0, 0);
		expect((await drain(trigger, mailbox, { maxPolls: 5, restartEachPoll: true })).emitted).toEqual(same);
		// More arrive at that very instant, and later ones too; then Sendmux forgets the history.
		const sameLater = burst(mailbox, 'msg_same_late_', 120, 0, 0);
		const later = burst(mailbox, 'msg_later_', 3, 5000, 1);
		mailbox.forgetHistory();
		const resync = await drain(trigger, mailbox, { maxPolls: 10, restartEachPoll: true });
		expect(resync.emitted).toEqual([...sameLater, ...later]);
		expect(resync.settled).toBe(true);
		expect(duplicates(trigger.executions.flatMap((items) => idsOf(items)))).toEqual([]);
	});

	it('2,000 messages arriving during a long backfill are emitted once when the feed takes over', async () => {
		const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 50, includeExistingSince: at(0) });
		const old = burst(mailbox, 'msg_old_', 600, 1000, 1000);
		const emitted: string[] = [];
		for (let poll = 0; poll < 3; poll++) {
			emitted.push(...idsOf((await trigger.poll()).items));
			await trigger.restart();
		}
		const arriving = burst(mailbox, 'msg_new_', 2000, 700_000, 10);
		const rest = await drain(trigger, mailbox, { maxPolls: 70, restartEachPoll: true });
		emitted.push(...rest.emitted);
		expect(emitted).toEqual([...old, ...arriving]);
		expect(rest.settled).toBe(true);
	});
});
