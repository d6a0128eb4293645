import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { folder, page } from './fixtures';

const byList = (value: string) => ({ __rl: true, mode: 'list', value });

describe('Folder', () => {
	it('Get Many lists the folders with Return All', async () => {
		const api = new SendmuxApi();
		api
			.app('GET', '/mailbox/folders')
			.ok([folder('fld_inbox', 'Inbox', { role: 'inbox' })], { pagination: page(true, 'f2') })
			.app('GET', '/mailbox/folders')
			.ok([folder('fld_r', 'Receipts')], { pagination: page(false) });
		const { items } = await runNode({
			node: { parameters: { resource: 'folder', operation: 'getMany', returnAll: true } },
		});
		expect(items.map((item) => item.json.name)).toEqual(['Inbox', 'Receipts']);
	});

	it('Get returns the folder and its ETag', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/folders/fld_r').ok(folder('fld_r', 'Receipts'), { headers: { ETag: 'W/"f1"' } });
		const { items } = await runNode({
			node: { parameters: { resource: 'folder', operation: 'get', folder: byList('fld_r') } },
		});
		expect(items[0].json).toMatchObject({ id: 'fld_r', name: 'Receipts', etag: 'W/"f1"' });
	});

	it('Create sends the name, parent and sort order', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/folders').ok(folder('fld_new', '2026', { parent_id: 'fld_r', sort_order: 5 }), { status: 201 });
		const { items } = await runNode({
			node: {
				parameters: {
					resource: 'folder',
					operation: 'create',
					name: ' 2026 ',
					additionalFields: { parent: byList('fld_r'), sortOrder: 5 },
				},
			},
		});
		expect(api.requests[0].body).toEqual({ name: '2026', parent_id: 'fld_r', sort_order: 5 });
		expect(items[0].json.id).toBe('fld_new');
	});

	it('Update renames with If-Match', async () => {
		const api = new SendmuxApi();
		api.app('PATCH', '/mailbox/folders/fld_r').ok(folder('fld_r', 'Bills'));
		await runNode({
			node: {
				parameters: {
					resource: 'folder',
					operation: 'update',
					folder: byList('fld_r'),
					updateFields: { name: 'Bills' },
					options: { ifMatch: 'W/"f1"' },
				},
			},
		});
		expect(api.requests[0].body).toEqual({ name: 'Bills' });
		expect(api.requests[0].headers['if-match']).toBe('W/"f1"');
	});

	it('Delete deletes an empty folder of the user', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/folders/fld_r').ok(folder('fld_r', 'Receipts'));
		api.app('DELETE', '/mailbox/folders/fld_r').ok({ id: 'fld_r', deleted: true });
		const { items } = await runNode({
			node: { parameters: { resource: 'folder', operation: 'delete', folder: byList('fld_r') } },
		});
		expect(items[0].json).toEqual({ id: 'fld_r', deleted: true });
	});

	it('Delete refuses a built-in folder and a non-empty one with a clear message, without deleting', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/folders/fld_inbox').ok(folder('fld_inbox', 'Inbox', { role: 'inbox', total_messages: 3 }));
		api.app('GET', '/mailbox/folders/fld_r').ok(folder('fld_r', 'Receipts', { total_messages: 12 }));
		const builtIn = await runNode({
			node: { parameters: { resource: 'folder', operation: 'delete', folder: byList('fld_inbox') } },
		});
		expect(builtIn.error?.message).toBe('Folder "Inbox" is a built-in folder (inbox) and cannot be deleted (item 0)');
		const full = await runNode({
			node: { parameters: { resource: 'folder', operation: 'delete', folder: byList('fld_r') } },
		});
		expect(full.error?.message).toBe('Folder "Receipts" still holds 12 message(s) (item 0)');
		expect(full.error?.description).toContain('Move or delete its messages first');
		expect(api.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
	});

	it('Delete explains a 409 from Sendmux (the folder filled up since it was read)', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/folders/fld_r').ok(folder('fld_r', 'Receipts'));
		api.app('DELETE', '/mailbox/folders/fld_r').error(409, 'conflict', 'Folder is not empty');
		const { error } = await runNode({
			node: { parameters: { resource: 'folder', operation: 'delete', folder: byList('fld_r') } },
		});
		expect(error?.message).toBe('Folder is not empty');
		expect(error?.description).toContain('may have received messages or subfolders since it was read');
	});
});
