import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the trigger keeps in the node's workflow static data. n8n saves static data only when
 * a top-level key of this object is assigned (mutating a nested value is not noticed), so
 * every change below assigns a whole top-level key.
 */
interface TriggerState {
	/** Public ID of the subscription this node registered (whk_…). */
	subscriptionId?: string;
	/** Its signing secret: Sendmux shows it once, at creation. */
	secret?: string;
	/**
	 * Bumped each time a subscription is let go. It feeds the create Idempotency-Key, so a
	 * new subscription after a delete is not answered with the cached, deleted one.
	 */
	generation?: number;
	/** Event IDs already delivered to the workflow, oldest first, at most MAX_SEEN_EVENTS. */
	seenEventIds?: string[];
}

/** Sendmux retries a delivery for 24 hours; a few thousand IDs cover that for most teams. */
export const MAX_SEEN_EVENTS = 2000;

type Context = IHookFunctions | IWebhookFunctions;

function data(ctx: Context): TriggerState & IDataObject {
	return ctx.getWorkflowStaticData('node') as TriggerState & IDataObject;
}

export function storedSubscription(ctx: Context): { id?: string; secret?: string } {
	const state = data(ctx);
	return {
		id: typeof state.subscriptionId === 'string' ? state.subscriptionId : undefined,
		secret: typeof state.secret === 'string' ? state.secret : undefined,
	};
}

export function generation(ctx: Context): number {
	const value = data(ctx).generation;
	return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function storeSubscription(ctx: Context, id: string, secret: string): void {
	const state = data(ctx);
	state.subscriptionId = id;
	state.secret = secret;
}

/** Forgets the subscription and its secret, and moves to a fresh creation key. */
export function forgetSubscription(ctx: Context): void {
	const state = data(ctx);
	state.generation = generation(ctx) + 1;
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
