import { describe, expect, it } from 'vitest';

import { capturedLogs } from '../harness/logs';
import { idsOf, mailboxTrigger, rememberedIds } from './support';

describe('Sendmux Mailbox Trigger: polling the change feed', () => {
	it('first poll records the state and emits nothing (no backfill of the existing inbox)', async () => {
		const { api, mailbox, trigger } = mailboxTrigger();
		mailbox.receive('msg_old1');
		mailbox.receive('msg_old2');
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		expect(trigger.executions).toEqual([]);
		expect(trigger.liveStaticData().position).toMatchObject({
			version: 2,
			scope: '',
			state: mailbox.state,
			queue: [],
			listing: null,
			emitted: [],
		});
		// n8n saves nothing from a poll that emitted nothing.
		expect(first.saved).toBe(false);
		expect(trigger.savedStaticData()).toEqual({});
		// Only the current state was read: nothing listed, no message fetched.
		expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /mailbox/changes']);
		expect(api.requests[0].query).toEqual({});
		expect(capturedLogs.some((l) => l.message.includes('recorded the mailbox state'))).toBe(true);

		// Nothing new: the next poll asks for changes since that state and emits nothing.
		const second = await trigger.poll();
		expect(second.items).toBeNull();
		expect(mailbox.requests('changes')[1].query).toEqual({ messages_since_state: mailbox.state, limit: '500' });
		expect(mailbox.requests('batch-get')).toEqual([]);
	});

	it('3 new messages give 3 items, oldest first, read with one :batch-get', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receive('msg_c', { receivedAt: '2099-01-01T10:00:03Z' });
		mailbox.receive('msg_a', { receivedAt: '2099-01-01T10:00:01Z' });
		mailbox.receive('msg_b', { receivedAt: '2099-01-01T10:00:02Z' });
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(idsOf(second.items)).toEqual(['msg_a', 'msg_b', 'msg_c']);
		expect(second.items?.[0].json).toMatchObject({ subject: 'Subject of msg_a', from: { email: 'ann@customer.test' } });
		expect(second.saved).toBe(true);
		const batchGets = mailbox.requests('batch-get');
		expect(batchGets).toHaveLength(1);
		expect(batchGets[0].body).toMatchObject({ ids: ['msg_c', 'msg_a', 'msg_b'], body_mode: 'clean_json' });
		expect(trigger.savedStaticData().position).toMatchObject({
			state: mailbox.state,
			queue: [],
			anchor: '2099-01-01T10:00:03Z',
		});
		expect(rememberedIds(trigger.savedStaticData())).toEqual(['msg_a', 'msg_b', 'msg_c']);

		// Nothing arrives: the next poll emits nothing and reads nothing.
		expect((await trigger.poll()).items).toBeNull();
		expect(mailbox.requests('batch-get')).toHaveLength(1);
	});

	it('120 new with Max 50 give 50, 50 and 20 over three polls, none lost or repeated', async () => {
		const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 50 });
		await trigger.poll();
		const sent = mailbox.receiveMany('msg_', 120);
		const polls = [await trigger.poll(), await trigger.poll(), await trigger.poll(), await trigger.poll()];
		expect(polls.map((p) => p.items?.length ?? 0)).toEqual([50, 50, 20, 0]);
		expect(polls.every((p) => p.error === undefined)).toBe(true);
		const emitted = polls.flatMap((p) => idsOf(p.items));
		expect(emitted).toEqual(sent);
		// The rest waited in the stored queue, saved with each emitting poll.
		expect(polls[0].saved).toBe(true);
		expect(trigger.savedStaticData().position).toMatchObject({ queue: [] });
		// The feed was read once; no :batch-get asked for more than 100 IDs.
		const feedReads = mailbox.requests('changes').filter((r) => r.query.messages_since_state);
		expect(feedReads.length).toBe(4);
		for (const call of mailbox.requests('batch-get')) {
			expect((call.body as { ids: string[] }).ids.length).toBeLessThanOrEqual(100);
		}
	});

	it('follows has_more through every page of the feed', async () => {
		const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 500 });
		await trigger.poll();
		mailbox.changesPageCap = 40;
		const sent = mailbox.receiveMany('msg_', 100);
		mailbox.touch();
		const poll = await trigger.poll();
		expect(idsOf(poll.items)).toEqual(sent);
		const pages = mailbox.requests('changes').slice(1);
		expect(pages.map((r) => r.query.messages_since_state)).toEqual(['s100', 's140', 's180']);
		expect(trigger.savedStaticData().position).toMatchObject({ state: mailbox.state });
	});

	it('emits a message reported twice only once, within a poll and across polls', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receive('msg_1');
		mailbox.receive('msg_2');
		mailbox.repeatInNextChanges('msg_1');
		const first = await trigger.poll();
		expect(idsOf(first.items)).toEqual(['msg_1', 'msg_2']);
		expect((mailbox.requests('batch-get')[0].body as { ids: string[] }).ids).toEqual(['msg_1', 'msg_2']);
		// Sendmux replays msg_2 later (after a failover, say): it is not emitted again.
		mailbox.receive('msg_3');
		mailbox.repeatInNextChanges('msg_2');
		const second = await trigger.poll();
		expect(idsOf(second.items)).toEqual(['msg_3']);
		expect(trigger.executions.flatMap((items) => idsOf(items))).toEqual(['msg_1', 'msg_2', 'msg_3']);
	});

	it('two overlapping polls emit each message once', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receiveMany('msg_', 3);
		const [a, b] = await Promise.all([trigger.poll(), trigger.poll()]);
		// Both really read the new messages before either had stored anything.
		expect(mailbox.requests('batch-get')).toHaveLength(2);
		const emitted = [...idsOf(a.items), ...idsOf(b.items)];
		expect(emitted.sort()).toEqual(['msg_000', 'msg_001', 'msg_002']);
		expect(rememberedIds(trigger.liveStaticData())).toEqual(['msg_000', 'msg_001', 'msg_002']);
	});

	it('with Include Existing Messages Since, the first poll emits the messages received since then, oldest first', async () => {
		const { mailbox, trigger } = mailboxTrigger({ includeExistingSince: '2026-11-23T08:00:00Z' });
		mailbox.receive('msg_before', { receivedAt: '2026-11-23T07:59:00Z' });
		mailbox.receive('msg_since2', { receivedAt: '2026-11-23T08:30:00Z' });
		mailbox.receive('msg_since1', { receivedAt: '2026-11-23T08:10:00Z' });
		const first = await trigger.poll();
		expect(idsOf(first.items)).toEqual(['msg_since1', 'msg_since2']);
		expect(mailbox.requests('list')[0].query).toEqual({
			// A millisecond early: whether Sendmux's `after` includes the instant or not, it is listed.
			after: '2026-11-23T07:59:59.999Z',
			sort_by: 'received_at',
			sort_direction: 'asc',
			limit: '100',
		});
		// Then it follows the feed from the state taken before the listing: no repeats.
		mailbox.receive('msg_new');
		const second = await trigger.poll();
		expect(idsOf(second.items)).toEqual(['msg_new']);
	});
});
