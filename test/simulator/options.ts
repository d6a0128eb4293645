/** How a simulator is started, and the settings it keeps (some changeable at runtime). */
import type { FaultRule } from './faults';
import { SENDMUX_RATE_LIMITS, type RateLimit } from './rateLimit';
import type { WebhookTestNetwork } from './webhookTransport.mjs';

export interface SimulatorOptions {
	/** Port on 127.0.0.1; 0 (default) picks a free one. */
	port?: number;
	host?: string;
	/**
	 * Extra keys to accept, beside the seeded ones. Mailbox and send-only keys belong to the
	 * seeded mailbox / team.
	 */
	keys?: { root?: string[]; mailbox?: string[]; sendOnly?: string[] };
	/** Test-only: accept `http://` webhook URLs on loopback (127.0.0.1, localhost, ::1). */
	allowLoopbackHttpWebhooks?: boolean;
	/**
	 * Test-only: deliver webhooks to these host names at these addresses, trusting this extra
	 * CA (a receiver behind a local TLS proxy with a self-signed certificate). Fixed at start;
	 * `reset` keeps it.
	 */
	webhookTestNetwork?: WebhookTestNetwork;
	limits?: Partial<TeamLimits>;
	rateLimits?: { sending?: Partial<RateLimit>; app?: Partial<RateLimit> };
	faults?: FaultRule[];
	/** Seed for the fault injector's random share decisions. */
	faultSeed?: number;
	webhookDelivery?: Partial<WebhookDeliverySettings>;
	/** Delay between accepting a message and its delivery outcome (log update, events). */
	outcomeDelayMs?: number;
	/** Opening balance in USD (default "100.00"). */
	credits?: string;
	/** Price of one outbound message in USD (default "0.001"). */
	pricePerMessage?: string;
	/** Price of one inbound message in USD (default "0.0005"). */
	pricePerInbound?: string;
	/** Validate every response the simulator sends against the specs (default true). */
	selfCheck?: boolean;
	/** How many exchanges the request recorder keeps (oldest dropped first). */
	recordLimit?: number;
	idempotencyTtlMs?: number;
	/** Changes a mailbox keeps; an older sync state answers `sync_required`. */
	changeRetention?: number;
	/**
	 * Message summaries (list, `:batch-get`) leave out what the spec makes optional (the
	 * attachment list) and have no preview: clients must cope (default false).
	 */
	sparseMessageSummaries?: boolean;
	/** Largest JSON request body (bytes); Sendmux accepts 25 MB. */
	maxBodyBytes?: number;
	/** Largest uploaded attachment (bytes): the upload cap (`max_size_bytes`); default 18 MiB, the spec's example. */
	maxAttachmentBytes?: number;
	/** The live event stream (`GET /mailbox/events`): limits, defaults, time scale. */
	mailboxEvents?: Partial<MailboxEventSettings>;
	/** The clock; defaults to Date.now. */
	now?: () => number;
}

export interface TeamLimits {
	/** Webhook subscriptions per team; free teams get 1. */
	webhooks: number;
	/** Keys per mailbox. */
	mailboxKeys: number;
}

export interface WebhookDeliverySettings {
	/** Wait before each retry; attempts in all = delays + 1. */
	retryDelaysMs: number[];
	/** A receiver slower than this counts as failed. */
	timeoutMs: number;
}

export interface MailboxEventSettings {
	/** Open streams one mailbox may hold; one more is refused with 429 `Too many realtime connections`. */
	maxStreamsPerMailbox: number;
	/** Keep-alive comment interval (s) when the client sends no `ping` (the spec is silent; 30 s). */
	defaultPingSeconds: number;
	/** The `retry:` hint (ms) every stream opens with. */
	retryMs: number;
	/**
	 * Real milliseconds per stream second (`ping`, `close_after`); default 1000. Tests shrink it
	 * to watch a 10 s ping in 100 ms without bending the spec's parameter ranges.
	 */
	msPerSecond: number;
}

export const DEFAULT_MAILBOX_EVENTS: MailboxEventSettings = {
	maxStreamsPerMailbox: 5,
	defaultPingSeconds: 30,
	retryMs: 3_000,
	msPerSecond: 1_000,
};

export interface SimulatorSettings {
	allowLoopbackHttpWebhooks: boolean;
	limits: TeamLimits;
	webhookDelivery: WebhookDeliverySettings;
	outcomeDelayMs: number;
	pricePerMessageMicros: number;
	pricePerInboundMicros: number;
	selfCheck: boolean;
	changeRetention: number;
	sparseMessageSummaries: boolean;
	maxBodyBytes: number;
	maxAttachmentBytes: number;
	mailboxEvents: MailboxEventSettings;
}

export const DEFAULT_LIMITS: TeamLimits = { webhooks: 1, mailboxKeys: 10 };

/** Sendmux retries for 24 h; the simulator's default schedule is short so tests can watch it. */
export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliverySettings = {
	retryDelaysMs: [1_000, 5_000, 30_000, 120_000],
	timeoutMs: 10_000,
};

export function rateLimitsFrom(options: SimulatorOptions) {
	return {
		sending: { ...SENDMUX_RATE_LIMITS.sending, ...options.rateLimits?.sending },
		app: { ...SENDMUX_RATE_LIMITS.app, ...options.rateLimits?.app },
	};
}
