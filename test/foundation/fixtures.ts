/** Spec-valid fixtures shared by the foundation tests. */
export function domainFixture(n: number) {
	const name = `d${n}.example.com`;
	const record = (prefix: string, value: string) => ({ name: `${prefix}.${name}`, value });
	return {
		id: `mdom_${String(n).padStart(25, '0')}`,
		domain: name,
		mode: 'send_receive',
		verification_status: 'verified',
		ses_identity_verification_status: 'Success',
		ses_verified_for_sending: true,
		ses_dkim_status: 'success',
		ses_dkim_signing_enabled: true,
		ses_identity_checked_at: '2026-11-01T00:00:00Z',
		ses_mail_from_status: 'success',
		verified_at: '2026-11-01T00:00:00Z',
		created_at: '2026-11-01T00:00:00Z',
		mailbox_count: 1,
		dns_records: {
			mx: [{ priority: 10, target: 'mail.sendmux.ai' }],
			mail_from: {
				mx: { name: `bounce.${name}`, priority: 10, target: 'feedback-smtp.eu-west-1.amazonses.com' },
				spf: record('bounce', 'v=spf1 include:amazonses.com ~all'),
			},
			spf: record('spf', 'v=spf1 include:amazonses.com ~all'),
			dmarc: record('_dmarc', 'v=DMARC1; p=quarantine'),
			dkim: [record('a._domainkey', 'a.dkim.amazonses.com')],
			verification: record('_sendmux', 'sendmux-verify=team_abc'),
		},
	};
}

/** A minimal valid single-send body for the Sending API. */
export const SEND_BODY = {
	from: { email: 'sender@example.com' },
	to: { email: 'rcpt@example.com' },
	subject: 'Hello',
	html_body: '<p>Hi</p>',
};

export const SEND_RESULT = { message_id: 'eml_abcdefghijklmnopqrstuvwx', status: 'queued' };
