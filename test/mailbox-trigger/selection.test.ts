import { describe, expect, it } from 'vitest';

import { PollingTriggerUnderTest } from '../harness/poll';
import { okEnvelope } from '../harness/sendmuxApi';
import { folder } from '../mailbox-api/fixtures';
import { idsOf, mailboxTrigger, rememberedIds } from './support';

const CAROL = { email: 'carol@billing.example', name: 'Carol Billing' };

describe('Sendmux Mailbox Trigger: which messages start the workflow', () => {
	it('spam, sent, drafts and other folders are left out by default; only the Inbox counts', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		await trigger.poll();
		mailbox.receive('msg_inbox');
		mailbox.receive('msg_spam', { folder: 'junk' });
		mailbox.receive('msg_sent', { folder: 'sent' });
		mailbox.receive('msg_draft', { folder: 'drafts', draft: true });
		mailbox.receive('msg_archive', { folder: 'archive' });
		const poll = await trigger.poll();
		expect(idsOf(poll.items)).toEqual(['msg_inbox']);
		// Their IDs are not kept: nothing is waiting.
		expect(trigger.liveStaticData().position).toMatchObject({ queue: [] });
		expect(rememberedIds(trigger.liveStaticData())).toEqual(['msg_inbox']);
	});

	it('Include Spam and Include Sent by This Mailbox add Junk and Sent (drafts never)', async () => {
		const { mailbox, trigger } = mailboxTrigger({ includeSpam: true, includeSent: true });
		await trigger.poll();
		mailbox.receive('msg_inbox');
		mailbox.receive('msg_spam', { folder: 'junk' });
		mailbox.receive('msg_sent', { folder: 'sent' });
		mailbox.receive('msg_draft', { folder: 'drafts', draft: true });
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_inbox', 'msg_spam', 'msg_sent']);
	});

	it('watches the chosen folder instead of the Inbox', async () => {
		const { mailbox, trigger } = mailboxTrigger({ folder: { __rl: true, mode: 'list', value: 'fld_clients' } });
		await trigger.poll();
		mailbox.receive('msg_inbox');
		mailbox.receive('msg_client', { folder: 'clients' });
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_client']);
	});

	it('drafts start it only when Drafts is the watched folder', async () => {
		const { mailbox, trigger } = mailboxTrigger({ folder: { __rl: true, mode: 'list', value: 'fld_drafts' } });
		await trigger.poll();
		mailbox.receive('msg_inbox');
		mailbox.receive('msg_draft', { folder: 'drafts', draft: true });
		// A message flagged as a draft but filed elsewhere is still not one the Drafts folder holds.
		mailbox.receive('msg_draft_flag_elsewhere', { folder: 'clients', draft: true });
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_draft']);
	});

	it('a draft in another watched folder does not start it', async () => {
		const { mailbox, trigger } = mailboxTrigger({ folder: { __rl: true, mode: 'list', value: 'fld_clients' } });
		await trigger.poll();
		mailbox.receive('msg_client', { folder: 'clients' });
		mailbox.receive('msg_client_draft', { folder: 'clients', draft: true });
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_client']);
	});

	it('filters by sender, subject and attachments (not case-sensitive)', async () => {
		const { mailbox, trigger } = mailboxTrigger({
			filters: { from: 'BILLING.example', subject: 'invoice', hasAttachment: true },
		});
		await trigger.poll();
		const pdf = [{ id: 'att_1', filename: 'inv.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF') }];
		mailbox.receive('msg_match', { from: CAROL, subject: 'Your Invoice for March', attachments: pdf });
		mailbox.receive('msg_other_sender', { subject: 'Invoice', attachments: pdf });
		mailbox.receive('msg_other_subject', { from: CAROL, subject: 'Hello', attachments: pdf });
		mailbox.receive('msg_no_attachment', { from: CAROL, subject: 'Invoice' });
		mailbox.receive('msg_by_name', { from: { email: 'c@else.example', name: 'Billing.Example team' }, subject: 'INVOICE', attachments: pdf });
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_match', 'msg_by_name']);
	});

	it('Max per Poll counts emitted messages only: filtered ones do not use it up', async () => {
		const { mailbox, trigger } = mailboxTrigger({ maxMessagesPerPoll: 2 });
		await trigger.poll();
		mailbox.receiveMany('msg_spam', 30, { folder: 'junk' });
		mailbox.receive('msg_1');
		mailbox.receive('msg_2');
		mailbox.receive('msg_3');
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_1', 'msg_2']);
		expect(trigger.liveStaticData().position).toMatchObject({ queue: ['msg_3'] });
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_3']);
	});

	it('sends the chosen mailbox on every request, and starts afresh when the mailbox changes', async () => {
		const mailboxChosen = { __rl: true, mode: 'id', value: 'mbx_sales01' };
		const { api, mailbox, trigger } = mailboxTrigger({ mailbox: mailboxChosen });
		await trigger.poll();
		mailbox.receive('msg_1');
		expect(idsOf((await trigger.poll()).items)).toEqual(['msg_1']);
		expect(api.requests.every((r) => r.query.mailbox_id === 'mbx_sales01')).toBe(true);
		expect(trigger.savedStaticData().position).toMatchObject({ scope: 'mbx_sales01' });

		// The same node now watches another mailbox: the stored position belongs to the old one.
		const other = new PollingTriggerUnderTest({
			parameters: { ...trigger.node.parameters, mailbox: { __rl: true, mode: 'id', value: 'mbx_support2' } },
		});
		other.setSavedStaticData(trigger.savedStaticData());
		await other.restart();
		const seen = api.requests.length;
		expect((await other.poll()).items).toBeNull();
		expect(api.requests.slice(seen).map((r) => [r.path, r.query])).toEqual([['/mailbox/changes', { mailbox_id: 'mbx_support2' }]]);
		expect(other.liveStaticData().position).toMatchObject({ scope: 'mbx_support2', emitted: [] });
	});

	it('refuses a Max Messages per Poll out of range before any request', async () => {
		const { api, trigger } = mailboxTrigger({ maxMessagesPerPoll: '={{ 0 }}' });
		const poll = await trigger.poll();
		expect(poll.error?.message).toBe('Max Messages per Poll must be a whole number from 1 to 500');
		expect(api.requests).toEqual([]);
	});

	it('refuses an Include Existing Messages Since that is not a date, before any request', async () => {
		const { api, trigger } = mailboxTrigger({ includeExistingSince: 'last tuesday' });
		const poll = await trigger.poll();
		expect(poll.error?.message).toBe('Include Existing Messages Since is not a date: "last tuesday"');
		expect(api.requests).toEqual([]);
	});

	it('names a chosen folder that does not exist', async () => {
		const { mailbox, trigger } = mailboxTrigger({ folder: { __rl: true, mode: 'id', value: 'fld_gone' } });
		await trigger.poll();
		mailbox.receive('msg_1');
		const poll = await trigger.poll();
		expect(poll.error?.message).toBe('The folder "fld_gone" does not exist in this mailbox');
		expect((poll.error as { description?: string }).description).toContain('Inbox, Drafts, Sent, Archive, Junk, Trash, Clients');
	});
});

describe('Sendmux Mailbox Trigger: long lists in messages', () => {
	it('a mailbox with 100 folders and no Inbox: the error names 10 of them and counts the rest', async () => {
		const { mailbox, trigger } = mailboxTrigger();
		const folders = Array.from({ length: 100 }, (_, i) => folder(`fld_project${i}`, `Project ${i}`));
		await trigger.poll();
		mailbox.fail('folders', 1, [200, okEnvelope(folders, { has_more: false })]);
		mailbox.receive('msg_1');
		const poll = await trigger.poll();
		expect(poll.error?.message).toBe('This mailbox has no Inbox folder');
		const description = (poll.error as { description?: string }).description ?? '';
		expect(description).toBe(
			'Pick the folder to watch from the list. The mailbox has: Project 0, Project 1, Project 2, Project 3, Project 4, Project 5, Project 6, Project 7, Project 8, Project 9 … and 90 more.',
		);
	});
});
