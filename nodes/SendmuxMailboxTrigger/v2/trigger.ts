import {
	NodeOperationError,
	toCronExpression,
	type ExecutionError,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { withCredentialFix } from '../credentialFix';
import { TRIGGER_MODE } from '../description';
import { MailboxListener } from '../instant/listener';
import { catchUp, newestWanted, recordStartingPosition } from '../poll';
import { folderRoles } from '../selection';
import { readSettings, type TriggerSettings } from '../settings';

type TriggerTime = Parameters<typeof toCronExpression>[0];

/**
 * Polling mode of version 2: the same catch-up as version 1's poll, on n8n's cron. A check
 * still running when the next is due is not doubled: the next one is skipped. A failed
 * check is recorded as a failed execution (as n8n does for version 1) and the workflow
 * stays active.
 */
function startPolling(ctx: ITriggerFunctions, settings: TriggerSettings): ITriggerResponse {
	const times = (ctx.getNodeParameter('pollTimes', {}) as { item?: TriggerTime[] }).item ?? [];
	if (times.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Polling mode needs at least one Poll Time', {
			description: 'Add a Poll Time (every minute, for example), or switch Trigger Mode to Instant.',
		});
	}
	let closed = false;
	let running = false;
	const check = async () => {
		if (running || closed) return;
		running = true;
		try {
			const { items } = await catchUp(ctx, settings, { stillActive: () => !closed });
			if (items.length && !closed) ctx.emit([items]);
		} catch (error) {
			if (!closed) ctx.saveFailedExecution(withCredentialFix(error as ExecutionError));
		} finally {
			running = false;
		}
	};
	for (const time of times) {
		ctx.helpers.registerCron({ expression: toCronExpression(time) }, () => {
			void check();
		});
	}
	return {
		closeFunction: async () => {
			closed = true;
		},
	};
}

/**
 * `trigger()` of version 2. n8n calls it at activation and whenever it starts with the
 * workflow active; static data is saved right after it returns, so the position recorded
 * here survives a restart even before anything was emitted.
 */
export async function startMailboxTrigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
	try {
		return await start(this);
	} catch (error) {
		// A refused key fails the activation (or the test listen) with the credential to fix.
		throw withCredentialFix(error);
	}
}

async function start(ctx: ITriggerFunctions): Promise<ITriggerResponse> {
	const settings = readSettings(ctx);
	const mode = ctx.getNodeParameter('triggerMode', TRIGGER_MODE.instant) as string;
	if (ctx.getMode() === 'manual') {
		if (mode === TRIGGER_MODE.polling) {
			// As version 1's "Fetch Test Event": the newest matching message, at once.
			return { manualTriggerFunction: async () => ctx.emit(await newestWanted(ctx, settings)) };
		}
		// The credential, mailbox and folder are checked before waiting for mail.
		await folderRoles(ctx, settings);
		const listener = new MailboxListener(ctx, settings, 'manual');
		await listener.open();
		listener.start();
		return { closeFunction: async () => await listener.close() };
	}
	// A refused key, a mailbox or folder that does not exist fail the activation, where n8n shows them.
	await folderRoles(ctx, settings);
	await recordStartingPosition(ctx, settings);
	if (mode === TRIGGER_MODE.polling) return startPolling(ctx, settings);
	const listener = new MailboxListener(ctx, settings, 'active');
	await listener.open();
	listener.start();
	return { closeFunction: async () => await listener.close() };
}
