import { describe, expect, it } from 'vitest';

import { recordedWaits } from '../harness/clock';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { domainFixture, domainLocatorById, pagedReplies, publicId } from './fixtures';

const domainNode = (operation: string, parameters: Record<string, unknown> = {}) => ({
	node: { parameters: { resource: 'domain', operation, ...parameters } },
});

describe('Domain → Create', () => {
	it('adds the domain with an Idempotency-Key and outputs the DNS records to place as one flat list', async () => {
		const api = new SendmuxApi();
		const created = domainFixture({ domain: 'mail.acme.test' });
		api.app('POST', '/domains').ok(created, { status: 201 });

		const { items, error } = await runNode(
			domainNode('create', { domainName: '  Mail.ACME.test ', domainMode: 'send_only' }),
		);

		expect(error).toBeUndefined();
		const [request] = api.requestsTo('POST', '/domains');
		expect(request.body).toEqual({ domain: 'mail.acme.test', mode: 'send_only' });
		expect(request.idempotencyKey).toMatch(/^n8n-.+-domain\.create-[0-9a-f]{32}$/);
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			id: created.id,
			domain: 'mail.acme.test',
			mode: 'send_receive',
			verification_status: 'pending',
			verified_at: null,
			verified_for_sending: false,
			mailbox_count: 0,
			created_at: created.created_at,
			dns_records: [
				{ purpose: 'Ownership verification', type: 'TXT', name: '_sendmux.mail.acme.test', value: 'sendmux-verify=team_abc123', priority: null },
				{ purpose: 'Inbound mail', type: 'MX', name: 'mail.acme.test', value: 'mx1.sendmux.ai', priority: 10 },
				{ purpose: 'SPF', type: 'TXT', name: 'mail.acme.test', value: 'v=spf1 include:amazonses.com ~all', priority: null },
				{ purpose: 'DKIM', type: 'CNAME', name: 'a1._domainkey.mail.acme.test', value: 'a1.dkim.amazonses.com', priority: null },
				{ purpose: 'DKIM', type: 'CNAME', name: 'b2._domainkey.mail.acme.test', value: 'b2.dkim.amazonses.com', priority: null },
				{ purpose: 'DKIM', type: 'CNAME', name: 'c3._domainkey.mail.acme.test', value: 'c3.dkim.amazonses.com', priority: null },
				{ purpose: 'DMARC', type: 'TXT', name: '_dmarc.mail.acme.test', value: 'v=DMARC1; p=quarantine;', priority: null },
				{ purpose: 'Bounce handling (MAIL FROM)', type: 'MX', name: 'bounce.mail.acme.test', value: 'feedback-smtp.eu-central-1.amazonses.com', priority: 10 },
				{ purpose: 'Bounce handling SPF (MAIL FROM)', type: 'TXT', name: 'bounce.mail.acme.test', value: 'v=spf1 include:amazonses.com ~all', priority: null },
			],
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('outputs the raw domain when Simplify is off, and sends the user\'s Idempotency Key', async () => {
		const api = new SendmuxApi();
		const created = domainFixture();
		const tenantActionKey = ['tenant', 42, 'domain'].join('-');
		api.app('POST', '/domains').ok(created, { status: 201 });

		const { items } = await runNode(
			domainNode('create', {
				domainName: 'mail.acme.test',
				simplify: false,
				options: { idempotencyKey: tenantActionKey },
			}),
		);

		expect(api.requests[0].idempotencyKey).toBe('tenant-42-domain');
		expect(items[0].json).toEqual(created);
	});

	it('retries a 503 with the same Idempotency-Key, so the domain is created once', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/domains').error(503, 'service_unavailable', 'Try again', { retryable: true, headers: { 'Retry-After': '2' } });
		api.app('POST', '/domains').ok(domainFixture(), { status: 201 });

		const { items, error } = await runNode(domainNode('create', { domainName: 'mail.acme.test' }));

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const keys = api.requestsTo('POST', '/domains').map((r) => r.idempotencyKey);
		expect(keys).toHaveLength(2);
		expect(keys[0]).toBe(keys[1]);
		expect(recordedWaits).toEqual([2000]);
	});

	it('refuses a URL instead of a domain name before any request, naming the field and the fix', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode(domainNode('create', { domainName: 'https://mail.acme.test/' }));

		expect(api.requests).toHaveLength(0);
		expect(error?.message).toBe('Domain Name "https://mail.acme.test/" of item 0 is not a domain name');
		expect(error?.description).toContain('no https://');
	});
});

describe('Domain → Get Many', () => {
	it('Return All follows the cursor across 3 pages', async () => {
		const api = new SendmuxApi();
		const pages = [
			[domainFixture({ domain: 'a.acme.test' }), domainFixture({ domain: 'b.acme.test' })],
			[domainFixture({ domain: 'c.acme.test' })],
			[domainFixture({ domain: 'd.acme.test' })],
		];
		api.app('GET', '/domains').times(3).replyWith(pagedReplies(pages));

		const { items, error } = await runNode(domainNode('getMany', { returnAll: true, simplify: false }));

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.domain)).toEqual(['a.acme.test', 'b.acme.test', 'c.acme.test', 'd.acme.test']);
		expect(api.requests.map((r) => r.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', cursor: 'cur_1' },
			{ limit: '100', cursor: 'cur_2' },
		]);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit stops at exactly that many and simplifies each domain', async () => {
		const api = new SendmuxApi();
		api.app('GET', '/domains').ok([domainFixture(), domainFixture()], { pagination: { has_more: true, next_cursor: 'cur_1' } });

		const { items } = await runNode(domainNode('getMany', { returnAll: false, limit: 2 }));

		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].query).toEqual({ limit: '2' });
		expect(items).toHaveLength(2);
		expect(items[0].json).not.toHaveProperty('ses_dkim_status');
		expect(items[0].json.dns_records).toHaveLength(9);
	});
});

describe('Domain → Get', () => {
	it('outputs the domain with its ETag for a later "only if unchanged" update', async () => {
		const api = new SendmuxApi();
		const domain = domainFixture();
		api.app('GET', `/domains/${domain.id}`).ok(domain, { headers: { ETag: 'W/"dom-v1"' } });

		const { items } = await runNode(domainNode('get', { domain: domainLocatorById(domain.id), simplify: false }));

		expect(items[0].json).toEqual({ ...domain, etag: 'W/"dom-v1"' });
	});
});

describe('Domain → Update', () => {
	it('upgrades the domain with If-Match and outputs the new ETag', async () => {
		const api = new SendmuxApi();
		const domain = domainFixture({ mode: 'send_receive' });
		api.app('PATCH', `/domains/${domain.id}`).ok(domain, { headers: { ETag: 'W/"dom-v2"' } });

		const { items, error } = await runNode(
			domainNode('update', {
				domain: domainLocatorById(domain.id),
				domainMode: 'send_receive',
				options: { ifMatch: 'W/"dom-v1"' },
			}),
		);

		expect(error).toBeUndefined();
		expect(api.requests[0].body).toEqual({ mode: 'send_receive' });
		expect(api.requests[0].headers['if-match']).toBe('W/"dom-v1"');
		expect(items[0].json).toMatchObject({ id: domain.id, mode: 'send_receive', etag: 'W/"dom-v2"' });
	});

	it('says to fetch again when the domain changed since its ETag (409 with If-Match)', async () => {
		const api = new SendmuxApi();
		const id = publicId('mdom');
		api.app('PATCH', `/domains/${id}`).error(409, 'conflict', 'The resource has changed');

		const { error } = await runNode(
			domainNode('update', { domain: domainLocatorById(id), domainMode: 'send_receive', options: { ifMatch: 'W/"old"' } }),
		);

		expect(api.requests).toHaveLength(1);
		expect(error?.message).toBe('The resource has changed');
		expect(error?.description).toContain('Fetch it again and retry with the new ETag');
		expect(error?.description).toMatch(/Request ID: req_[0-9a-f]+/);
	});
});

describe('Domain → Delete', () => {
	it('outputs { deleted: true, id }', async () => {
		const api = new SendmuxApi();
		const id = publicId('mdom');
		api.app('DELETE', `/domains/${id}`).ok({ deleted: true, id });

		const { items } = await runNode(domainNode('delete', { domain: domainLocatorById(id) }));

		expect(items.map((item) => item.json)).toEqual([{ deleted: true, id }]);
	});

	it('reports a domain still used by mailboxes without the "only if unchanged" advice', async () => {
		const api = new SendmuxApi();
		const id = publicId('mdom');
		api.app('DELETE', `/domains/${id}`).error(409, 'conflict', 'Domain still has 2 active mailboxes');

		const { error } = await runNode(domainNode('delete', { domain: domainLocatorById(id) }));

		expect(error?.message).toBe('Domain still has 2 active mailboxes');
		expect(error?.description).not.toContain('ETag');
	});
});

describe('Domain → Verify', () => {
	it('checks the DNS records now and names the domain in the result', async () => {
		const api = new SendmuxApi();
		const id = publicId('mdom');
		const result = {
			status: 'pending',
			ses_identity_verification_status: 'Pending',
			ses_verified_for_sending: false,
			ses_dkim_status: 'Pending',
			ses_dkim_signing_enabled: true,
			ses_identity_checked_at: '2026-11-20T10:05:00.000Z',
			ses_mail_from_status: 'Pending',
			checks: { mx: true, verification_txt: true, spf: true, dmarc: false, mail_from_mx: true, mail_from_spf: true },
		};
		api.app('POST', `/domains/${id}/verify`).ok(result);

		const { items } = await runNode(domainNode('verify', { domain: domainLocatorById(id) }));

		expect(api.requests[0].body).toBeUndefined();
		expect(items[0].json).toEqual({ id, ...result });
	});
});

describe('Domain → Get Zone File', () => {
	const zone = '$ORIGIN mail.acme.test.\n@ 3600 IN MX 10 mx1.sendmux.ai.\n_dmarc 3600 IN TXT "v=DMARC1; p=quarantine;"\n';

	it('outputs the zone file as text', async () => {
		const api = new SendmuxApi();
		const id = publicId('mdom');
		api.app('GET', `/domains/${id}/zone-file`).replyWith(() => [200, zone, { 'Content-Type': 'text/plain; charset=utf-8' }]);

		const { items, error } = await runNode(domainNode('getZoneFile', { domain: domainLocatorById(id) }));

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id, zoneFile: zone });
	});

	it('outputs the zone file as a binary file when asked', async () => {
		const api = new SendmuxApi();
		const id = publicId('mdom');
		api.app('GET', `/domains/${id}/zone-file`).replyWith(() => [200, zone, { 'Content-Type': 'text/plain' }]);

		const { items } = await runNode(
			domainNode('getZoneFile', { domain: domainLocatorById(id), zoneFileOutput: 'binary', binaryPropertyName: 'zone' }),
		);

		const file = items[0].binary?.zone;
		expect(items[0].json).toEqual({ id });
		expect(file?.fileName).toBe(`${id}.zone`);
		expect(file?.mimeType).toBe('text/plain');
		expect(Buffer.from(file?.data ?? '', 'base64').toString('utf8')).toBe(zone);
	});

	it('reads a 404 as Sendmux\'s error, not as a zone file', async () => {
		const api = new SendmuxApi();
		const id = publicId('mdom');
		api.app('GET', `/domains/${id}/zone-file`).error(404, 'not_found', 'Domain not found');

		const { error, items } = await runNode(domainNode('getZoneFile', { domain: domainLocatorById(id) }));

		expect(items).toEqual([]);
		expect(error?.message).toBe('Domain not found');
		expect(error?.description).toContain('not_found (HTTP 404)');
	});
});
