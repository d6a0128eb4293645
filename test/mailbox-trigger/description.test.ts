import type { INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { pollIntervalMinutes, restartLookbackStart } from '../../nodes/SendmuxMailboxTrigger/lookback';
import { readPackageFile, readPackageJson } from '../harness/host.mjs';
import { loadPackage } from '../harness/package';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runListSearch } from '../harness/listSearch';
import { folder } from '../mailbox-api/fixtures';

async function description(): Promise<INodeTypeDescription> {
	const { nodeTypes } = await loadPackage();
	return nodeTypes.getByNameAndVersion('n8n-nodes-sendmux.sendmuxMailboxTrigger', 1).description;
}

describe('Sendmux Mailbox Trigger as n8n loads it', () => {
	it('registers as a polling trigger on the mailbox credential, not as an AI tool', async () => {
		const node = await description();
		expect(node).toMatchObject({
			displayName: 'Sendmux Mailbox Trigger',
			name: 'sendmuxMailboxTrigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'sendmuxMailboxApi', required: true }],
		});
		// The loader turns `file:../../icons/…` into URLs of the package's shared icons.
		expect(node.iconUrl).toEqual({
			light: 'icons/n8n-nodes-sendmux/dist/icons/sendmux.svg',
			dark: 'icons/n8n-nodes-sendmux/dist/icons/sendmux.dark.svg',
		});
		expect(node.usableAsTool).toBeUndefined();
		expect(node.webhooks).toBeUndefined();
		const names = node.properties.map((p) => p.name);
		expect(names).toEqual(
			expect.arrayContaining(['mailbox', 'folder', 'includeSpam', 'includeSent', 'filters', 'output', 'options', 'maxMessagesPerPoll', 'includeExistingSince']),
		);
		expect(node.properties.find((p) => p.name === 'output')?.default).toBe('cleanContent');
		expect(node.properties.find((p) => p.name === 'maxMessagesPerPoll')?.default).toBe(50);
		expect(node.properties.find((p) => p.name === 'includeSpam')?.default).toBe(false);
		expect(node.properties.find((p) => p.name === 'includeSent')?.default).toBe(false);

		const pkg = readPackageJson<{ n8n: { nodes: string[] } }>('package.json');
		expect(pkg.n8n.nodes).toContain('dist/nodes/SendmuxMailboxTrigger/SendmuxMailboxTrigger.node.js');
		const { loader } = await loadPackage();
		expect(loader.nodeTypes.sendmuxMailboxTrigger).toBeDefined();
		const codex = JSON.parse(
			readPackageFile('dist/nodes/SendmuxMailboxTrigger/SendmuxMailboxTrigger.node.json').toString('utf8'),
		) as { node: string };
		expect(codex.node).toBe('n8n-nodes-sendmux.sendmuxMailboxTrigger');
	});

	it('lists granted mailboxes and the chosen mailbox’s folders', async () => {
		const node = await description();
		const { nodeTypes } = await loadPackage();
		const type = nodeTypes.getByNameAndVersion('n8n-nodes-sendmux.sendmuxMailboxTrigger', 1);
		expect(Object.keys(type.methods?.listSearch ?? {})).toEqual(['searchGrantedMailboxes', 'searchMailboxFolders']);
		expect(JSON.stringify(node.properties)).toContain('searchMailboxFolders');

		const api = new SendmuxApi();
		api.app('GET', '/mailbox/folders').ok([folder('fld_inbox', 'Inbox', { role: 'inbox' }), folder('fld_x', 'Clients')], {
			pagination: { has_more: false },
		});
		const result = await runListSearch({
			type: 'sendmuxMailboxTrigger',
			method: 'searchMailboxFolders',
			parameters: { mailbox: { __rl: true, mode: 'id', value: 'mbx_sales01' } },
			path: 'parameters.folder',
		});
		expect(result.results).toEqual([
			{ name: 'Inbox', value: 'fld_inbox' },
			{ name: 'Clients', value: 'fld_x' },
		]);
		expect(api.requests[0].query).toMatchObject({ mailbox_id: 'mbx_sales01' });
	});
});

describe('the look-back after a restart that lost an unsaved first position', () => {
	it('is stated right below Poll Times, where the user picks the schedule', async () => {
		const properties = (await description()).properties;
		const pollTimes = properties.findIndex((p) => p.name === 'pollTimes');
		expect(pollTimes).toBeGreaterThanOrEqual(0);
		const notice = properties[pollTimes + 1];
		expect(notice).toMatchObject({ type: 'notice' });
		expect(notice.displayName).toContain('looks back one poll interval plus an hour (25 hours for a daily schedule');
	});

	it('is the shortest poll interval, with an hour for a cron expression', () => {
		expect(pollIntervalMinutes({ item: [{ mode: 'everyMinute' }] })).toBe(1);
		expect(pollIntervalMinutes({ item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] })).toBe(15);
		expect(pollIntervalMinutes({ item: [{ mode: 'everyX', value: 2, unit: 'hours' }] })).toBe(120);
		expect(pollIntervalMinutes({ item: [{ mode: 'everyHour', minute: 5 }, { mode: 'everyDay', hour: 8, minute: 0 }] })).toBe(60);
		expect(pollIntervalMinutes({ item: [{ mode: 'custom', cronExpression: '0 */3 * * *' }] })).toBe(60);
		expect(pollIntervalMinutes(undefined)).toBe(60);
	});

	it('starts one interval plus an hour before now', () => {
		const now = Date.parse('2026-11-23T12:00:00Z');
		expect(restartLookbackStart(now, { item: [{ mode: 'everyMinute' }] })).toBe('2026-11-23T10:59:00.000Z');
		expect(restartLookbackStart(now, { item: [{ mode: 'everyDay', hour: 9, minute: 0 }] })).toBe('2026-11-22T11:00:00.000Z');
	});
});
