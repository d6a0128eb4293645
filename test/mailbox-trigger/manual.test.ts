import { describe, expect, it } from 'vitest';

import { runNode } from '../harness/workflow';
import { idsOf, mailboxTrigger } from './support';

describe('Sendmux Mailbox Trigger: Fetch Test Event', () => {
	it('returns the newest matching message and leaves the stored position untouched', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receive('msg_1');
		await trigger.poll();
		const saved = trigger.savedStaticData();
		mailbox.receive('msg_older');
		mailbox.receive('msg_newest_inbox');
		mailbox.receive('msg_newest_spam', { folder: 'junk' });
		const feedReads = mailbox.requests('changes').length;

		const items = await trigger.fetchTestEvent();
		expect(idsOf(items)).toEqual(['msg_newest_inbox']);
		expect(items?.[0].json).toMatchObject({ subject: 'Subject of msg_newest_inbox', text: 'Clean text of msg_newest_inbox' });
		// The change feed was not read, nothing was assigned in the static data, nothing saved.
		expect(mailbox.requests('changes')).toHaveLength(feedReads);
		expect(trigger.manualRunChangedStaticData).toBe(false);
		expect(trigger.savedStaticData()).toEqual(saved);
		expect(mailbox.requests('list').at(-1)?.query).toEqual({
			sort_by: 'received_at',
			sort_direction: 'desc',
			folder_id: 'fld_inbox',
			limit: '100',
		});

		// The active workflow then emits what arrived, the test fetch notwithstanding.
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_older', 'msg_newest_inbox']);
	});

	it('applies the filters: the newest message that matches them', async () => {
		const { mailbox, trigger } = mailboxTrigger({ filters: { subject: 'order' } });
		mailbox.receive('msg_order', { subject: 'Order 4711' });
		mailbox.receive('msg_hello', { subject: 'Hello' });
		expect(idsOf(await trigger.fetchTestEvent())).toEqual(['msg_order']);
		expect(mailbox.requests('batch-get').map((r) => (r.body as { ids: string[] }).ids)).toEqual([['msg_order']]);
	});

	it('says so when no message matches', async () => {
		const { mailbox, trigger } = mailboxTrigger({ filters: { from: 'nobody@nowhere.example' } });
		mailbox.receive('msg_1');
		await expect(trigger.fetchTestEvent()).rejects.toThrow("No message in Inbox matches the trigger's settings yet");
	});

	it('works through n8n’s own manual execution of the node', async () => {
		const { mailbox } = mailboxTrigger();
		mailbox.receive('msg_1');
		mailbox.receive('msg_2');
		const staticData = { 'node:Sendmux Mailbox Trigger': { kept: true } };
		const { items, error } = await runNode({
			node: { type: 'sendmuxMailboxTrigger', name: 'Sendmux Mailbox Trigger', parameters: {} },
			staticData,
		});
		expect(error).toBeUndefined();
		expect(idsOf(items)).toEqual(['msg_2']);
		expect(staticData).toEqual({ 'node:Sendmux Mailbox Trigger': { kept: true } });
	});
});
