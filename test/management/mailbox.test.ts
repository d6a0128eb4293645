import type { IRun } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { allLogText } from '../harness/logs';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { credentialFixture, mailboxFixture, mailboxLocatorById, pagedReplies, publicId } from './fixtures';

const mailboxNode = (operation: string, parameters: Record<string, unknown> = {}) => ({
	node: { parameters: { resource: 'mailbox', operation, ...parameters } },
});

function hintsOf(run: IRun): string[] {
	return (run.data.resultData.runData.Sendmux?.[0]?.hints ?? []).map((hint) => hint.message);
}

describe('Mailbox → Get Many', () => {
	it('Return All lists deleted mailboxes too across 3 pages when Include Deleted is on', async () => {
		const api = new SendmuxApi();
		const pages = [
			[mailboxFixture({ email: 'a@acme.test' })],
			[mailboxFixture({ email: 'b@acme.test', status: 'deleted' })],
			[mailboxFixture({ email: 'c@acme.test', status: 'suspended' })],
		];
		api.app('GET', '/mailboxes').times(3).replyWith(pagedReplies(pages));

		const { items, error } = await runNode(mailboxNode('getMany', { returnAll: true, includeDeleted: true }));

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.email, item.json.status])).toEqual([
			['a@acme.test', 'active'],
			['b@acme.test', 'deleted'],
			['c@acme.test', 'suspended'],
		]);
		expect(api.requests.map((r) => r.query)).toEqual([
			{ limit: '100', include_deleted: 'true' },
			{ limit: '100', include_deleted: 'true', cursor: 'cur_1' },
			{ limit: '100', include_deleted: 'true', cursor: 'cur_2' },
		]);
	});

	it('leaves include_deleted out by default and honours Limit', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailboxes').ok([mailboxFixture()], { pagination: { has_more: false } });

		const { items } = await runNode(mailboxNode('getMany', { returnAll: false, limit: 5 }));

		expect(api.requests[0].query).toEqual({ limit: '5' });
		expect(items).toHaveLength(1);
	});
});

describe('Mailbox → Get', () => {
	it('gets a mailbox by ID and outputs its ETag', async () => {
		const api = new SendmuxApi();
		const mailbox = mailboxFixture();
		api.app('GET', `/mailboxes/${mailbox.id}`).ok(mailbox, { headers: { ETag: 'W/"mbx-v3"' } });

		const { items } = await runNode(mailboxNode('get', { mailbox: mailboxLocatorById(mailbox.id) }));

		expect(items[0].json).toEqual({ ...mailbox, etag: 'W/"mbx-v3"' });
	});

	it('finds mailboxes by address (any case) with one listing for all items', async () => {
		const api = new SendmuxApi();
		const first = mailboxFixture({ email: 'first@acme.test' });
		const second = mailboxFixture({ email: 'second@acme.test' });
		api.app('GET', '/mailboxes').times(2).replyWith(pagedReplies([[first], [second]]));
		api.app('GET', `/mailboxes/${first.id}`).ok(first);
		api.app('GET', `/mailboxes/${second.id}`).ok(second);

		const { items, error } = await runNode({
			...mailboxNode('get', { mailbox: { __rl: true, mode: 'address', value: '={{ $json.address }}' } }),
			input: [{ json: { address: 'Second@ACME.test' } }, { json: { address: 'first@acme.test' } }],
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[second.id, { item: 0 }],
			[first.id, { item: 1 }],
		]);
		expect(api.requestsTo('GET', '/mailboxes')).toHaveLength(2);
	});

	it('says which address was not found and how to fix it', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailboxes').ok([mailboxFixture()], { pagination: { has_more: false } });

		const { error } = await runNode(
			mailboxNode('get', { mailbox: { __rl: true, mode: 'address', value: 'nobody@acme.test' } }),
		);

		expect(error?.message).toBe('No mailbox "nobody@acme.test" in this team (item 0)');
		expect(error?.description).toContain('Mailbox → Create');
	});

	it('refuses an ID without the mbx_ prefix: typed, as n8n flags it; from an expression, before any request', async () => {
		const api = new SendmuxApi();
		await expect(
			runNode(mailboxNode('get', { mailbox: { __rl: true, mode: 'id', value: 'agent@acme.test' } })),
		).rejects.toThrow('A mailbox ID starts with mbx_');

		const { error } = await runNode({
			...mailboxNode('get', { mailbox: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }),
			input: [{ json: { id: 'agent@acme.test' } }],
		});

		expect(api.requests).toHaveLength(0);
		expect(error?.message).toBe('Mailbox of item 0 is not a mailbox ID: "agent@acme.test" (those look like mbx_…)');
		expect(error?.description).toContain('"By Address"');
	});
});

describe('Mailbox → Create', () => {
	it('creates the mailbox, outputs its key once, says so in a hint, and never logs the key', async () => {
		const api = new SendmuxApi();
		const mailbox = mailboxFixture({ email: 'agent@mail.acme.test', send_scope: { type: 'providers', provider_public_ids: ['prv_a1', 'prv_b2'] } });
		const credential = credentialFixture(mailbox.email);
		// A passing failure first: the retry is logged, and the log must still not hold the key.
		api.app('POST', '/mailboxes').error(503, 'service_unavailable', 'Busy', { retryable: true, headers: { 'Retry-After': '1' } });
		api.app('POST', '/mailboxes').ok({ mailbox, credential, warning: null }, { status: 201 });

		const { items, error, run } = await runNode(
			mailboxNode('create', {
				email: 'Agent@Mail.Acme.test',
				additionalFields: {
					displayName: 'Support Agent',
					quotaBytes: 53687091200,
					sendScope: { scope: { type: 'providers', providerIds: 'prv_a1, prv_b2' } },
				},
			}),
		);

		expect(error).toBeUndefined();
		const requests = api.requestsTo('POST', '/mailboxes');
		expect(requests).toHaveLength(2);
		expect(requests[0].body).toEqual({
			email: 'agent@mail.acme.test',
			display_name: 'Support Agent',
			quota_bytes: 53687091200,
			send_scope: { type: 'providers', provider_public_ids: ['prv_a1', 'prv_b2'] },
		});
		expect(requests[0].idempotencyKey).toMatch(/-mailbox\.create-/);
		expect(requests[1].idempotencyKey).toBe(requests[0].idempotencyKey);
		expect(items[0].json).toEqual({ mailbox, credential, warning: null });
		expect(hintsOf(run)).toEqual([expect.stringContaining('Sendmux shows it only this once')]);
		expect(allLogText()).toContain('retry 2 of 5');
		expect(allLogText()).not.toContain(credential.secret);
	});

	it('warns when Sendmux created the mailbox without a key', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailboxes').ok(
			{ mailbox: mailboxFixture(), credential: null, warning: 'Credential provisioning failed' },
			{ status: 201 },
		);

		const { run } = await runNode(mailboxNode('create', { email: 'agent@mail.acme.test' }));

		expect(api.requests[0].body).toEqual({ email: 'agent@mail.acme.test' });
		expect(hintsOf(run)).toEqual([
			'Sendmux created the mailbox without a key: Credential provisioning failed. Run Mailbox → Create Key to get one.',
		]);
	});

	it('renders a 422 with every field issue and the request ID', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailboxes').error(422, 'validation_error', 'The request has 2 invalid fields', {
			errors: [
				{ field: 'email', code: 'domain_not_verified', message: 'The domain mail.acme.test is not verified' },
				{ field: 'quota_bytes', code: 'invalid_value', message: 'Must be one of the storage tiers' },
			],
		});

		const { error } = await runNode(mailboxNode('create', { email: 'agent@mail.acme.test' }));

		expect(error?.message).toBe('The request has 2 invalid fields');
		const description = String(error?.description);
		expect(description).toContain('validation_error (HTTP 422) on POST /mailboxes');
		expect(description).toContain('• email: The domain mail.acme.test is not verified (domain_not_verified)');
		expect(description).toContain('• quota_bytes: Must be one of the storage tiers (invalid_value)');
		expect(description).toMatch(/Request ID: req_[0-9a-f]{24}/);
	});

	it("explains a 409 limit_exceeded as the plan's limit, and does not retry it", async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailboxes').error(409, 'limit_exceeded', 'Mailbox limit reached for this plan (3)');

		const { error } = await runNode(mailboxNode('create', { email: 'agent@mail.acme.test' }));

		expect(api.requests).toHaveLength(1);
		expect(error?.message).toBe('Mailbox limit reached for this plan (3)');
		expect(error?.description).toContain("The team's plan limit is reached");
		expect(error?.description).not.toContain('ETag');
	});

	it('refuses a send scope without sending account IDs, before any request', async () => {
		const api = new SendmuxApi();

		const { error } = await runNode(
			mailboxNode('create', {
				email: 'agent@mail.acme.test',
				additionalFields: { sendScope: { scope: { type: 'providers', providerIds: ' , ' } } },
			}),
		);

		expect(api.requests).toHaveLength(0);
		expect(error?.message).toBe(
			'Send Scope of item 0 routes through chosen sending accounts but Sending Account IDs is empty',
		);
	});

	it('refuses something that is not an email address, before any request', async () => {
		const api = new SendmuxApi();

		const { error } = await runNode(mailboxNode('create', { email: 'agent' }));

		expect(api.requests).toHaveLength(0);
		expect(error?.message).toBe('Email "agent" of item 0 is not an email address');
	});
});

describe('Mailbox → Update', () => {
	it('sends only the fields given, clears an empty display name, and sends If-Match', async () => {
		const api = new SendmuxApi();
		const mailbox = mailboxFixture({ display_name: null, quota_bytes: 1073741824, send_scope: { type: 'group', group_public_ids: ['grp_eu'] } });
		api.app('PATCH', `/mailboxes/${mailbox.id}`).ok(mailbox, { headers: { ETag: 'W/"mbx-v4"' } });

		const { items, error } = await runNode(
			mailboxNode('update', {
				mailbox: mailboxLocatorById(mailbox.id),
				updateFields: { displayName: '', quotaBytes: 1073741824, sendScope: { scope: { type: 'group', groupIds: 'grp_eu' } } },
				options: { ifMatch: 'W/"mbx-v3"' },
			}),
		);

		expect(error).toBeUndefined();
		expect(api.requests[0].body).toEqual({
			display_name: null,
			quota_bytes: 1073741824,
			send_scope: { type: 'group', group_public_ids: ['grp_eu'] },
		});
		expect(api.requests[0].headers['if-match']).toBe('W/"mbx-v3"');
		expect(items[0].json).toEqual({ ...mailbox, etag: 'W/"mbx-v4"' });
	});

	it('says to fetch again on a 409 conflict after If-Match', async () => {
		const api = new SendmuxApi();
		const id = publicId('mbx');
		api.app('PATCH', `/mailboxes/${id}`).error(409, 'conflict', 'ETag mismatch', { headers: { ETag: 'W/"mbx-v9"' } });

		const { error } = await runNode(
			mailboxNode('update', {
				mailbox: mailboxLocatorById(id),
				updateFields: { displayName: 'New name' },
				options: { ifMatch: 'W/"mbx-v3"' },
			}),
		);

		expect(api.requests).toHaveLength(1);
		expect(error?.message).toBe('ETag mismatch');
		expect(error?.description).toContain('The resource changed since its ETag was read');
		expect(error?.description).toContain('Fetch it again');
	});

	it('refuses an update with no fields, before any request', async () => {
		const api = new SendmuxApi();

		const { error } = await runNode(
			mailboxNode('update', { mailbox: mailboxLocatorById(publicId('mbx')), updateFields: {} }),
		);

		expect(api.requests).toHaveLength(0);
		expect(error?.message).toBe('Nothing to update in item 0');
	});
});

describe('Mailbox → Delete, Suspend, Resume', () => {
	it('Delete outputs { deleted: true, id }', async () => {
		const api = new SendmuxApi();
		const id = publicId('mbx');
		api.app('DELETE', `/mailboxes/${id}`).ok({ deleted: true, id });

		const { items } = await runNode(mailboxNode('delete', { mailbox: mailboxLocatorById(id) }));

		expect(items.map((item) => item.json)).toEqual([{ deleted: true, id }]);
	});

	it.each(['suspend', 'resume'])('%s posts with an Idempotency-Key and outputs the mailbox', async (operation) => {
		const api = new SendmuxApi();
		const mailbox = mailboxFixture({ status: operation === 'suspend' ? 'suspended' : 'active' });
		api.app('POST', `/mailboxes/${mailbox.id}/${operation}`).ok(mailbox);

		const { items } = await runNode(mailboxNode(operation, { mailbox: mailboxLocatorById(mailbox.id) }));

		expect(api.requests[0].idempotencyKey).toMatch(new RegExp(`-mailbox\\.${operation}-[0-9a-f]{32}$`));
		expect(api.requests[0].body).toBeUndefined();
		expect(items[0].json).toEqual(mailbox);
	});
});

describe('Mailbox → Check Availability', () => {
	it('asks for the address and outputs whether it is available and why', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/mailboxes/availability').ok({ email: 'agent@myagent.mx', available: false, reason: 'taken' });

		const { items } = await runNode(mailboxNode('checkAvailability', { email: 'agent@myagent.mx' }));

		expect(api.requests[0].query).toEqual({ email: 'agent@myagent.mx' });
		expect(items[0].json).toEqual({ email: 'agent@myagent.mx', available: false, reason: 'taken' });
	});
});

describe('Mailbox → Create Key and Revoke Key', () => {
	it('Create Key outputs the new key once with a hint, and never logs it', async () => {
		const api = new SendmuxApi();
		const id = publicId('mbx');
		const credential = credentialFixture();
		api.app('POST', `/mailboxes/${id}/keys`).ok({ credential }, { status: 201 });

		const { items, run } = await runNode(
			mailboxNode('createKey', { mailbox: mailboxLocatorById(id), appName: 'Support agent' }),
		);

		expect(api.requests[0].body).toEqual({ app_name: 'Support agent' });
		expect(api.requests[0].idempotencyKey).toMatch(/-mailbox\.createKey-/);
		expect(items[0].json).toEqual({ mailbox_id: id, credential });
		expect(hintsOf(run)).toEqual([expect.stringContaining('credential.secret')]);
		expect(allLogText()).not.toContain(credential.secret);
	});

	it('Revoke Key outputs { deleted: true, id } of the key', async () => {
		const api = new SendmuxApi();
		const id = publicId('mbx');
		const keyId = publicId('smx');
		api.app('DELETE', `/mailboxes/${id}/keys/${keyId}`).ok({ deleted: true, id: keyId });

		const { items } = await runNode(mailboxNode('revokeKey', { mailbox: mailboxLocatorById(id), keyId }));

		expect(items.map((item) => item.json)).toEqual([{ deleted: true, id: keyId }]);
	});

	it('refuses a secret key pasted as Key ID without repeating it', async () => {
		const api = new SendmuxApi();
		const { secret } = credentialFixture();

		const { error } = await runNode(
			mailboxNode('revokeKey', { mailbox: mailboxLocatorById(publicId('mbx')), keyId: secret }),
		);

		expect(api.requests).toHaveLength(0);
		expect(error?.message).toBe('Key ID of item 0 holds a secret key, not a key ID');
		// n8n attaches the node (and so the field the user pasted it into); our texts never repeat it.
		expect(error?.message).not.toContain(secret);
		expect(error?.description).not.toContain(secret);
		expect(allLogText()).not.toContain(secret);
	});
});
