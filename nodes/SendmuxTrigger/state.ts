import type { IDataObject, IHookFunctions, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the trigger keeps in the node's workflow static data. n8n saves static data only when
 * a top-level key of this object is assigned (mutating a nested value is not noticed), so
 * every change below assigns a whole top-level key.
 *
 * When n8n 2.41 saves it (read in its code, proved in test/e2e/trigger.e2e.test.ts):
 * - after activation (`checkExists`/`create`, also at start-up) and deactivation (`delete`);
 * - after a live delivery, only because `webhook()` answers the request itself and returns
 *   `noWebhookResponse`: n8n then saves before it starts the run. Had it returned the items
 *   for n8n to answer (`onReceived`), n8n would start the run first, which clears the
 *   "changed" mark, and nothing would be saved;
 * - never in test mode ("Listen for test event" starts from empty static data each time).
 */
interface TriggerState {
	/** Public ID of the subscription this node registered (whk_…). */
	subscriptionId?: string;
	/** Its signing secret: Sendmux shows it once, at creation (and at each rotation). */
	secret?: string;
	/** The webhook URL it was registered for (n8n's production or test URL). */
	url?: string;
	/** Event IDs already delivered to the workflow, oldest first, at most MAX_SEEN_EVENTS. */
	seenEventIds?: string[];
	/** When the last delivery that failed verification was checked with Sendmux (ms). */
	lastResyncCheckAt?: number;
}

/** Sendmux retries a delivery for 24 hours; a few thousand IDs cover that for most teams. */
export const MAX_SEEN_EVENTS = 2000;

type Context = IHookFunctions | IWebhookFunctions | ITriggerFunctions;

function data(ctx: Context): TriggerState & IDataObject {
	return ctx.getWorkflowStaticData('node') as TriggerState & IDataObject;
}

export function storedSubscription(ctx: Context): { id?: string; secret?: string; url?: string } {
	const state = data(ctx);
	return {
		id: typeof state.subscriptionId === 'string' ? state.subscriptionId : undefined,
		secret: typeof state.secret === 'string' ? state.secret : undefined,
		url: typeof state.url === 'string' ? state.url : undefined,
	};
}

export function storeSubscription(ctx: Context, id: string, secret: string, url: string): void {
	const state = data(ctx);
	state.subscriptionId = id;
	state.secret = secret;
	state.url = url;
}

/** Keeps the URL the stored subscription serves (for subscriptions stored before it was kept). */
export function storeUrl(ctx: Context, url: string): void {
	if (data(ctx).url !== url) data(ctx).url = url;
}

/** Forgets the subscription and its secret. */
export function forgetSubscription(ctx: Context): void {
	const state = data(ctx);
	delete state.subscriptionId;
	delete state.secret;
	// A new subscription starts a new event stream: old IDs only cost memory.
	delete state.seenEventIds;
}

export function hasSeenEvent(ctx: Context, eventId: string): boolean {
	const seen = data(ctx).seenEventIds;
	return Array.isArray(seen) && seen.includes(eventId);
}

/** Remembers an event ID, dropping the oldest beyond the bound; assigns the key anew. */
export function rememberEvent(ctx: Context, eventId: string): void {
	const state = data(ctx);
	const seen = Array.isArray(state.seenEventIds) ? state.seenEventIds : [];
	state.seenEventIds = [...seen.slice(-(MAX_SEEN_EVENTS - 1)), eventId];
}

export function lastResyncCheckAt(ctx: Context): number {
	const value = data(ctx).lastResyncCheckAt;
	return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function markResyncCheck(ctx: Context, at: number): void {
	data(ctx).lastResyncCheckAt = at;
}
