/**
 * Management API replies as Sendmux sends them, built from the schemas of openapi-app.json
 * (every one is validated against the spec when a test hands it to the fake).
 */
import { randomBytes } from 'node:crypto';

import { okEnvelope, type RecordedRequest, type Reply } from '../harness/sendmuxApi';

/** A Sendmux public ID: prefix, underscore, a cuid-like tail. */
export function publicId(prefix: string): string {
	return `${prefix}_cl${randomBytes(12).toString('hex')}`;
}

export function domainFixture(overrides: Record<string, unknown> = {}) {
	const name = (overrides.domain as string | undefined) ?? 'mail.acme.test';
	return {
		id: publicId('mdom'),
		domain: name,
		mode: 'send_receive',
		verification_status: 'pending',
		ses_identity_verification_status: 'Pending',
		ses_verified_for_sending: false,
		ses_dkim_status: 'Pending',
		ses_dkim_signing_enabled: true,
		ses_identity_checked_at: null,
		ses_mail_from_status: 'Pending',
		verified_at: null,
		created_at: '2026-11-20T10:00:00.000Z',
		mailbox_count: 0,
		dns_records: {
			mx: [{ priority: 10, target: 'mx1.sendmux.ai' }],
			mail_from: {
				mx: { name: `bounce.${name}`, priority: 10, target: 'feedback-smtp.eu-central-1.amazonses.com' },
				spf: { name: `bounce.${name}`, value: 'v=spf1 include:amazonses.com ~all' },
			},
			spf: { name, value: 'v=spf1 include:amazonses.com ~all' },
			dmarc: { name: `_dmarc.${name}`, value: 'v=DMARC1; p=quarantine;' },
			dkim: ['a1', 'b2', 'c3'].map((token) => ({
				name: `${token}._domainkey.${name}`,
				value: `${token}.dkim.amazonses.com`,
			})),
			verification: { name: `_sendmux.${name}`, value: 'sendmux-verify=team_abc123' },
		},
		...overrides,
	};
}

export function mailboxFixture(overrides: Record<string, unknown> = {}) {
	return {
		id: publicId('mbx'),
		email: 'agent@mail.acme.test',
		display_name: 'Support Agent',
		quota_bytes: 5368709120,
		send_scope: { type: 'all' },
		status: 'active',
		created_at: '2026-11-20T10:00:00.000Z',
		...overrides,
	};
}

/** A mailbox credential: `secret` is the plaintext key Sendmux shows exactly once. */
export function credentialFixture(email = 'agent@mail.acme.test') {
	const secret = `smx_mbx_${randomBytes(20).toString('hex')}`;
	return {
		public_id: publicId('smx'),
		secret,
		key_prefix: secret.slice(0, 12),
		key_suffix: secret.slice(-4),
		server: 'mail.sendmux.ai',
		imap_port: 993,
		smtp_port: 587,
		username: email,
	};
}

export function filterStateFixture(overrides: Record<string, unknown> = {}) {
	return {
		mode: 'denylist',
		rules: [
			{ type: 'deny', pattern: 'spam.example', note: 'reported' },
			{ type: 'deny', pattern: 'ceo@phish.example', note: null },
		],
		...overrides,
	};
}

export const domainLocatorById = (id: string) => ({ __rl: true, mode: 'id', value: id });
export const mailboxLocatorById = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Replies serving `pages` in order by cursor (`cur_1`, `cur_2`…), as a paginated list does. */
export function pagedReplies(pages: unknown[][]) {
	return (request: RecordedRequest): Reply => {
		const cursor = request.query.cursor;
		const index = cursor === undefined ? 0 : Number(String(cursor).replace('cur_', ''));
		const next = index + 1 < pages.length ? `cur_${index + 1}` : undefined;
		return [
			200,
			okEnvelope(pages[index], next ? { has_more: true, next_cursor: next } : { has_more: false }),
		];
	};
}
