import { describe, expect, it } from 'vitest';

import { idsOf, mailboxTrigger } from './support';

describe('Sendmux Mailbox Trigger: polling the change feed', () => {
	it('first poll records the state and emits nothing (no backfill)', async () => {
		const { api, mailbox, trigger } = mailboxTrigger();
		mailbox.receive('msg_old1');
		mailbox.receive('msg_old2');
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		expect(trigger.executions).toEqual([]);
		expect(trigger.liveStaticData().position).toMatchObject({ state: mailbox.state, queue: [], recent: [] });
		// Only the state was read: no listing, no message fetched.
		expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /mailbox/changes']);
		expect(api.requests[0].query).toEqual({});
	});

	it('3 new messages give 3 items, oldest first', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receive('msg_c', { receivedAt: '2026-11-23T10:00:03Z' });
		mailbox.receive('msg_a', { receivedAt: '2026-11-23T10:00:01Z' });
		mailbox.receive('msg_b', { receivedAt: '2026-11-23T10:00:02Z' });
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(idsOf(second.items)).toEqual(['msg_a', 'msg_b', 'msg_c']);
		expect(second.saved).toBe(true);
	});
});
