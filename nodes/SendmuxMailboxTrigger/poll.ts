import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import type { MailboxMessageSummary } from '../Sendmux/actions/mailboxShared/types';
import { paginate } from '../Sendmux/transport/pagination';
import type { MailboxTriggerContext } from './context';
import { changesSince, currentState } from './changeFeed';
import { continueListing } from './listing';
import { restartLookbackStart } from './lookback';
import {
	commitPosition,
	readPosition,
	RESYNC_OVERLAP_MS,
	timeOf,
	writePosition,
	type ListingMark,
	type MailboxPosition,
} from './position';
import { oldestFirst, selectMessages, toOutputItem, type Selection } from './reading';
import { folderRoles, isWanted } from './selection';
import { readSettings, type TriggerSettings } from './settings';

/** Message IDs one poll looks at, at most: five `:batch-get` calls. */
const LOOK_AT_MOST = 500;

/** Change-feed or listing calls one poll makes, at most (the rest waits for the next poll). */
const MAX_FEED_CALLS = 20;

/** How far back "Fetch Test Event" looks for a matching message. */
const TEST_EVENT_SCAN = 500;

/** Activations where the workflow was already active before: n8n started, or took over as leader. */
const ALREADY_ACTIVE: WorkflowActivateMode[] = ['init', 'leadershipChange'];

function note(ctx: MailboxTriggerContext, text: string): string {
	return `Sendmux Mailbox Trigger "${ctx.getNode().name}": ${text}`;
}

/**
 * The position to poll from. Without a stored one (first activation, another mailbox) the
 * current state is recorded and nothing is emitted, unless a backfill was asked for or n8n
 * restarted before the trigger ever emitted (then it looks back; see restartLookbackStart).
 */
export async function startingPosition(
	ctx: MailboxTriggerContext,
	settings: TriggerSettings,
	staticData: IDataObject,
): Promise<MailboxPosition | undefined> {
	const stored = readPosition(staticData, settings.scope);
	if (stored.kind === 'found') return stored.position;
	if (stored.kind === 'otherMailbox') {
		ctx.logger.info(note(ctx, 'the watched mailbox changed; starting from its current state'));
	}
	if (stored.kind === 'unreadable') {
		ctx.logger.warn(note(ctx, 'the stored mailbox position is unreadable; starting from the current state'));
	}
	const nowMs = Date.now();
	const position: MailboxPosition = {
		version: 2,
		scope: settings.scope,
		state: await currentState(ctx, settings.mailbox),
		queue: [],
		listing: null,
		anchor: new Date(nowMs).toISOString(),
		emitted: [],
	};
	if (settings.includeExistingSince) {
		position.listing = { from: settings.includeExistingSince, doneAtFrom: [] };
		ctx.logger.info(note(ctx, `including messages received since ${settings.includeExistingSince}`));
	} else if (stored.kind === 'none' && ALREADY_ACTIVE.includes(ctx.getActivationMode())) {
		const from = restartLookbackStart(nowMs, ctx.getNodeParameter('pollTimes', {}));
		position.listing = { from, doneAtFrom: [] };
		ctx.logger.info(
			note(
				ctx,
				`no saved position although the workflow was already active (n8n saves it only when a poll emits); looking for mail received since ${from}`,
			),
		);
	}
	if (position.listing !== null) return position;
	writePosition(staticData, position);
	ctx.logger.info(note(ctx, 'recorded the mailbox state; mail arriving from now on starts the workflow'));
	return undefined;
}

/**
 * Records where the trigger starts (version 2's activation): the stored position, or a new
 * one, written so that n8n saves it when `trigger()` returns.
 */
export async function recordStartingPosition(ctx: MailboxTriggerContext, settings: TriggerSettings): Promise<void> {
	const staticData = ctx.getWorkflowStaticData('node');
	const position = await startingPosition(ctx, settings, staticData);
	if (position && readPosition(staticData, settings.scope).kind !== 'found') writePosition(staticData, position);
}

interface Gathered {
	/** Message IDs to look at, oldest first: the queue, then listed, then new in the feed. */
	ids: string[];
	state: string;
	listing: ListingMark | null;
}

/**
 * The IDs this poll looks at, and the position they bring the feed to. `announced` are IDs the
 * event stream named: looked at right away, before the change feed lists them (it lists them
 * too, later; `emitted` then keeps them to one item).
 */
async function gather(
	ctx: MailboxTriggerContext,
	settings: TriggerSettings,
	position: MailboxPosition,
	announced: string[],
): Promise<Gathered> {
	const emitted = new Set(position.emitted.map(([id]) => id));
	const seen = new Set<string>();
	const ids: string[] = [];
	const add = (id: string) => {
		if (emitted.has(id) || seen.has(id)) return;
		seen.add(id);
		ids.push(id);
	};
	position.queue.forEach(add);
	announced.forEach(add);
	let { state, listing } = position;
	let resynced = false;
	for (let call = 0; ids.length < LOOK_AT_MOST && call < MAX_FEED_CALLS; call++) {
		if (listing !== null) {
			// Taken before listing: if the listing ends in this poll, the feed resumes here. A message
			// arriving meanwhile is then both listed and in the feed, and `seen` (or, once emitted,
			// `emitted`) keeps it to one item.
			const handoff = await currentState(ctx, settings.mailbox);
			const step = await continueListing(
				ctx,
				settings.mailbox,
				listing,
				LOOK_AT_MOST - ids.length,
				MAX_FEED_CALLS - call,
				(id) => emitted.has(id) || seen.has(id),
			);
			step.ids.forEach(add);
			call += Math.max(step.calls - 1, 0);
			listing = step.mark;
			if (listing !== null) break;
			state = handoff;
			continue;
		}
		const page = await changesSince(ctx, settings.mailbox, state);
		if (page.expired) {
			if (resynced) {
				throw new NodeOperationError(ctx.getNode(), 'Sendmux refused the mailbox state it had just returned', {
					description: 'The trigger will try again at the next check. If this repeats, contact Sendmux support.',
				});
			}
			resynced = true;
			const from = new Date((timeOf(position.anchor) ?? Date.now()) - RESYNC_OVERLAP_MS).toISOString();
			listing = { from, doneAtFrom: [] };
			ctx.logger.warn(
				note(
					ctx,
					`Sendmux no longer has the changes since the stored mailbox state (sync required); resynchronising from messages received since ${from}, skipping those already emitted`,
				),
			);
			continue;
		}
		page.created.forEach(add);
		state = page.newState;
		if (!page.hasMore) break;
	}
	return { ids, state, listing };
}

export interface CatchUpOptions {
	/** Message IDs the event stream announced (instant mode). */
	announced?: string[];
	/**
	 * Asked right before the position is written: false when the trigger was closed meanwhile,
	 * so nothing is recorded as emitted that will not be emitted.
	 */
	stillActive?: () => boolean;
}

export interface CatchUp {
	/** The items to emit, oldest first (empty when none). */
	items: INodeExecutionData[];
	/** Messages wait beyond Max Messages per Poll, or a listing goes on: check again soon. */
	more: boolean;
}

/**
 * New mail since the stored position, oldest first, with the position moved past it: the
 * routine behind version 1's scheduled poll and both modes of version 2. The position is
 * written before it returns (n8n saves static data when the caller emits).
 */
export async function catchUp(
	ctx: MailboxTriggerContext,
	settings: TriggerSettings,
	options: CatchUpOptions = {},
): Promise<CatchUp> {
	const staticData = ctx.getWorkflowStaticData('node');
	const position = await startingPosition(ctx, settings, staticData);
	if (!position) return { items: [], more: false };
	const gathered = await gather(ctx, settings, position, options.announced ?? []);
	let selection: Selection = { chosen: [], rest: gathered.ids };
	if (gathered.ids.length) {
		selection = await selectMessages(ctx, settings, await folderRoles(ctx, settings), gathered.ids);
	}
	const outputs = [];
	for (const item of oldestFirst(selection.chosen)) {
		outputs.push({
			id: item.message.id,
			receivedAt: item.message.received_at,
			data: await toOutputItem(ctx, settings, item),
		});
	}
	if (options.stillActive && !options.stillActive()) return { items: [], more: false };
	// Every call succeeded: only now does the position move (an error above leaves it as it was).
	const emitted = commitPosition(
		staticData,
		{
			scope: settings.scope,
			state: gathered.state,
			queue: selection.rest,
			listing: gathered.listing,
			anchor: position.anchor,
			emitted: position.emitted,
		},
		outputs,
	);
	if (selection.rest.length) {
		ctx.logger.debug(note(ctx, `${selection.rest.length} message(s) wait for the next check`));
	}
	return {
		items: emitted.map((message) => message.data),
		more: selection.rest.length > 0 || gathered.listing !== null,
	};
}

/** An active workflow's poll (version 1): new mail since the stored position, oldest first, or null. */
async function pollNewMail(ctx: MailboxTriggerContext, settings: TriggerSettings): Promise<INodeExecutionData[][] | null> {
	const { items } = await catchUp(ctx, settings);
	return items.length ? [items] : null;
}

/** "Fetch Test Event": the newest wanted message, with the stored position left alone. */
export async function newestWanted(ctx: MailboxTriggerContext, settings: TriggerSettings): Promise<INodeExecutionData[][]> {
	const folders = await folderRoles(ctx, settings);
	const qs: IDataObject = { sort_by: 'received_at', sort_direction: 'desc', ...settings.mailbox };
	if (!settings.includeSpam && !settings.includeSent) qs.folder_id = folders.watched;
	const pages = paginate<MailboxMessageSummary>(
		ctx,
		{ surface: 'mailbox', method: 'GET', path: '/mailbox/messages', qs },
		{ limit: TEST_EVENT_SCAN, maxPageSize: 100 },
	);
	for await (const page of pages) {
		for (const message of page) {
			if (!isWanted(message, folders, settings)) continue;
			// Read in the chosen output mode, exactly as a poll would.
			const { chosen } = await selectMessages(ctx, { ...settings, maxPerPoll: 1 }, folders, [message.id]);
			if (chosen.length) return [[await toOutputItem(ctx, settings, chosen[0])]];
		}
	}
	throw new NodeOperationError(ctx.getNode(), `No message in ${folders.watchedName} matches the trigger's settings yet`, {
		description: `The trigger looked at the newest ${TEST_EVENT_SCAN} messages. Send an email to the mailbox, or loosen the filters, then fetch again.`,
	});
}

export async function pollMailbox(this: MailboxTriggerContext): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	if (this.getMode() === 'manual') return await newestWanted(this, settings);
	return await pollNewMail(this, settings);
}
