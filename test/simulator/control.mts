/**
 * The simulator's control surface: in-process (`simulator.control`) and over HTTP under
 * `/__control/*` (JSON, no authentication, loopback only). Tests and scripts use it to
 * inspect what happened and to steer what happens next.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { seedDeliveryLogs, type SeedLogsOptions } from './bulk';
import type { EventBus } from './events';
import type { FaultInjector, FaultRule } from './faults';
import { readBody, sendJson } from './http.mjs';
import type { InboundMessage, MailFlow } from './mail';
import type { MailboxEventStreams, StreamStats } from './mailboxApi/realtime';
import type { SimulatorSettings } from './options';
import type { RateLimiter, RateLimit } from './rateLimit';
import type { Recorder, RecordedExchange, RequestFilter } from './recorder';
import type { Scheduler } from './scheduler.mjs';
import { SEEDED, type SeededKeys } from './seed';
import type { AcceptedMessage, DeliveryAttemptRecord, SimState } from './state';
import { EVENT_TYPES, type EventType, type WebhookEventData, type WebhookEventPayload } from './types';
import type { WebhookDispatcher } from './webhookDelivery';

export interface ControlDeps {
	state: SimState;
	dispatcher: WebhookDispatcher;
	settings: SimulatorSettings;
	faults: FaultInjector;
	limiter: RateLimiter;
	recorder: Recorder;
	events: EventBus;
	mail: MailFlow;
	streams: MailboxEventStreams;
	scheduler: Scheduler;
	violations: string[];
	now: () => number;
	reset: () => void;
}

/** A delivery attempt as tests read it: what was sent, and what came back. */
export interface DeliveryView {
	id: string;
	webhookId: string;
	eventId: string;
	eventType: EventType;
	attempt: number;
	result: DeliveryAttemptRecord['result'];
	responseStatus: number | null;
	errorMessage: string | null;
	headers: Record<string, string>;
	rawBody: string;
	at: number;
}

export type SettingsPatch = Partial<Pick<SimulatorSettings, 'allowLoopbackHttpWebhooks' | 'outcomeDelayMs' | 'selfCheck' | 'changeRetention' | 'sparseMessageSummaries'>> & {
	limits?: Partial<SimulatorSettings['limits']>;
	mailboxEvents?: Partial<SimulatorSettings['mailboxEvents']>;
	webhookDelivery?: Partial<SimulatorSettings['webhookDelivery']>;
};

export class SimulatorControl {
	readonly keys: SeededKeys = { ...SEEDED.keys };
	readonly seeded = { teamId: SEEDED.teamId, domainId: SEEDED.domainId, domain: SEEDED.domain, mailboxId: SEEDED.mailboxId, mailboxEmail: SEEDED.mailboxEmail };

	constructor(private readonly deps: ControlDeps) {}

	/** Recorded exchanges (oldest first), optionally filtered. */
	requests(filter?: RequestFilter): RecordedExchange[] {
		return this.deps.recorder.list(filter);
	}

	clearRequests(): void {
		this.deps.recorder.clear();
	}

	/** Outbound messages the APIs accepted: one per message, however often a request was retried. */
	acceptedMessages(filter: { idempotencyKey?: string } = {}): AcceptedMessage[] {
		return this.deps.state.accepted.filter((m) => filter.idempotencyKey === undefined || m.idempotencyKey === filter.idempotencyKey);
	}

	events(): WebhookEventPayload[] {
		return [...this.deps.events.published];
	}

	webhookDeliveries(): DeliveryView[] {
		return this.deps.state.deliveryAttempts.values().map((a) => ({
			id: a.id,
			webhookId: a.webhookId,
			eventId: a.payload.id,
			eventType: a.payload.type,
			attempt: a.attempt,
			result: a.result,
			responseStatus: a.responseStatus,
			errorMessage: a.errorMessage,
			headers: a.headers,
			rawBody: a.rawBody,
			at: a.createdAt,
		}));
	}

	faults(): FaultRule[] {
		return this.deps.faults.list();
	}

	setFaults(rules: FaultRule[]): void {
		this.deps.faults.set(rules);
	}

	addFault(rule: FaultRule): void {
		this.deps.faults.add(rule);
	}

	clearFaults(): void {
		this.deps.faults.clear();
	}

	rateLimits(): { sending: RateLimit; app: RateLimit } {
		return { ...this.deps.limiter.limits };
	}

	/** New limits start fresh windows. */
	setRateLimits(limits: { sending?: Partial<RateLimit>; app?: Partial<RateLimit> }): void {
		const current = this.deps.limiter.limits;
		this.deps.limiter.limits = {
			sending: { ...current.sending, ...limits.sending },
			app: { ...current.app, ...limits.app },
		};
		this.deps.limiter.reset();
	}

	settings(): SimulatorSettings {
		return structuredClone(this.deps.settings);
	}

	configure(patch: SettingsPatch): void {
		const { limits, webhookDelivery, mailboxEvents, ...rest } = patch;
		Object.assign(this.deps.settings, rest);
		Object.assign(this.deps.settings.limits, limits);
		Object.assign(this.deps.settings.mailboxEvents, mailboxEvents);
		Object.assign(this.deps.settings.webhookDelivery, webhookDelivery);
	}

	/** Mail arriving in a simulated mailbox (by ID or address); emits `message.received`. */
	injectInbound(message: InboundMessage): { id: string; threadId: string; messageId: string } {
		const stored = this.deps.mail.injectInbound(message);
		return { id: stored.id, threadId: stored.threadId, messageId: stored.rfcMessageId };
	}

	/** Open `GET /mailbox/events` streams (total, per mailbox, stalled) and what happened to streams so far. */
	mailboxEvents(): StreamStats {
		return this.deps.streams.stats();
	}

	/** Cuts every open event stream now, without an end, as a network fault would. Returns how many. */
	dropMailboxEvents(): number {
		return this.deps.streams.drop();
	}

	/** Every open event stream goes silent (no events, no pings) but stays open. Returns how many. */
	stallMailboxEvents(): number {
		return this.deps.streams.stall();
	}

	/** New event streams are refused with 503 or 429 for `forMs` (open ones carry on). */
	refuseMailboxEvents(status: 429 | 503, forMs: number, retryAfterSeconds = 1): void {
		if (status !== 429 && status !== 503) throw new Error('refuse takes status 429 or 503');
		this.deps.streams.refuse(status, forMs, retryAfterSeconds);
	}

	/** Publishes an event of any type to the subscriptions that want it. */
	publishEvent(type: EventType, data: Partial<WebhookEventData> = {}): WebhookEventPayload {
		if (!EVENT_TYPES.includes(type)) throw new Error(`Unknown event type "${type}"`);
		return this.deps.events.publish(type, data);
	}

	/**
	 * Sends an event that was delivered before once more to every subscription that got it,
	 * byte for byte, as its next attempt (Sendmux does so when it missed the receiver's 2xx).
	 */
	redeliver(eventId: string): { webhookId: string; attempt: number }[] {
		const last = new Map<string, DeliveryAttemptRecord>();
		for (const attempt of this.deps.state.deliveryAttempts.values()) {
			if (attempt.payload.id !== eventId) continue;
			const previous = last.get(attempt.webhookId);
			if (!previous || previous.attempt < attempt.attempt) last.set(attempt.webhookId, attempt);
		}
		if (last.size === 0) throw new Error(`Event ${eventId} was never delivered`);
		return [...last.values()].map((previous) => {
			this.deps.dispatcher.redeliver(previous.webhookId, previous.payload, previous.rawBody, previous.attempt + 1);
			return { webhookId: previous.webhookId, attempt: previous.attempt + 1 };
		});
	}

	/** A subscription's current signing secret (tests sign requests with old and new ones). */
	webhookSecret(webhookId: string): string {
		const webhook = this.deps.state.webhooks.get(webhookId);
		if (!webhook) throw new Error(`No webhook subscription ${webhookId}`);
		return webhook.secret;
	}

	/** Marks a subscription failing, as Sendmux does after 24 hours of failed deliveries. */
	markFailing(webhookId: string): void {
		const webhook = this.deps.state.webhooks.get(webhookId);
		if (!webhook) throw new Error(`No webhook subscription ${webhookId}`);
		webhook.failing = true;
	}

	seedDeliveryLogs(count: number, options?: SeedLogsOptions): { newestId?: string; oldestId?: string } {
		return seedDeliveryLogs(this.deps.state, this.deps.now(), count, options);
	}

	/** Responses that broke the specs (self-check); empty when all were valid. */
	contractViolations(): string[] {
		return [...this.deps.violations];
	}

	/** Waits until delivery outcomes and webhook deliveries (with their retries) are done. */
	async settle(): Promise<void> {
		await this.deps.scheduler.idle();
	}

	/** Back to the seeded state: data, keys, faults, rate windows, recordings. */
	reset(): void {
		this.deps.reset();
	}
}

/** `/__control/*` over HTTP. */
export async function handleControl(control: SimulatorControl, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
	const route = `${request.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '')}`;
	const raw = await readBody(request, 50 * 1024 * 1024);
	let body: unknown = undefined;
	try {
		body = raw.length ? (JSON.parse(raw.toString('utf8')) as unknown) : {};
	} catch {
		sendJson(response, 400, { ok: false, error: 'The control API takes JSON bodies.' });
		return;
	}
	const input = (body ?? {}) as Record<string, unknown>;
	const ok = (data: unknown = null) => sendJson(response, 200, { ok: true, data });
	try {
		switch (route) {
			case 'GET /__control':
				return ok({ keys: control.keys, seeded: control.seeded, routes: CONTROL_ROUTES });
			case 'GET /__control/requests': {
				const status = url.searchParams.get('status');
				return ok(
					control.requests({
						operationId: url.searchParams.get('operationId') ?? undefined,
						method: url.searchParams.get('method') ?? undefined,
						path: url.searchParams.get('path') ?? undefined,
						status: status === null ? undefined : Number(status),
						idempotencyKey: url.searchParams.get('idempotencyKey') ?? undefined,
					}),
				);
			}
			case 'DELETE /__control/requests':
				return ok(control.clearRequests());
			case 'GET /__control/messages':
				return ok(control.acceptedMessages({ idempotencyKey: url.searchParams.get('idempotencyKey') ?? undefined }));
			case 'GET /__control/events':
				return ok(control.events());
			case 'POST /__control/events':
				return ok(control.publishEvent(input.type as EventType, (input.data ?? {}) as Partial<WebhookEventData>));
			case 'GET /__control/webhook-deliveries':
				return ok(control.webhookDeliveries());
			case 'POST /__control/redeliver':
				return ok(control.redeliver(String(input.eventId ?? '')));
			case 'POST /__control/webhook-secret':
				return ok(control.webhookSecret(String(input.webhookId ?? '')));
			case 'POST /__control/mark-failing':
				control.markFailing(String(input.webhookId ?? ''));
				return ok();
			case 'GET /__control/faults':
				return ok(control.faults());
			case 'PUT /__control/faults':
				control.setFaults((input.rules ?? []) as FaultRule[]);
				return ok(control.faults());
			case 'POST /__control/faults':
				control.addFault(input as unknown as FaultRule);
				return ok(control.faults());
			case 'DELETE /__control/faults':
				control.clearFaults();
				return ok(control.faults());
			case 'GET /__control/rate-limits':
				return ok(control.rateLimits());
			case 'PUT /__control/rate-limits':
				control.setRateLimits(input as { sending?: Partial<RateLimit>; app?: Partial<RateLimit> });
				return ok(control.rateLimits());
			case 'GET /__control/settings':
				return ok(control.settings());
			case 'PATCH /__control/settings':
				control.configure(input as SettingsPatch);
				return ok(control.settings());
			case 'GET /__control/mailbox-events':
				return ok(control.mailboxEvents());
			case 'POST /__control/mailbox-events/drop':
				return ok({ dropped: control.dropMailboxEvents() });
			case 'POST /__control/mailbox-events/stall':
				return ok({ stalled: control.stallMailboxEvents() });
			case 'POST /__control/mailbox-events/refuse':
				control.refuseMailboxEvents(Number(input.status ?? 503) as 429 | 503, Number(input.forMs ?? 0), input.retryAfterSeconds === undefined ? undefined : Number(input.retryAfterSeconds));
				return ok(control.mailboxEvents());
			case 'POST /__control/inbound':
				return ok(control.injectInbound(input as unknown as InboundMessage));
			case 'POST /__control/delivery-logs':
				return ok(control.seedDeliveryLogs(Number(input.count ?? 0), input as SeedLogsOptions));
			case 'GET /__control/violations':
				return ok(control.contractViolations());
			case 'POST /__control/settle':
				await control.settle();
				return ok();
			case 'POST /__control/reset':
				control.reset();
				return ok();
			default:
				sendJson(response, 404, { ok: false, error: `No control route ${route}`, routes: CONTROL_ROUTES });
		}
	} catch (error) {
		sendJson(response, 400, { ok: false, error: error instanceof Error ? error.message : String(error) });
	}
}

const CONTROL_ROUTES = [
	'GET /__control',
	'GET|DELETE /__control/requests',
	'GET /__control/messages',
	'GET|POST /__control/events',
	'GET /__control/webhook-deliveries',
	'POST /__control/redeliver',
	'POST /__control/mark-failing',
	'POST /__control/webhook-secret',
	'GET|PUT|POST|DELETE /__control/faults',
	'GET|PUT /__control/rate-limits',
	'GET|PATCH /__control/settings',
	'POST /__control/inbound',
	'GET /__control/mailbox-events',
	'POST /__control/mailbox-events/drop',
	'POST /__control/mailbox-events/stall',
	'POST /__control/mailbox-events/refuse',
	'POST /__control/delivery-logs',
	'GET /__control/violations',
	'POST /__control/settle',
	'POST /__control/reset',
];
