import type { CronExpression, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';

import { asNodeError } from '../Sendmux/shared/operation';
import { collectPages } from '../Sendmux/transport/pagination';
import { sendmuxRequest } from '../Sendmux/transport/request';
import { storedSubscription } from './state';
import { registerSubscription, wantedSubscription, webhookPath, type RemoteSubscription } from './subscription';

/**
 * How often an active trigger checks its subscription, in seconds. n8n 2.41 (with its default
 * workflow publication service) calls no webhook method while a workflow stays active, so a
 * subscription deleted in the Sendmux app, or marked failing by Sendmux, would otherwise stay
 * broken until the workflow is deactivated and activated again.
 */
export const CHECK_INTERVAL_SECONDS = 300;

/** The hidden parameter that shortens the interval for the end-to-end suite (not in the editor). */
export const CHECK_INTERVAL_PARAMETER = 'subscriptionCheckSeconds';

/** A cron expression (with seconds) firing every `seconds`, rounded to what cron can say. */
export function checkSchedule(seconds: number): CronExpression {
	const whole = Number.isFinite(seconds) ? Math.round(seconds) : CHECK_INTERVAL_SECONDS;
	if (whole < 60) return `*/${Math.max(1, whole)} * * * * *` as CronExpression;
	const minutes = Math.min(59, Math.max(1, Math.round(whole / 60)));
	return `0 */${minutes} * * * *` as CronExpression;
}

/**
 * n8n calls `trigger()` whenever it starts the workflow's in-memory triggers: at activation and
 * at every start of n8n (with the publication service, at start-up it also re-runs this node's
 * `checkExists`/`create` because the node has an in-memory part). It schedules the periodic
 * check; the webhook lifecycle stays with `webhookMethods`.
 */
export async function startSupervision(this: ITriggerFunctions): Promise<ITriggerResponse> {
	// Test listens run through the webhook methods only.
	if (this.getMode() === 'manual') return {};
	const seconds = Number(this.getNodeParameter(CHECK_INTERVAL_PARAMETER, CHECK_INTERVAL_SECONDS));
	registerCheck(this, checkSchedule(seconds), () => {
		void superviseSubscription.call(this);
	});
	return {};
}

/**
 * n8n 2.x's `registerCron` takes `{ expression }`; n8n 1.x up to at least 1.85 takes the bare
 * expression and hands it to `cron`'s CronJob, which throws a TypeError on the object before
 * anything is scheduled. So: the current shape first, the old one when n8n cannot take it.
 */
function registerCheck(ctx: ITriggerFunctions, expression: CronExpression, onTick: () => void): void {
	try {
		ctx.helpers.registerCron({ expression }, onTick);
		return;
	} catch (error) {
		if (!(error instanceof TypeError)) throw asNodeError(ctx.getNode(), error);
	}
	const registerBare = ctx.helpers.registerCron as unknown as (expression: CronExpression, onTick: () => void) => void;
	registerBare.call(ctx.helpers, expression, onTick);
}

/**
 * One check: is there still a working subscription for this node's URL? A failing one is
 * re-enabled (same ID and secret: Sendmux resets `failing` when a subscription is updated and
 * enabled); a missing one is registered again. One the user disabled is left alone. Never
 * throws: a failed check is logged and tried again at the next tick.
 *
 * The check writes nothing into static data: n8n does not save it after a tick. The secret of
 * a replacement is therefore not kept here; its first retried delivery proves itself through
 * Sendmux's delivery log and the trigger then adopts it (see resync.ts).
 */
export async function superviseSubscription(this: ITriggerFunctions): Promise<void> {
	const nodeName = this.getNode().name;
	const { url, id } = storedSubscription(this);
	if (!url) {
		this.logger.debug(`Sendmux Trigger "${nodeName}": no webhook URL stored yet; subscription check skipped`);
		return;
	}
	try {
		const all = await collectPages<RemoteSubscription>(
			this,
			{ surface: 'management', method: 'GET', path: '/webhooks' },
			{ maxPageSize: 100 },
		);
		const ours = all.filter((subscription) => subscription.url === url);
		if (ours.some((subscription) => subscription.enabled && !subscription.failing)) return;
		const failing = ours.find((subscription) => subscription.failing);
		if (failing) {
			await sendmuxRequest.call(this, {
				surface: 'management',
				method: 'PATCH',
				path: webhookPath(failing.id),
				body: { url, enabled: true },
				repeatable: true,
			});
			this.logger.info(
				`Sendmux Trigger "${nodeName}": subscription ${failing.id} was marked failing by Sendmux; updated and enabled it again`,
			);
			return;
		}
		const disabled = ours.find((subscription) => !subscription.enabled);
		if (disabled) {
			this.logger.warn(
				`Sendmux Trigger "${nodeName}": subscription ${disabled.id} is disabled in Sendmux, so no events arrive until it is enabled again`,
			);
			return;
		}
		const created = await registerSubscription(this, await wantedSubscription(this, url));
		this.logger.info(
			`Sendmux Trigger "${nodeName}": subscription ${id ?? '(none)'} no longer exists on Sendmux; registered ${created.id} in its place`,
		);
	} catch (error) {
		this.logger.warn(
			`Sendmux Trigger "${nodeName}": could not check its Sendmux subscription (${(error as Error).message}); trying again at the next check`,
		);
	}
}
