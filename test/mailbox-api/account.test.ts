import { describe, expect, it } from 'vitest';

import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { identity, OWN, page, submission } from './fixtures';

describe('Sender Identity', () => {
	it('Get Many lists the identities', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/identities').ok([identity('idn_1', OWN.email, 'Acme Agent')], { pagination: page(false) });
		const { items } = await runNode({
			node: { parameters: { resource: 'senderIdentity', operation: 'getMany', returnAll: true } },
		});
		expect(items[0].json).toMatchObject({ id: 'idn_1', email: OWN.email });
	});

	it('Get Default reads /mailbox/identity', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/identity').ok(identity('idn_1', OWN.email, 'Acme Agent'));
		const { items } = await runNode({ node: { parameters: { resource: 'senderIdentity', operation: 'getDefault' } } });
		expect(items[0].json.name).toBe('Acme Agent');
	});

	it('Update sets the name and signatures; an empty value clears (null)', async () => {
		const api = new SendmuxApi();
		api.app('PATCH', '/mailbox/identity').ok(identity('idn_1', OWN.email, 'Acme Support'));
		await runNode({
			node: {
				parameters: {
					resource: 'senderIdentity',
					operation: 'update',
					updateFields: { name: 'Acme Support', textSignature: '-- \nAcme', htmlSignature: '' },
				},
			},
		});
		expect(api.requests[0].body).toEqual({ name: 'Acme Support', text_signature: '-- \nAcme', html_signature: null });
	});

	it('Update refuses a signature over 2,047 characters before any request', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({
			node: {
				parameters: { resource: 'senderIdentity', operation: 'update', updateFields: { textSignature: 'x'.repeat(2048) } },
			},
		});
		expect(error?.message).toBe('Text Signature of item 0 is 2048 characters long; Sendmux accepts at most 2047 characters');
		expect(api.requests).toHaveLength(0);
	});
});

describe('Submission', () => {
	it('Get Many sends the filters', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/submissions').ok([submission('sub_1')], { pagination: page(false) });
		const { items } = await runNode({
			node: {
				parameters: {
					resource: 'submission',
					operation: 'getMany',
					returnAll: true,
					filters: { emailIds: 'msg_1, msg_2', threadIds: 'thr_1', undoStatus: 'final', after: '2026-11-01T00:00:00Z' },
					sort: { sortBy: 'send_at', sortDirection: 'asc' },
				},
			},
		});
		expect(items[0].json).toMatchObject({ id: 'sub_1', undo_status: 'final' });
		expect(api.requests[0].query).toEqual({
			email_ids: 'msg_1,msg_2',
			thread_ids: 'thr_1',
			undo_status: 'final',
			after: '2026-11-01T00:00:00Z',
			sort_by: 'send_at',
			sort_direction: 'asc',
			limit: '100',
		});
	});

	it('Get reads one submission', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/submissions/sub_1').ok(submission('sub_1'));
		const { items } = await runNode({
			node: { parameters: { resource: 'submission', operation: 'get', submissionId: 'sub_1' } },
		});
		expect(items[0].json).toMatchObject({ id: 'sub_1', delivery_status: [{ email: 'ann@customer.test', delivered: 'yes' }] });
	});
});

describe('Mailbox Account', () => {
	it('Get reads /mailbox/me', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/me').ok({
			id: 'mbx_agent01',
			email: OWN.email,
			display_name: 'Acme Agent',
			status: 'active',
			quota_bytes: 5368709120,
			quota_used_bytes: 1024,
			send_scope: { type: 'all' },
			created_at: '2026-01-01T00:00:00Z',
		});
		const { items } = await runNode({ node: { parameters: { resource: 'mailboxAccount', operation: 'get' } } });
		expect(items[0].json).toMatchObject({ id: 'mbx_agent01', quota_used_bytes: 1024 });
	});

	it('Get Usage reads /mailbox/usage', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/usage').ok({
			resources: [
				{
					quota_id: 'q1',
					name: 'Storage',
					resource_type: 'octets',
					scope: 'account',
					types: ['Mail'],
					used: 10,
					hard_limit: 100,
					soft_limit: null,
					warn_limit: 80,
					percent_used: 10,
					limit_status: 'ok',
				},
			],
			states: { quota_state: 'qs1' },
		});
		const { items } = await runNode({ node: { parameters: { resource: 'mailboxAccount', operation: 'getUsage' } } });
		expect(items[0].json).toMatchObject({ resources: [{ name: 'Storage', limit_status: 'ok' }] });
	});

	it('Get Quotas lists quotas with filters', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailbox/quotas').ok(
			[
				{
					id: 'q1',
					name: 'Storage',
					description: null,
					resource_type: 'octets',
					scope: 'account',
					types: ['Mail'],
					used: 10,
					hard_limit: 100,
					soft_limit: null,
					warn_limit: 80,
				},
			],
			{ pagination: page(false) },
		);
		const { items } = await runNode({
			node: {
				parameters: {
					resource: 'mailboxAccount',
					operation: 'getQuotas',
					returnAll: true,
					filters: { scope: 'account', resourceType: 'octets' },
				},
			},
		});
		expect(items[0].json.id).toBe('q1');
		expect(api.requests[0].query).toEqual({ scope: 'account', resource_type: 'octets', limit: '100' });
	});
});
