/** Mailboxes (Management API): provisioning, keys, suspend/resume, availability, filters. */
import { newKeySecret, type ApiKey } from '../auth';
import type { HandlerMap, Sim, SimRequest } from '../context';
import { conflict, SimError, unprocessable } from '../errors';
import { etagOf, requireIfMatch } from '../etag';
import { publicId } from '../ids';
import type { MailboxRecord, SendScope } from '../state';
import { bodyOf, found, location, pageSize, text } from './common';
import { SHARED_DOMAIN } from './domains';
import { readFilters, replaceFilters } from './filters';

export const QUOTA_TIERS = [1_073_741_824, 5_368_709_120, 53_687_091_200];
const RESERVED_LOCAL_PARTS = new Set(['postmaster', 'abuse', 'admin', 'hostmaster', 'webmaster', 'root', 'noreply']);

export function mailboxRepresentation(mailbox: MailboxRecord) {
	return {
		id: mailbox.id,
		email: mailbox.email,
		display_name: mailbox.displayName,
		quota_bytes: mailbox.quotaBytes,
		send_scope: mailbox.sendScope,
		status: mailbox.status,
		created_at: new Date(mailbox.createdAt).toISOString(),
	};
}

/** The bearer token and IMAP/SMTP password of a new key: shown exactly once. */
function credential(key: ApiKey, mailbox: MailboxRecord) {
	return {
		public_id: key.id,
		secret: key.secret,
		key_prefix: key.secret.slice(0, 12),
		key_suffix: key.secret.slice(-4),
		username: mailbox.email,
		server: 'mail.sendmux.ai',
		imap_port: 993,
		smtp_port: 587,
	};
}

export function mintMailboxKey(sim: Sim, mailbox: MailboxRecord, label: string, secret = newKeySecret('mailbox')): ApiKey {
	return sim.keys.add({ secret, keyClass: 'mailbox', mailboxId: mailbox.id, sendOnly: false, label });
}

function mailboxOf(request: SimRequest, sim: Sim): MailboxRecord {
	return found(sim.state.mailboxes.get(request.pathParams.public_id), 'Mailbox', 'public_id');
}

type Availability = 'available' | 'invalid_email' | 'domain_not_available' | 'taken' | 'reserved';

function availability(sim: Sim, email: string): Availability {
	const [local, domain, ...rest] = email.toLowerCase().split('@');
	if (!local || !domain || rest.length > 0 || !/^[a-z0-9._+-]+$/.test(local)) return 'invalid_email';
	if (domain !== SHARED_DOMAIN) {
		const owned = sim.state.domains.values().find((d) => d.domain === domain);
		if (!owned || owned.verificationStatus !== 'verified' || owned.mode !== 'send_receive') return 'domain_not_available';
	}
	if (RESERVED_LOCAL_PARTS.has(local)) return 'reserved';
	if (sim.state.mailboxByEmail(email)) return 'taken';
	return 'available';
}

function checkQuota(quota: number | undefined): void {
	if (quota !== undefined && !QUOTA_TIERS.includes(quota)) {
		throw unprocessable(`quota_bytes must be one of ${QUOTA_TIERS.join(', ')} (1 GB, 5 GB, 50 GB).`, 'quota_bytes', 'invalid_enum_value');
	}
}

function setStatus(request: SimRequest, sim: Sim, status: 'active' | 'suspended') {
	const mailbox = mailboxOf(request, sim);
	if (mailbox.status === 'deleted') throw conflict('This mailbox is deleted.');
	mailbox.status = status;
	const data = mailboxRepresentation(mailbox);
	return { data, etag: etagOf(data) };
}

export const mailboxHandlers: HandlerMap = {
	managementListMailboxes(request, sim) {
		const includeDeleted = text(request.query.include_deleted) === 'true';
		const page = sim.state.mailboxes.page({
			cursor: text(request.query.cursor),
			limit: pageSize(request),
			filter: (m) => includeDeleted || m.status !== 'deleted',
		});
		return { data: page.items.map(mailboxRepresentation), pagination: page.pagination };
	},

	managementCreateMailbox(request, sim) {
		const body = bodyOf<{ email: string; display_name?: string; quota_bytes?: number; send_scope?: SendScope }>(request);
		const email = body.email.toLowerCase();
		const verdict = availability(sim, email);
		if (verdict === 'taken') throw conflict(`The address ${email} is already in use.`);
		if (verdict === 'domain_not_available') {
			throw unprocessable(`The domain of ${email} is not a verified send_receive domain of this team (or ${SHARED_DOMAIN}). Verify it first.`, 'email');
		}
		if (verdict !== 'available') throw unprocessable(`The address ${email} cannot be used (${verdict}).`, 'email');
		checkQuota(body.quota_bytes);
		const mailbox: MailboxRecord = {
			id: publicId('mbx'),
			createdAt: sim.clock.tick(),
			email,
			displayName: body.display_name ?? null,
			quotaBytes: body.quota_bytes ?? QUOTA_TIERS[0],
			sendScope: body.send_scope ?? { type: 'all' },
			status: 'active',
			filters: { mode: 'off', rules: [] },
		};
		sim.state.mailboxes.insert(mailbox);
		sim.mail.storeOf(mailbox);
		const key = mintMailboxKey(sim, mailbox, 'Initial key');
		return {
			status: 201,
			data: { mailbox: mailboxRepresentation(mailbox), credential: credential(key, mailbox), warning: null },
			headers: location(sim.baseUrls.app, `/mailboxes/${mailbox.id}`),
		};
	},

	managementGetMailbox(request, sim) {
		const data = mailboxRepresentation(mailboxOf(request, sim));
		return { data, etag: etagOf(data) };
	},

	managementUpdateMailbox(request, sim) {
		const mailbox = mailboxOf(request, sim);
		requireIfMatch(request.headers['if-match'], etagOf(mailboxRepresentation(mailbox)));
		const body = bodyOf<{ display_name?: string | null; quota_bytes?: number; send_scope?: SendScope }>(request);
		checkQuota(body.quota_bytes);
		if (body.quota_bytes !== undefined) {
			const used = sim.state.mailStores.get(mailbox.id)?.messages.values().reduce((sum, m) => sum + m.sizeBytes, 0) ?? 0;
			if (body.quota_bytes < used) throw unprocessable('quota_bytes is below what the mailbox already stores.', 'quota_bytes');
			mailbox.quotaBytes = body.quota_bytes;
		}
		if (body.display_name !== undefined) mailbox.displayName = body.display_name;
		if (body.send_scope !== undefined) mailbox.sendScope = body.send_scope;
		const data = mailboxRepresentation(mailbox);
		return { data, etag: etagOf(data) };
	},

	managementDeleteMailbox(request, sim) {
		const mailbox = mailboxOf(request, sim);
		if (mailbox.status === 'deleted') throw new SimError(404, 'not_found', 'Mailbox not found', { param: 'public_id' });
		mailbox.status = 'deleted';
		sim.keys.revoke((key) => key.mailboxId === mailbox.id);
		return { data: { id: mailbox.id, deleted: true } };
	},

	managementSuspendMailbox: (request, sim) => setStatus(request, sim, 'suspended'),
	managementResumeMailbox: (request, sim) => setStatus(request, sim, 'active'),

	managementCreateMailboxKey(request, sim) {
		const mailbox = mailboxOf(request, sim);
		if (mailbox.status !== 'active') throw unprocessable('The mailbox is not active.', 'public_id');
		const live = sim.keys.all().filter((k) => k.mailboxId === mailbox.id && !k.revoked).length;
		if (live >= sim.settings.limits.mailboxKeys) {
			throw new SimError(409, 'limit_exceeded', `A mailbox may have at most ${sim.settings.limits.mailboxKeys} keys. Delete one first.`);
		}
		const { app_name: appName } = bodyOf<{ app_name: string }>(request);
		const key = mintMailboxKey(sim, mailbox, appName);
		return {
			status: 201,
			data: { credential: credential(key, mailbox) },
			headers: location(sim.baseUrls.app, `/mailboxes/${mailbox.id}/keys/${key.id}`),
		};
	},

	managementDeleteMailboxKey(request, sim) {
		const mailbox = mailboxOf(request, sim);
		const key = sim.keys.all().find((k) => k.id === request.pathParams.key_id && k.mailboxId === mailbox.id);
		if (!key) throw new SimError(404, 'not_found', 'Key not found for this mailbox.', { param: 'key_id' });
		key.revoked = true;
		return { data: { id: key.id, deleted: true } };
	},

	managementCheckMailboxAvailability(request, sim) {
		const email = (text(request.query.email) ?? '').toLowerCase();
		const reason = availability(sim, email);
		return { data: { email, available: reason === 'available', reason } };
	},

	managementGetMailboxFilters(request, sim) {
		return readFilters(mailboxOf(request, sim).filters);
	},

	managementSetMailboxFilters(request, sim) {
		return replaceFilters(request, mailboxOf(request, sim));
	},
};
