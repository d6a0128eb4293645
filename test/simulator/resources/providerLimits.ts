/**
 * Provider limits, stats and usage. Sending accounts: at most 5 per team (`reserved` 0); one
 * pending increase request at a time (409 for a second). Shared Amazon SES: 200 a day, counted
 * from today's delivery logs sent without an own provider; one pending increase request at a
 * time, cancellable while pending. `GET /providers/shared-amazon-ses-limit-request` answers
 * the state with the pending request; while none is pending it answers 404: its spec makes
 * `pending_request` a closed object (an allOf that forbids the `null` Sendmux means for "none
 * pending"), so no 200 without a pending request passes the contract, and that fault is not
 * among the ones the specs' README lists (which a patch in test/contract/specPatches.ts needs).
 */
import type { HandlerMap, Sim } from '../context';
import { conflict, SimError } from '../errors';
import { publicId } from '../ids';
import type { SesLimitRequestRecord } from '../state';
import { found, isoOrNull } from './common';

const SENDING_ACCOUNT_LIMIT = 5;
const SHARED_SES_DAILY_LIMIT = 200;
const NEAR_LIMIT_RATIO = 0.8;
const DAY_MS = 86_400_000;

const startOfDay = (ms: number) => ms - (ms % DAY_MS);

function sendingAccounts(sim: Sim) {
	const usage = sim.state.providers.size;
	const threshold = Math.floor(SENDING_ACCOUNT_LIMIT * NEAR_LIMIT_RATIO);
	const pending = sim.state.sendingAccountIncreaseRequestId;
	return {
		resource_type: 'sending_accounts',
		usage,
		max_allowed: SENDING_ACCOUNT_LIMIT,
		reserved: 0,
		threshold_usage: threshold,
		usage_ratio: usage / SENDING_ACCOUNT_LIMIT,
		is_at_limit: usage >= SENDING_ACCOUNT_LIMIT,
		is_near_limit: usage >= threshold,
		can_request_increase: pending === null,
		pending_request_id: pending,
	};
}

function pendingSesRequest(sim: Sim): SesLimitRequestRecord | undefined {
	return sim.state.sesLimitRequests.values().find((r) => r.status === 'pending');
}

function sentToday(sim: Sim): number {
	const since = startOfDay(sim.clock.peek());
	return sim.state.deliveryLogs.values().filter((log) => log.providerId === null && log.createdAt >= since).length;
}

function sharedSes(sim: Sim) {
	const sent = sentToday(sim);
	const threshold = Math.floor(SHARED_SES_DAILY_LIMIT * NEAR_LIMIT_RATIO);
	const pending = pendingSesRequest(sim);
	return {
		provider_id: null,
		daily_limit: SHARED_SES_DAILY_LIMIT,
		sent_today: sent,
		threshold_usage: threshold,
		usage_ratio: sent / SHARED_SES_DAILY_LIMIT,
		is_near_limit: sent >= threshold,
		can_request_increase: pending === undefined,
		pending_request_id: pending?.id ?? null,
	};
}

function sesRequestRepresentation(request: SesLimitRequestRecord) {
	return {
		id: request.id,
		status: request.status,
		current_daily_limit: request.currentDailyLimit,
		current_daily_sent: request.currentDailySent,
		approved_daily_limit: null,
		decision_note: null,
		created_at: new Date(request.createdAt).toISOString(),
		decided_at: isoOrNull(request.decidedAt),
	};
}

const zero = { active: 0, inactive: 0, error: 0, pending: 0 };

export const providerLimitHandlers: HandlerMap = {
	managementGetProviderLimits(_request, sim) {
		return { data: { sending_accounts: sendingAccounts(sim), shared_amazon_ses: sharedSes(sim) } };
	},

	managementRequestSendingAccountLimitIncrease(_request, sim) {
		if (sim.state.sendingAccountIncreaseRequestId !== null) throw conflict('A request for more sending accounts is already pending.');
		const id = publicId('trir');
		sim.state.sendingAccountIncreaseRequestId = id;
		return { data: { request_id: id, limit: sendingAccounts(sim) } };
	},

	managementGetSharedAmazonSesLimitRequest(_request, sim) {
		const pending = pendingSesRequest(sim);
		if (!pending) {
			throw new SimError(
				404,
				'not_found',
				'No shared Amazon SES limit request is pending. (Sendmux answers pending_request: null here, which its spec does not allow; the simulator answers 404 instead. Request an increase first.)',
			);
		}
		return { data: { limit: sharedSes(sim), pending_request: sesRequestRepresentation(pending) } };
	},

	managementCreateSharedAmazonSesLimitRequest(_request, sim) {
		if (pendingSesRequest(sim)) throw conflict('A shared Amazon SES limit request is already pending. Cancel it or wait for the decision.');
		const record: SesLimitRequestRecord = {
			id: publicId('slir'),
			createdAt: sim.clock.tick(),
			status: 'pending',
			currentDailyLimit: SHARED_SES_DAILY_LIMIT,
			currentDailySent: sentToday(sim),
			decidedAt: null,
		};
		sim.state.sesLimitRequests.insert(record);
		return { data: { request: sesRequestRepresentation(record), limit: sharedSes(sim) } };
	},

	managementCancelSharedAmazonSesLimitRequest(request, sim) {
		const record = found(sim.state.sesLimitRequests.get(request.pathParams.request_id), 'Shared Amazon SES limit request', 'request_id');
		if (record.status !== 'pending') throw new SimError(409, 'conflict', `The request is ${record.status}; only a pending request can be cancelled.`);
		record.status = 'cancelled';
		record.decidedAt = sim.clock.tick();
		return { data: { request: sesRequestRepresentation(record), limit: sharedSes(sim) } };
	},

	managementGetProviderStats(_request, sim) {
		const byStatus = { ...zero };
		for (const provider of sim.state.providers.values()) byStatus[provider.status]++;
		const total = sim.state.providers.size;
		return {
			data: { total, ...byStatus, by_type: { smtp: total, gmail_api: 0, outlook_api: 0, amazon_ses: 0 }, by_status: byStatus },
		};
	},

	managementGetProviderUsage(_request, sim) {
		const now = sim.clock.peek();
		const weekAgo = now - 7 * DAY_MS;
		const today = startOfDay(now);
		const providers = sim.state.providers.newestFirst().map((provider) => {
			const logs = sim.state.deliveryLogs.values().filter((log) => log.providerId === provider.id && log.createdAt >= weekAgo);
			const count = (status: string) => logs.filter((log) => log.status === status).length;
			return {
				provider_id: provider.id,
				sent_today: logs.filter((log) => log.createdAt >= today && log.status === 'sent').length,
				total_7d: logs.length,
				sent_7d: count('sent'),
				failed_7d: count('failed'),
				rejected_7d: count('rejected'),
				pending_7d: count('pending'),
			};
		});
		return { data: { window_days: 7, providers } };
	},
};
