import type { IDataObject } from 'n8n-workflow';

import { simplifyProperty } from '../../shared/simplify';

interface NameValue {
	name: string;
	value: string;
}

/** A domain as Sendmux returns it (schema MailboxDomain), the parts simplify reads. */
interface SendmuxDomain {
	id: string;
	domain: string;
	mode: string;
	verification_status: string;
	verified_at: string | null;
	ses_verified_for_sending: boolean | null;
	mailbox_count: number;
	created_at: string;
	dns_records: {
		mx: Array<{ priority: number; target: string }>;
		mail_from: { mx: { name: string; priority: number; target: string }; spf: NameValue };
		spf: NameValue;
		dmarc: NameValue;
		dkim: NameValue[];
		verification: NameValue;
	};
}

/** One DNS record to place, in the shape DNS provider nodes and spreadsheets take. */
export interface DnsRecordToPlace extends IDataObject {
	purpose: string;
	type: 'MX' | 'TXT' | 'CNAME';
	name: string;
	value: string;
	priority: number | null;
}

export const domainSimplifyProperty = simplifyProperty(
	'Simplified: the domain\'s status and one flat list of the DNS records to place (type, name, value, priority). Turn off for the raw response with Amazon SES details.',
);

/** Sendmux's nested DNS record groups as one flat list, in the order to place them. */
export function dnsRecordsToPlace(domain: SendmuxDomain): DnsRecordToPlace[] {
	const records = domain.dns_records;
	const txt = (purpose: string, record: NameValue): DnsRecordToPlace => ({
		purpose,
		type: 'TXT',
		name: record.name,
		value: record.value,
		priority: null,
	});
	return [
		txt('Ownership verification', records.verification),
		...records.mx.map(
			(mx): DnsRecordToPlace => ({
				purpose: 'Inbound mail',
				type: 'MX',
				name: domain.domain,
				value: mx.target,
				priority: mx.priority,
			}),
		),
		txt('SPF', records.spf),
		...records.dkim.map(
			(dkim): DnsRecordToPlace => ({
				purpose: 'DKIM',
				type: 'CNAME',
				name: dkim.name,
				value: dkim.value,
				priority: null,
			}),
		),
		txt('DMARC', records.dmarc),
		{
			purpose: 'Bounce handling (MAIL FROM)',
			type: 'MX',
			name: records.mail_from.mx.name,
			value: records.mail_from.mx.target,
			priority: records.mail_from.mx.priority,
		},
		txt('Bounce handling SPF (MAIL FROM)', records.mail_from.spf),
	];
}

/** What most workflows need of a domain: its state and the records to place. */
export function simplifyDomain(raw: IDataObject): IDataObject {
	const domain = raw as unknown as SendmuxDomain;
	return {
		id: domain.id,
		domain: domain.domain,
		mode: domain.mode,
		verification_status: domain.verification_status,
		verified_at: domain.verified_at,
		verified_for_sending: domain.ses_verified_for_sending,
		mailbox_count: domain.mailbox_count,
		created_at: domain.created_at,
		dns_records: dnsRecordsToPlace(domain),
	};
}

/** The domain as the user chose to see it. */
export function domainOutput(raw: IDataObject, simplify: boolean): IDataObject {
	return simplify ? simplifyDomain(raw) : raw;
}
