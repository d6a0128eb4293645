/**
 * Delivers events to subscribers as Sendmux does: a JSON POST signed over its raw bytes,
 * with the four X-Sendmux-* headers; non-2xx answers, errors and timeouts are retried on a
 * schedule (short by default, configurable); when the schedule runs out the subscription is
 * marked `failing`. Every attempt is kept for the deliveries endpoints.
 */
import { createHash } from 'node:crypto';

import type { SimClock } from './clock';
import { publicId } from './ids';
import type { Scheduler } from './scheduler.mjs';
import type { WebhookDeliverySettings } from './options';
import { sendmuxSignature } from './signing';
import type { DeliveryAttemptRecord, SimState, WebhookRecord } from './state';
import type { WebhookEventPayload } from './types';
import { fetchPost, type WebhookPost } from './webhookTransport.mjs';

const RESPONSE_BODY_LIMIT = 1024;

export class WebhookDispatcher {
	constructor(
		private readonly state: SimState,
		private readonly clock: SimClock,
		private readonly settings: () => WebhookDeliverySettings,
		private readonly scheduler: Scheduler,
		private readonly post: WebhookPost = fetchPost,
	) {}

	/** Sends `payload` to `webhook` now, retrying as configured. */
	deliver(webhook: WebhookRecord, payload: WebhookEventPayload): void {
		const rawBody = JSON.stringify(payload);
		this.scheduler.run(() => this.attempt(webhook.id, payload, rawBody, 1));
	}

	/**
	 * Sends an event again, byte for byte, as the next attempt: what Sendmux does when it did
	 * not see the receiver's 2xx (a timeout, a dropped connection) although the receiver got it.
	 */
	redeliver(webhookId: string, payload: WebhookEventPayload, rawBody: string, attempt: number): void {
		this.scheduler.run(() => this.attempt(webhookId, payload, rawBody, attempt));
	}

	private async attempt(webhookId: string, payload: WebhookEventPayload, rawBody: string, attempt: number): Promise<void> {
		const webhook = this.state.webhooks.get(webhookId);
		// Deleting (or disabling) a subscription drops its in-flight retries; a failing one
		// receives nothing until it is updated and enabled again.
		if (!webhook || !webhook.enabled || webhook.failing) return;
		const { retryDelaysMs, timeoutMs } = this.settings();
		const maxAttempts = Math.max(retryDelaysMs.length + 1, attempt);
		const headers: Record<string, string> = {
			'Content-Type': 'application/json',
			'User-Agent': 'Sendmux-Webhooks/1.0 (simulator)',
			'X-Sendmux-Signature': sendmuxSignature(webhook.secret, rawBody),
			'X-Sendmux-Event-Id': payload.id,
			'X-Sendmux-Event-Type': payload.type,
			'X-Sendmux-Delivery-Attempt': String(attempt),
		};
		const started = Date.now();
		let responseStatus: number | null = null;
		let responseBody: string | null = null;
		let errorMessage: string | null = null;
		try {
			const response = await this.post(webhook.url, headers, rawBody, timeoutMs);
			responseStatus = response.status;
			responseBody = response.body.slice(0, RESPONSE_BODY_LIMIT);
		} catch (error) {
			errorMessage = describeFailure(error, timeoutMs);
		}
		const succeeded = responseStatus !== null && responseStatus >= 200 && responseStatus < 300;
		if (responseStatus !== null && !succeeded) errorMessage = `Receiver answered HTTP ${responseStatus}`;
		const retryIn = !succeeded && attempt < retryDelaysMs.length + 1 ? retryDelaysMs[attempt - 1] : undefined;
		const createdAt = this.clock.tick();
		const record: DeliveryAttemptRecord = {
			id: publicId('whda'),
			createdAt,
			webhookId,
			payload,
			rawBody,
			attempt,
			maxAttempts,
			result: succeeded ? 'success' : retryIn !== undefined ? 'retrying' : 'failed',
			responseStatus,
			responseBody,
			responseMs: Date.now() - started,
			errorMessage,
			nextRetryAt: retryIn !== undefined ? createdAt + retryIn : null,
			headers,
		};
		this.state.deliveryAttempts.insert(record);
		const current = this.state.webhooks.get(webhookId);
		if (!current) return;
		if (!succeeded && retryIn === undefined) current.failing = true;
		if (retryIn !== undefined) {
			this.scheduler.later(retryIn, () => this.attempt(webhookId, payload, rawBody, attempt + 1));
		}
	}
}

function describeFailure(error: unknown, timeoutMs: number): string {
	if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
		return `No answer within ${timeoutMs} ms`;
	}
	const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
	return cause?.code ? `Connection failed (${cause.code})` : error instanceof Error ? error.message : String(error);
}

export function payloadSha256(rawBody: string): string {
	return createHash('sha256').update(rawBody).digest('hex');
}
