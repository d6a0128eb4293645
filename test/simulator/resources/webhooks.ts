/** Webhook subscriptions, their delivery attempts and retained payloads. */
import type { HandlerMap, Sim, SimRequest } from '../context';
import { conflict, SimError, unprocessable } from '../errors';
import { etagOf, requireIfMatch } from '../etag';
import { publicId, randomToken } from '../ids';
import type { DeliveryAttemptRecord, WebhookRecord } from '../state';
import type { EventType } from '../types';
import { payloadSha256 } from '../webhookDelivery';
import { bodyOf, found, location, pageSize, text } from './common';

const PAYLOAD_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export function webhookRepresentation(webhook: WebhookRecord) {
	return {
		id: webhook.id,
		name: webhook.name,
		url: webhook.url,
		event_types: webhook.eventTypes,
		enabled: webhook.enabled,
		failing: webhook.failing,
		filters: { mailbox_ids: webhook.mailboxIds },
		created_at: new Date(webhook.createdAt).toISOString(),
		updated_at: new Date(webhook.updatedAt).toISOString(),
	};
}

const withSecret = (webhook: WebhookRecord) => ({ ...webhookRepresentation(webhook), secret: webhook.secret });

function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Sendmux delivers to https:// only; the test switch admits plain http on loopback. */
export function checkWebhookUrl(url: string, sim: Sim): void {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw unprocessable('url must be an absolute https:// URL.', 'url', 'invalid_string');
	}
	if (parsed.protocol === 'https:') return;
	if (parsed.protocol === 'http:' && sim.settings.allowLoopbackHttpWebhooks && isLoopback(parsed.hostname)) return;
	throw unprocessable('Webhook URLs must use https:// (plain http is rejected).', 'url', 'invalid_string');
}

const newSecret = () => `whsec_${randomToken(48)}`;

function webhookOf(request: SimRequest, sim: Sim): WebhookRecord {
	return found(sim.state.webhooks.get(request.pathParams.public_id), 'Webhook subscription', 'public_id');
}

function attemptRepresentation(attempt: DeliveryAttemptRecord) {
	return {
		id: attempt.id,
		event_id: attempt.payload.id,
		event_type: attempt.payload.type,
		delivery_attempt: attempt.attempt,
		max_attempts: attempt.maxAttempts,
		result: attempt.result,
		response_status: attempt.responseStatus,
		response_body: attempt.responseBody,
		response_ms: attempt.responseMs,
		error_message: attempt.errorMessage,
		next_retry_at: attempt.nextRetryAt === null ? null : new Date(attempt.nextRetryAt).toISOString(),
		payload_available: true,
		payload_expires_at: new Date(attempt.createdAt + PAYLOAD_RETENTION_MS).toISOString(),
		request_payload_bytes: Buffer.byteLength(attempt.rawBody),
		request_payload_sha256: payloadSha256(attempt.rawBody),
		created_at: new Date(attempt.createdAt).toISOString(),
	};
}

interface WebhookBody {
	url?: string;
	name?: string | null;
	enabled?: boolean;
	event_types?: EventType[];
	filters?: { mailbox_ids: string[] };
}

export const webhookHandlers: HandlerMap = {
	managementListWebhooks(request, sim) {
		const page = sim.state.webhooks.page({ cursor: text(request.query.cursor), limit: pageSize(request) });
		return { data: page.items.map(webhookRepresentation), pagination: page.pagination };
	},

	managementCreateWebhook(request, sim) {
		const body = bodyOf<Required<Pick<WebhookBody, 'url' | 'event_types'>> & WebhookBody>(request);
		checkWebhookUrl(body.url, sim);
		const limit = sim.settings.limits.webhooks;
		if (sim.state.webhooks.size >= limit) {
			throw new SimError(409, 'limit_exceeded', `This team may have at most ${limit} webhook subscription(s). Delete one, or upgrade the plan.`);
		}
		const now = sim.clock.tick();
		const webhook: WebhookRecord = {
			id: publicId('whk'),
			createdAt: now,
			updatedAt: now,
			url: body.url,
			name: body.name ?? null,
			enabled: body.enabled ?? true,
			eventTypes: [...new Set(body.event_types)],
			mailboxIds: body.filters?.mailbox_ids ?? [],
			failing: false,
			secret: newSecret(),
		};
		sim.state.webhooks.insert(webhook);
		return { status: 201, data: withSecret(webhook), headers: location(sim.baseUrls.app, `/webhooks/${webhook.id}`) };
	},

	managementGetWebhook(request, sim) {
		const representation = webhookRepresentation(webhookOf(request, sim));
		return { data: representation, etag: etagOf(representation) };
	},

	managementUpdateWebhook(request, sim) {
		const webhook = webhookOf(request, sim);
		requireIfMatch(request.headers['if-match'], etagOf(webhookRepresentation(webhook)));
		const body = bodyOf<WebhookBody>(request);
		if (body.url !== undefined) checkWebhookUrl(body.url, sim);
		if (body.url !== undefined) webhook.url = body.url;
		if (body.name !== undefined) webhook.name = body.name;
		if (body.enabled !== undefined) webhook.enabled = body.enabled;
		// "Reset by updating the subscription (e.g. fixing the URL) and re-enabling."
		if (body.enabled === true) webhook.failing = false;
		if (body.event_types !== undefined) webhook.eventTypes = [...new Set(body.event_types)];
		if (body.filters !== undefined) webhook.mailboxIds = body.filters.mailbox_ids;
		webhook.updatedAt = sim.clock.tick();
		const representation = webhookRepresentation(webhook);
		return { data: representation, etag: etagOf(representation) };
	},

	managementDeleteWebhook(request, sim) {
		const webhook = webhookOf(request, sim);
		sim.state.webhooks.remove(webhook.id);
		return { data: { id: webhook.id, deleted: true } };
	},

	managementRotateWebhookSecret(request, sim) {
		const webhook = webhookOf(request, sim);
		webhook.secret = newSecret();
		webhook.updatedAt = sim.clock.tick();
		return { data: withSecret(webhook) };
	},

	managementTestWebhook(request, sim) {
		const webhook = webhookOf(request, sim);
		if (!webhook.eventTypes.includes('sendmux.test')) {
			throw conflict('This subscription does not list "sendmux.test" in its event types; add it to receive test events.');
		}
		const payload = sim.events.publishTest(webhook);
		return { data: { event_id: payload.id } };
	},

	managementListDelivery(request, sim) {
		const webhook = webhookOf(request, sim);
		const eventType = text(request.query.event_type);
		const result = text(request.query.result);
		const page = sim.state.deliveryAttempts.page({
			cursor: text(request.query.cursor),
			limit: pageSize(request),
			filter: (a) =>
				a.webhookId === webhook.id &&
				(eventType === undefined || a.payload.type === eventType) &&
				(result === undefined || a.result === result),
		});
		return { data: page.items.map(attemptRepresentation), pagination: page.pagination };
	},

	managementGetDeliveryPayload(request, sim) {
		const webhook = webhookOf(request, sim);
		const attempt = sim.state.deliveryAttempts.get(request.pathParams.delivery_id);
		if (!attempt || attempt.webhookId !== webhook.id || attempt.createdAt + PAYLOAD_RETENTION_MS <= sim.clock.peek()) {
			throw new SimError(404, 'not_found', 'Delivery not found, or its payload is no longer retained.', { param: 'delivery_id' });
		}
		return {
			data: {
				id: attempt.id,
				event_id: attempt.payload.id,
				event_type: attempt.payload.type,
				delivery_attempt: attempt.attempt,
				created_at: new Date(attempt.createdAt).toISOString(),
				expires_at: new Date(attempt.createdAt + PAYLOAD_RETENTION_MS).toISOString(),
				payload: attempt.payload,
			},
		};
	},
};
