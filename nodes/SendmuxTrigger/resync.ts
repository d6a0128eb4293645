import { createHash, randomUUID } from 'node:crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { collectPages } from '../Sendmux/transport/pagination';
import { sendmuxRequest } from '../Sendmux/transport/request';
import { lastResyncCheckAt, markResyncCheck, storedSubscription, storeSubscription } from './state';
import { webhookPath, type RemoteSubscription } from './subscription';

/** At most one look-up in Sendmux's delivery log per node this often, whatever arrives. */
export const RESYNC_MIN_INTERVAL_MS = 10_000;

/** The fields of a WebhookDeliveryAttempt this check reads. */
interface DeliveryAttempt {
	event_id: string;
	request_payload_sha256: string;
}

/**
 * A delivery whose signature does not match the stored secret: was the secret rotated (with
 * Webhook → Rotate Secret, in the Sendmux app), or is this a replacement subscription whose
 * secret n8n could not keep? Sendmux's delivery log answers it without trusting the request:
 * if it lists an earlier attempt of this very event, to this node's URL, with exactly these
 * bytes (`request_payload_sha256`), the delivery is genuine. The trigger then rotates the
 * secret itself (the only way to learn a secret again), keeps the new one, and accepts.
 *
 * Only a retry can be proven (a first attempt is logged after it is answered), so the first
 * attempt after a rotation is refused with 401 and its retry is accepted. Checks are spaced
 * RESYNC_MIN_INTERVAL_MS apart, so forged requests cannot spend the team's rate limit.
 */
export async function confirmedBySendmux(
	ctx: IWebhookFunctions,
	rawBody: Buffer,
	event: { id: string; type: string },
	attempt: number,
): Promise<boolean> {
	if (ctx.getMode() === 'manual' || attempt < 2) return false;
	const now = Date.now();
	if (now - lastResyncCheckAt(ctx) < RESYNC_MIN_INTERVAL_MS) return false;
	markResyncCheck(ctx, now);

	const nodeName = ctx.getNode().name;
	const url = storedSubscription(ctx).url ?? ctx.getNodeWebhookUrl('default');
	if (!url) return false;
	const digest = createHash('sha256').update(rawBody).digest('hex');
	try {
		const subscriptions = (
			await collectPages<RemoteSubscription>(
				ctx,
				{ surface: 'management', method: 'GET', path: '/webhooks' },
				{ maxPageSize: 100 },
			)
		).filter((subscription) => subscription.url === url);
		for (const subscription of subscriptions) {
			const attempts = await sendmuxRequest.call(ctx, {
				surface: 'management',
				method: 'GET',
				path: `${webhookPath(subscription.id)}/deliveries`,
				qs: { limit: 100, event_type: event.type },
			});
			const logged = (attempts.data as DeliveryAttempt[]).some(
				(logEntry) => logEntry.event_id === event.id && logEntry.request_payload_sha256 === digest,
			);
			if (!logged) continue;
			const rotated = await sendmuxRequest.call(ctx, {
				surface: 'management',
				method: 'POST',
				path: `${webhookPath(subscription.id)}/rotate-secret`,
				idempotencyKey: `n8n-webhook-rotate-${randomUUID()}`,
			});
			const secret = (rotated.data as { secret?: unknown }).secret;
			if (typeof secret !== 'string' || secret === '') return false;
			storeSubscription(ctx, subscription.id, secret, url);
			ctx.logger.info(
				`Sendmux Trigger "${nodeName}": the signing secret of subscription ${subscription.id} had changed outside this trigger (rotated, or the subscription was replaced); Sendmux's delivery log confirmed event ${event.id}, so the trigger rotated the secret again and keeps the new one`,
			);
			return true;
		}
	} catch (error) {
		ctx.logger.warn(
			`Sendmux Trigger "${nodeName}": could not check a delivery with Sendmux (${(error as Error).message}); it was refused and Sendmux will retry it`,
		);
	}
	return false;
}
