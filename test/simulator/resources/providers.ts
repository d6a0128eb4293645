/**
 * Sending providers (SMTP accounts the team brings). Created active; `POST …/test` checks the
 * connection: a host starting with `fail.` fails (status `error`, activation refused with 409).
 */
import type { HandlerMap, Sim, SimRequest } from '../context';
import { conflict } from '../errors';
import { etagOf, requireIfMatch } from '../etag';
import { publicId } from '../ids';
import type { ProviderRecord, QuotaRange } from '../state';
import { bodyOf, found, isoOrNull, location, pageSize, text } from './common';

const QUOTA_WINDOWS = ['per_second', 'per_minute', 'per_hour', 'per_day'] as const;

type QuotaInput = number | QuotaRange | null;

interface ProviderBody {
	name?: string;
	smtp_host?: string;
	smtp_port?: number;
	smtp_protocol?: string;
	smtp_username?: string;
	smtp_password?: string;
	from_email?: string | null;
	from_name?: string | null;
	reply_to_email?: string | null;
	reply_to_name?: string | null;
	quotas?: Partial<Record<(typeof QUOTA_WINDOWS)[number], QuotaInput>>;
	percentage?: number;
	tracking_domain?: string | null;
}

const range = (input: QuotaInput): QuotaRange | null => (input === null ? null : typeof input === 'number' ? { min: input, max: input } : { min: input.min, max: input.max });

export function providerRepresentation(provider: ProviderRecord) {
	const active = provider.status === 'active';
	return {
		id: provider.id,
		name: provider.name,
		type: 'smtp' as const,
		status: provider.status,
		status_reason: provider.statusReason,
		is_active: active,
		is_shared: false,
		is_editable: true,
		allowed_actions: { update: true, delete: true, activate: !active, deactivate: active, test: true },
		smtp_host: provider.smtpHost,
		smtp_port: provider.smtpPort,
		smtp_protocol: provider.smtpProtocol,
		smtp_username: provider.smtpUsername,
		has_smtp_password: provider.smtpPassword.length > 0,
		from_email: provider.fromEmail,
		from_name: provider.fromName,
		reply_to_email: provider.replyToEmail,
		reply_to_name: provider.replyToName,
		oauth_email: null,
		has_refresh_token: false,
		quotas: provider.quotas,
		percentage: provider.percentage,
		tracking_domain: provider.trackingDomain,
		created_at: new Date(provider.createdAt).toISOString(),
		updated_at: new Date(provider.updatedAt).toISOString(),
		last_tested_at: isoOrNull(provider.lastTestedAt),
		last_used_at: null,
	};
}

function providerOf(request: SimRequest, sim: Sim): ProviderRecord {
	return found(sim.state.providers.get(request.pathParams.public_id), 'Provider', 'public_id');
}

function apply(provider: ProviderRecord, body: ProviderBody): void {
	if (body.name !== undefined) provider.name = body.name;
	if (body.smtp_host !== undefined) provider.smtpHost = body.smtp_host;
	if (body.smtp_port !== undefined) provider.smtpPort = body.smtp_port;
	if (body.smtp_protocol !== undefined) provider.smtpProtocol = body.smtp_protocol;
	if (body.smtp_username !== undefined) provider.smtpUsername = body.smtp_username;
	if (body.smtp_password !== undefined) provider.smtpPassword = body.smtp_password;
	if (body.from_email !== undefined) provider.fromEmail = body.from_email;
	if (body.from_name !== undefined) provider.fromName = body.from_name;
	if (body.reply_to_email !== undefined) provider.replyToEmail = body.reply_to_email;
	if (body.reply_to_name !== undefined) provider.replyToName = body.reply_to_name;
	if (body.percentage !== undefined) provider.percentage = body.percentage;
	if (body.tracking_domain !== undefined) provider.trackingDomain = body.tracking_domain;
	for (const window of QUOTA_WINDOWS) {
		const input = body.quotas?.[window];
		if (input !== undefined) provider.quotas[window] = range(input);
	}
}

function setStatus(provider: ProviderRecord, sim: Sim, status: ProviderRecord['status']) {
	provider.status = status;
	provider.statusReason = null;
	provider.updatedAt = sim.clock.tick();
	return { data: providerRepresentation(provider) };
}

export const providerHandlers: HandlerMap = {
	managementListProviders(request, sim) {
		const status = text(request.query.status);
		const type = text(request.query.type);
		const page = sim.state.providers.page({
			cursor: text(request.query.cursor),
			limit: pageSize(request),
			filter: (p) => (status === undefined || p.status === status) && (type === undefined || type === 'smtp'),
		});
		return { data: page.items.map(providerRepresentation), pagination: page.pagination };
	},

	managementCreateProvider(request, sim) {
		const body = bodyOf<Required<Pick<ProviderBody, 'name' | 'smtp_host' | 'smtp_port' | 'smtp_protocol' | 'smtp_username' | 'smtp_password'>> & ProviderBody>(request);
		if (sim.state.providers.values().some((p) => p.name === body.name)) throw conflict(`A provider named "${body.name}" already exists.`);
		const now = sim.clock.tick();
		const provider: ProviderRecord = {
			id: publicId('dprov'),
			createdAt: now,
			updatedAt: now,
			name: body.name,
			status: 'active',
			statusReason: null,
			smtpHost: body.smtp_host,
			smtpPort: body.smtp_port,
			smtpProtocol: body.smtp_protocol,
			smtpUsername: body.smtp_username,
			smtpPassword: body.smtp_password,
			fromEmail: null,
			fromName: null,
			replyToEmail: null,
			replyToName: null,
			quotas: { per_second: null, per_minute: null, per_hour: null, per_day: null },
			percentage: null,
			trackingDomain: null,
			lastTestedAt: null,
		};
		apply(provider, body);
		sim.state.providers.insert(provider);
		return { status: 201, data: providerRepresentation(provider), headers: location(sim.baseUrls.app, `/providers/${provider.id}`) };
	},

	managementGetProvider(request, sim) {
		const data = providerRepresentation(providerOf(request, sim));
		return { data, etag: etagOf(data) };
	},

	managementUpdateProvider(request, sim) {
		const provider = providerOf(request, sim);
		requireIfMatch(request.headers['if-match'], etagOf(providerRepresentation(provider)));
		const body = bodyOf<ProviderBody>(request);
		if (body.name !== undefined && sim.state.providers.values().some((p) => p.name === body.name && p.id !== provider.id)) {
			throw conflict(`A provider named "${body.name}" already exists.`);
		}
		apply(provider, body);
		provider.updatedAt = sim.clock.tick();
		const data = providerRepresentation(provider);
		return { data, etag: etagOf(data) };
	},

	managementDeleteProvider(request, sim) {
		const provider = providerOf(request, sim);
		sim.state.providers.remove(provider.id);
		return { data: { deleted: true, id: provider.id } };
	},

	managementActivateProvider(request, sim) {
		const provider = providerOf(request, sim);
		if (provider.status === 'error') throw conflict('The provider failed its last connection test. Fix its settings and test it before activating.');
		return setStatus(provider, sim, 'active');
	},

	managementDeactivateProvider(request, sim) {
		return setStatus(providerOf(request, sim), sim, 'inactive');
	},

	managementTestProvider(request, sim) {
		const provider = providerOf(request, sim);
		const success = !provider.smtpHost.startsWith('fail.');
		const now = sim.clock.tick();
		provider.lastTestedAt = now;
		provider.updatedAt = now;
		if (success && provider.status === 'error') provider.status = 'inactive';
		if (!success) {
			provider.status = 'error';
			provider.statusReason = `Could not connect to ${provider.smtpHost}:${provider.smtpPort}.`;
		} else provider.statusReason = null;
		return {
			data: {
				success,
				message: success ? 'Connection and authentication succeeded.' : provider.statusReason ?? 'Connection failed.',
				latency_ms: 42,
				tested_at: new Date(now).toISOString(),
			},
		};
	},
};
