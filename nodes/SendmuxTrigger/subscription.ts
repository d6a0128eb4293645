import { randomUUID } from 'node:crypto';
import { NodeOperationError, type IDataObject, type IHookFunctions, type ITriggerFunctions } from 'n8n-workflow';

import { asNodeError } from '../Sendmux/shared/operation';
import { collectPages } from '../Sendmux/transport/pagination';
import { sendmuxRequest } from '../Sendmux/transport/request';
import { isEventType, type SendmuxEventType } from '../Sendmux/shared/events';
import { resolveMailboxScope } from './mailboxScope';
import { forgetSubscription, storedSubscription, storeSubscription, storeUrl } from './state';
import { unreachableReason } from './webhookUrl';

/** A subscription as the Management API returns it (WebhookSubscription). */
export interface RemoteSubscription {
	id: string;
	name: string | null;
	url: string;
	event_types: string[];
	filters: { mailbox_ids: string[] };
	enabled: boolean;
	failing: boolean;
}

/** What this node wants registered, from its parameters and n8n's webhook URL. */
export interface WantedSubscription {
	url: string;
	eventTypes: SendmuxEventType[];
	mailboxIds: string[];
}

const NAME_MAX_LENGTH = 255;

function webhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(ctx.getNode(), 'n8n did not give this trigger a webhook URL');
	}
	return url;
}

/** Refuses, before any request, a URL Sendmux could never deliver to. */
function assertReachable(ctx: IHookFunctions, url: string): void {
	const reason = unreachableReason(url);
	if (!reason) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Sendmux cannot deliver events to this n8n: its webhook URL ${url} is not a public https:// address (${reason})`,
		{
			description: [
				'Sendmux sends events only to public https:// URLs.',
				'Set the N8N_WEBHOOK_URL environment variable of n8n to the public https address n8n is reachable at (for example https://n8n.example.com/) and restart n8n.',
				'Running n8n on your own computer? Expose it through a tunnel (such as Cloudflare Tunnel or ngrok) and set N8N_WEBHOOK_URL to the tunnel’s https address.',
			].join('\n'),
		},
	);
}

/** The contexts that register, check and repair subscriptions. */
type LifecycleContext = IHookFunctions | ITriggerFunctions;

function selectedEvents(ctx: LifecycleContext): SendmuxEventType[] {
	const events = (ctx.getNodeParameter('events', []) as unknown[]).filter(isEventType);
	if (events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Events is empty: select at least one event to listen for', {
			description: 'Pick the events that should start this workflow, for example Message Received or Message Bounced.',
		});
	}
	return [...new Set(events)].sort();
}

export async function wantedSubscription(ctx: LifecycleContext, url: string): Promise<WantedSubscription> {
	return { url, eventTypes: selectedEvents(ctx), mailboxIds: await resolveMailboxScope(ctx) };
}

/** The subscription's label in the Sendmux app: the user's, or one naming this workflow. */
function subscriptionName(ctx: LifecycleContext): string {
	const given = String(ctx.getNodeParameter('subscriptionName', '') ?? '').trim();
	const workflowName = ctx.getWorkflow().name?.trim() || `workflow ${ctx.getWorkflow().id ?? ''}`.trim();
	const derived = `n8n: ${workflowName} (${ctx.getNode().name})${ctx.getMode() === 'manual' ? ' [test]' : ''}`;
	return (given || derived).slice(0, NAME_MAX_LENGTH);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
	const left = new Set(a);
	const right = new Set(b);
	return left.size === right.size && [...left].every((value) => right.has(value));
}

/** Why the stored subscription cannot serve this node as it is now, or undefined if it can. */
function replacementReason(
	remote: RemoteSubscription,
	wanted: WantedSubscription,
	hasSecret: boolean,
): string | undefined {
	if (!hasSecret) return 'has no signing secret stored in this workflow';
	if (remote.url !== wanted.url) return `points at ${remote.url} instead of ${wanted.url}`;
	if (!sameSet(remote.event_types, wanted.eventTypes)) {
		return `listens for ${remote.event_types.join(', ')} instead of ${wanted.eventTypes.join(', ')}`;
	}
	if (!sameSet(remote.filters?.mailbox_ids ?? [], wanted.mailboxIds)) return 'covers other mailboxes';
	if (remote.failing) return 'was marked failing by Sendmux after 24 hours of failed deliveries';
	return undefined;
}

export function statusOf(error: unknown): number | undefined {
	const status = (error as { context?: { sendmux?: { statusCode?: unknown } } }).context?.sendmux?.statusCode;
	return typeof status === 'number' ? status : undefined;
}

function codeOf(error: unknown): string | undefined {
	const code = (error as { context?: { sendmux?: { code?: unknown } } }).context?.sendmux?.code;
	return typeof code === 'string' ? code : undefined;
}

export function webhookPath(id: string): string {
	return `/webhooks/${encodeURIComponent(id)}`;
}

/** Deletes a subscription on Sendmux; one that is already gone counts as deleted. */
async function deleteRemote(ctx: LifecycleContext, id: string): Promise<void> {
	try {
		await sendmuxRequest.call(ctx, { surface: 'management', method: 'DELETE', path: webhookPath(id) });
	} catch (error) {
		if (statusOf(error) === 404) return;
		throw asNodeError(ctx.getNode(), error);
	}
}

/**
 * True only when the subscription stored for this node still exists on Sendmux with this
 * node's URL, events and mailboxes, and its secret is stored. n8n calls this at every start
 * for active workflows, so anything but a clear answer must throw: returning false on an
 * error would register a second subscription.
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	const stored = storedSubscription(this);
	if (!stored.id) return false;
	let remote: RemoteSubscription;
	try {
		const response = await sendmuxRequest.call(this, {
			surface: 'management',
			method: 'GET',
			path: webhookPath(stored.id),
		});
		remote = response.data as RemoteSubscription;
	} catch (error) {
		if (statusOf(error) === 404) {
			this.logger.info(
				`Sendmux Trigger "${this.getNode().name}": subscription ${stored.id} no longer exists on Sendmux; registering a new one`,
			);
			forgetSubscription(this);
			return false;
		}
		throw asNodeError(this.getNode(), error);
	}
	const wanted = await wantedSubscription(this, webhookUrl(this));
	const reason = replacementReason(remote, wanted, stored.secret !== undefined);
	if (reason === undefined) {
		storeUrl(this, wanted.url);
		if (!remote.enabled) {
			this.logger.warn(
				`Sendmux Trigger "${this.getNode().name}": subscription ${stored.id} is disabled in Sendmux, so no events arrive until it is enabled again`,
			);
		}
		return true;
	}
	this.logger.info(
		`Sendmux Trigger "${this.getNode().name}": subscription ${stored.id} ${reason}; replacing it`,
	);
	await deleteRemote(this, stored.id);
	forgetSubscription(this);
	return false;
}

/** Registers n8n's webhook URL with Sendmux and keeps the subscription ID and secret. */
export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrl(this);
	assertReachable(this, url);
	// Bad settings are reported before any request.
	const wanted = await wantedSubscription(this, url);
	await removeOrphans(this, url);
	const created = await registerSubscription(this, wanted);
	storeSubscription(this, created.id, created.secret, url);
	return true;
}

/**
 * Creates the subscription this node wants at `url`. The Idempotency-Key is new for every
 * call and the same for the transport's retries of it: a create whose answer was lost is
 * answered with the subscription it made, while the next listen or activation (after the
 * earlier subscription was deleted) really creates a new one. A key derived from the
 * node's settings would repeat across test listens, since n8n saves no static data in test
 * mode, and Sendmux would replay the first, already deleted, subscription for 24 hours.
 */
export async function registerSubscription(
	ctx: LifecycleContext,
	wanted: WantedSubscription,
): Promise<RemoteSubscription & { secret: string }> {
	const body: IDataObject = {
		url: wanted.url,
		event_types: wanted.eventTypes,
		name: subscriptionName(ctx),
		enabled: true,
		filters: { mailbox_ids: wanted.mailboxIds },
	};
	const node = ctx.getNode();
	let created: RemoteSubscription & { secret?: string };
	try {
		const response = await sendmuxRequest.call(ctx, {
			surface: 'management',
			method: 'POST',
			path: '/webhooks',
			body,
			idempotencyKey: `n8n-webhook-${randomUUID()}`,
		});
		created = response.data as RemoteSubscription & { secret?: string };
	} catch (error) {
		if (codeOf(error) === 'limit_exceeded') throw limitExceeded(ctx, error);
		throw asNodeError(node, error);
	}
	if (!created?.id || typeof created.secret !== 'string' || created.secret === '') {
		throw new NodeOperationError(node, 'Sendmux created the subscription but did not return its signing secret', {
			description: `Delete subscription ${created?.id ?? '(unknown)'} in the Sendmux app under Webhooks, then activate the workflow again.`,
		});
	}
	return { ...created, secret: created.secret };
}

/**
 * Subscriptions to this very URL that this node no longer knows the secret of (its static
 * data was lost, or saving it failed after a create). The URL holds this node's own webhook
 * ID, so they can only be this node's; they could never be verified, and would count
 * against the team's webhook limit. Deleting them first keeps one subscription per node.
 */
async function removeOrphans(ctx: IHookFunctions, url: string): Promise<void> {
	const existing = await collectPages<RemoteSubscription>(
		ctx,
		{ surface: 'management', method: 'GET', path: '/webhooks' },
		{ maxPageSize: 100 },
	);
	const orphans = existing.filter((subscription) => subscription.url === url);
	for (const orphan of orphans) {
		ctx.logger.info(
			`Sendmux Trigger "${ctx.getNode().name}": deleting subscription ${orphan.id}, registered earlier for this node without a stored secret`,
		);
		await deleteRemote(ctx, orphan.id);
	}
	if (orphans.length) forgetSubscription(ctx);
}

/** The team's webhook limit, explained in terms of n8n's test and production URLs. */
function limitExceeded(ctx: LifecycleContext, error: unknown): NodeOperationError {
	const testing = ctx.getMode() === 'manual';
	const original = (error as { description?: unknown }).description;
	return new NodeOperationError(
		ctx.getNode(),
		testing
			? "Sendmux's webhook limit for this team is reached, so n8n cannot register its test URL"
			: "Sendmux's webhook limit for this team is reached, so n8n cannot register this workflow's production URL",
		{
			description: [
				'Each Sendmux Trigger registers its own subscription: one for the production URL while the workflow is active, and another for the test URL while you listen for a test event. Free teams can have only one webhook, so the two compete.',
				testing
					? 'To test, deactivate this workflow (or another one using a Sendmux Trigger) first, or delete an unused webhook in the Sendmux app under Webhooks.'
					: 'Stop listening for test events in the editor, deactivate other workflows using a Sendmux Trigger, or delete an unused webhook in the Sendmux app under Webhooks. Upgrading the plan raises the limit.',
				typeof original === 'string' ? original : undefined,
			]
				.filter(Boolean)
				.join('\n'),
		},
	);
}

/** Deletes this node's subscription (already gone counts as deleted) and forgets its secret. */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	const { id } = storedSubscription(this);
	if (!id) return true;
	try {
		await deleteRemote(this, id);
	} catch (error) {
		// Keep the ID and secret: the next activation finds and reuses this subscription
		// instead of leaving it behind.
		this.logger.warn(
			`Sendmux Trigger "${this.getNode().name}": could not delete subscription ${id} (${(error as Error).message}); it stays registered and will be reused or removed next time`,
		);
		return false;
	}
	forgetSubscription(this);
	return true;
}
