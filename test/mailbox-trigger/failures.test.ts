import { describe, expect, it } from 'vitest';

import { recordedWaits } from '../harness/clock';
import { capturedLogs } from '../harness/logs';
import { errorEnvelope } from '../harness/sendmuxApi';
import { FakeMailbox } from './fakeMailbox';
import { idsOf, mailboxTrigger } from './support';

describe('Sendmux Mailbox Trigger: failures leave the position where it was', () => {
	it('a 503 mid-poll emits nothing and keeps the state; the next poll emits all', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		const before = trigger.liveStaticData();
		mailbox.receiveMany('msg_', 3);
		// The feed answers, then every attempt at reading the messages gets 503.
		mailbox.fail('batch-get', 5, FakeMailbox.unavailable());
		const failed = await trigger.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toBe('Service temporarily unavailable');
		expect((failed.error as { description?: string }).description).toContain('service_unavailable (HTTP 503)');
		expect(mailbox.requests('batch-get')).toHaveLength(5);
		expect(recordedWaits).toHaveLength(4);
		expect(trigger.executions).toEqual([]);
		expect(trigger.liveStaticData()).toEqual(before);

		const next = await trigger.poll();
		expect(next.error).toBeUndefined();
		expect(idsOf(next.items)).toEqual(['msg_000', 'msg_001', 'msg_002']);
	});

	it('a failed attachment download emits nothing and keeps the state', async () => {
		const { mailbox, trigger } = mailboxTrigger({ options: { downloadAttachments: true } });
		await trigger.poll();
		mailbox.receive('msg_1');
		mailbox.receive('msg_2', {
			attachments: [{ id: 'att_1', filename: 'invoice.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.7') }],
		});
		const before = trigger.liveStaticData();
		mailbox.fail('attachment', 5, FakeMailbox.unavailable());
		const failed = await trigger.poll();
		expect(failed.items).toBeNull();
		expect(failed.error).toBeDefined();
		expect(trigger.liveStaticData()).toEqual(before);
		const next = await trigger.poll();
		expect(idsOf(next.items)).toEqual(['msg_1', 'msg_2']);
		expect(next.items?.[1].binary?.attachment_0).toMatchObject({ fileName: 'invoice.pdf', mimeType: 'application/pdf' });
	});

	it('a 503 on the change feed keeps the state, and queued messages stay queued', async () => {
		const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 2 });
		await trigger.poll();
		mailbox.receiveMany('msg_', 5);
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_000', 'msg_001']);
		const before = trigger.liveStaticData();
		expect(before.position).toMatchObject({ queue: ['msg_002', 'msg_003', 'msg_004'] });
		mailbox.fail('changes', 5, FakeMailbox.unavailable());
		const failed = await trigger.poll();
		expect(failed.error).toBeDefined();
		expect(trigger.liveStaticData()).toEqual(before);
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_002', 'msg_003']);
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_004']);
	});

	it('sync_required: resynchronises from the newest message emitted, without duplicates, and says so in the log', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receive('msg_1');
		mailbox.receive('msg_2');
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_1', 'msg_2']);
		const anchor = (trigger.savedStaticData().position as { anchor: string }).anchor;
		mailbox.receive('msg_3');
		mailbox.receive('msg_4', { folder: 'junk' });
		mailbox.receive('msg_5');
		mailbox.forgetHistory();

		const resync = await trigger.poll();
		expect(resync.error).toBeUndefined();
		expect(idsOf(resync.items)).toEqual(['msg_3', 'msg_5']);
		// The listing starts a minute before the newest emitted message: msg_1 and msg_2 are listed again, not emitted again.
		const listing = mailbox.requests('list')[0];
		expect(listing.query).toMatchObject({ sort_by: 'received_at', sort_direction: 'asc' });
		expect(Date.parse(listing.query.after as string)).toBe(Date.parse(anchor) - 60_000 - 1);
		expect(capturedLogs.some((l) => l.level === 'warn' && l.message.includes('sync required') && l.message.includes('resynchronising'))).toBe(true);
		// The fresh state is stored: the feed continues from it.
		expect(trigger.savedStaticData().position).toMatchObject({ state: mailbox.state, listing: null });
		mailbox.receive('msg_6');
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_6']);
		expect(trigger.executions.flatMap((items) => idsOf(items))).toEqual(['msg_1', 'msg_2', 'msg_3', 'msg_5', 'msg_6']);
	});

	it('a state Sendmux refuses (400 invalid sync state) resynchronises the same way', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receive('msg_1');
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_1']);
		mailbox.receive('msg_2');
		mailbox.fail('changes', 1, [400, errorEnvelope('invalid_parameter', 'Invalid sync state', { param: 'messages_since_state' })]);
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(idsOf(poll.items)).toEqual(['msg_2']);
	});

	it('any other 400 from the change feed is an error to see, not a reason to resync', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receive('msg_1');
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_1']);
		const before = trigger.liveStaticData();
		mailbox.receive('msg_2');
		mailbox.fail('changes', 1, [400, errorEnvelope('invalid_parameter', 'limit must be at most 500', { param: 'limit' })]);
		const failed = await trigger.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toBe('limit must be at most 500');
		expect(mailbox.requests('list')).toEqual([]);
		expect(capturedLogs.some((l) => l.message.includes('sync required'))).toBe(false);
		expect(trigger.liveStaticData()).toEqual(before);
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_2']);
	});

	it('a resync over a large backlog goes on over several polls, oldest first, before the feed resumes', async () => {
		const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 500 });
		await trigger.poll();
		mailbox.receive('msg_first');
		await trigger.poll();
		const backlog = mailbox.receiveMany('msg_', 700);
		mailbox.forgetHistory();
		const first = await trigger.poll();
		// 500 new ones listed (a poll looks at 500 IDs at most); msg_first, in the overlap, was emitted before and is skipped.
		expect(first.items).toHaveLength(500);
		expect(idsOf(first.items)).not.toContain('msg_first');
		expect(trigger.liveStaticData().position).toMatchObject({ listing: { from: expect.any(String) } });
		mailbox.receive('msg_late');
		const second = await trigger.poll();
		expect([...idsOf(first.items), ...idsOf(second.items)]).toEqual([...backlog, 'msg_late']);
	});
});
