/** Sending domains: DNS records, verification, upgrade, zone file, domain-wide sender filters. */
import type { HandlerMap, Sim, SimRequest } from '../context';
import { conflict, SimError } from '../errors';
import { etagOf, requireIfMatch } from '../etag';
import { publicId } from '../ids';
import type { DomainRecord } from '../state';
import { bodyOf, found, isoOrNull, location, pageSize, text } from './common';
import { readFilters, replaceFilters } from './filters';

export const SHARED_DOMAIN = 'myagent.mx';

function dnsRecords(domain: DomainRecord) {
	const token = domain.id.slice(-16);
	return {
		verification: { name: `_sendmux.${domain.domain}`, value: `sendmux-verification=${token}` },
		spf: { name: domain.domain, value: 'v=spf1 include:amazonses.com include:spf.sendmux.ai ~all' },
		dkim: ['s1', 's2', 's3'].map((selector) => ({
			name: `${selector}${token.slice(0, 6)}._domainkey.${domain.domain}`,
			value: `${selector}${token.slice(0, 6)}.dkim.amazonses.com`,
		})),
		dmarc: { name: `_dmarc.${domain.domain}`, value: 'v=DMARC1; p=none; rua=mailto:dmarc@sendmux.ai' },
		mx: domain.mode === 'send_receive' ? [{ priority: 10, target: 'mx.sendmux.ai' }] : [],
		mail_from: {
			mx: { name: `bounce.${domain.domain}`, priority: 10, target: 'feedback-smtp.us-east-1.amazonses.com' },
			spf: { name: `bounce.${domain.domain}`, value: 'v=spf1 include:amazonses.com ~all' },
		},
	};
}

export function mailboxCount(sim: Sim, domain: string): number {
	return sim.state.mailboxes.values().filter((m) => m.status !== 'deleted' && m.email.endsWith(`@${domain}`)).length;
}

export function domainRepresentation(domain: DomainRecord, sim: Sim) {
	const verified = domain.verificationStatus === 'verified';
	const checked = domain.checkedAt !== null;
	return {
		id: domain.id,
		domain: domain.domain,
		mode: domain.mode,
		verification_status: domain.verificationStatus,
		verified_at: isoOrNull(domain.verifiedAt),
		mailbox_count: mailboxCount(sim, domain.domain),
		dns_records: dnsRecords(domain),
		ses_dkim_signing_enabled: checked ? verified : null,
		ses_dkim_status: checked ? (verified ? 'SUCCESS' : 'PENDING') : null,
		ses_identity_checked_at: isoOrNull(domain.checkedAt),
		ses_identity_verification_status: checked ? (verified ? 'SUCCESS' : 'PENDING') : null,
		ses_mail_from_status: checked ? (verified ? 'SUCCESS' : 'PENDING') : null,
		ses_verified_for_sending: checked ? verified : null,
		created_at: new Date(domain.createdAt).toISOString(),
	};
}

function domainOf(request: SimRequest, sim: Sim): DomainRecord {
	return found(sim.state.domains.get(request.pathParams.public_id), 'Domain', 'public_id');
}

const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function receivingDomain(domain: DomainRecord): DomainRecord {
	if (domain.mode !== 'send_receive') throw conflict('This domain is send-only and has no inbound sender filters. Upgrade it to send_receive first.');
	return domain;
}

/**
 * Verification outcome by name, so tests can reach every state: `fail.…` domains fail,
 * `pending.…` domains stay pending, any other domain verifies.
 */
function verificationOutcome(domain: string): DomainRecord['verificationStatus'] {
	if (domain.startsWith('fail.')) return 'failed';
	if (domain.startsWith('pending.')) return 'pending';
	return 'verified';
}

export const domainHandlers: HandlerMap = {
	managementListDomains(request, sim) {
		const page = sim.state.domains.page({ cursor: text(request.query.cursor), limit: pageSize(request) });
		return { data: page.items.map((d) => domainRepresentation(d, sim)), pagination: page.pagination };
	},

	managementCreateDomain(request, sim) {
		const body = bodyOf<{ domain: string; mode?: DomainRecord['mode'] }>(request);
		if (!DOMAIN_NAME.test(body.domain)) {
			throw new SimError(400, 'invalid_parameter', `"${body.domain}" is not a lower-case domain name (no scheme, no path), e.g. mail.acme.com.`, { param: 'domain' });
		}
		if (body.domain === SHARED_DOMAIN || sim.state.domains.values().some((d) => d.domain === body.domain)) {
			throw conflict(`The domain ${body.domain} is already in use.`);
		}
		const domain: DomainRecord = {
			id: publicId('mdom'),
			createdAt: sim.clock.tick(),
			domain: body.domain,
			mode: body.mode ?? 'send_receive',
			verificationStatus: 'pending',
			verifiedAt: null,
			checkedAt: null,
			filters: { mode: 'off', rules: [] },
		};
		sim.state.domains.insert(domain);
		return { status: 201, data: domainRepresentation(domain, sim), headers: location(sim.baseUrls.app, `/domains/${domain.id}`) };
	},

	managementGetDomain(request, sim) {
		const data = domainRepresentation(domainOf(request, sim), sim);
		return { data, etag: etagOf(data) };
	},

	managementUpdateDomain(request, sim) {
		const domain = domainOf(request, sim);
		requireIfMatch(request.headers['if-match'], etagOf(domainRepresentation(domain, sim)));
		if (domain.mode === 'send_receive') throw conflict('This domain already sends and receives: there is nothing to upgrade (downgrades are not supported).');
		domain.mode = 'send_receive';
		domain.verificationStatus = 'pending';
		domain.verifiedAt = null;
		const data = domainRepresentation(domain, sim);
		return { data, etag: etagOf(data) };
	},

	managementDeleteDomain(request, sim) {
		const domain = domainOf(request, sim);
		const active = mailboxCount(sim, domain.domain);
		if (active > 0) throw conflict(`The domain still has ${active} active mailbox(es). Delete them first.`);
		sim.state.domains.remove(domain.id);
		return { data: { id: domain.id, deleted: true } };
	},

	managementVerifyDomain(request, sim) {
		const domain = domainOf(request, sim);
		const outcome = verificationOutcome(domain.domain);
		const now = sim.clock.tick();
		domain.checkedAt = now;
		// A failed domain stays failed until a complete check succeeds.
		if (outcome === 'verified') {
			domain.verificationStatus = 'verified';
			domain.verifiedAt ??= now;
		} else if (outcome === 'failed' || domain.verificationStatus !== 'failed') {
			domain.verificationStatus = outcome;
		}
		const passed = outcome === 'verified';
		return {
			data: {
				status: domain.verificationStatus,
				checks: { verification_txt: passed, spf: passed, dmarc: passed, mx: passed || domain.mode === 'send_only', mail_from_mx: passed, mail_from_spf: passed },
				ses_dkim_signing_enabled: passed,
				ses_dkim_status: passed ? 'SUCCESS' : outcome === 'failed' ? 'FAILED' : 'PENDING',
				ses_identity_checked_at: new Date(now).toISOString(),
				ses_identity_verification_status: passed ? 'SUCCESS' : outcome === 'failed' ? 'FAILED' : 'PENDING',
				ses_mail_from_status: passed ? 'SUCCESS' : 'PENDING',
				ses_verified_for_sending: passed,
			},
		};
	},

	managementGetDomainZoneFile(request, sim) {
		const domain = domainOf(request, sim);
		const records = dnsRecords(domain);
		const lines = [
			`; Sendmux DNS records for ${domain.domain}`,
			`${records.verification.name}. 3600 IN TXT "${records.verification.value}"`,
			`${records.spf.name}. 3600 IN TXT "${records.spf.value}"`,
			...records.dkim.map((r) => `${r.name}. 3600 IN CNAME ${r.value}.`),
			`${records.dmarc.name}. 3600 IN TXT "${records.dmarc.value}"`,
			...records.mx.map((r) => `${domain.domain}. 3600 IN MX ${r.priority} ${r.target}.`),
			`${records.mail_from.mx.name}. 3600 IN MX ${records.mail_from.mx.priority} ${records.mail_from.mx.target}.`,
			`${records.mail_from.spf.name}. 3600 IN TXT "${records.mail_from.spf.value}"`,
		];
		return { raw: { contentType: 'text/plain; charset=utf-8', body: `${lines.join('\n')}\n` } };
	},

	managementGetDomainFilters(request, sim) {
		return readFilters(receivingDomain(domainOf(request, sim)).filters);
	},

	managementSetDomainFilters(request, sim) {
		return replaceFilters(request, receivingDomain(domainOf(request, sim)));
	},
};
