import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { asNodeError } from './operation';

/** Why a write is refused before it is sent: what the user sees, and what to do instead. */
export interface Refusal {
	message: string;
	description: string;
}

export interface CheckedWrite<Target, Result> {
	/** Reads the object the write acts on: one GET, cheap and safe to retry. */
	read(): Promise<Target>;
	/** The refusal this object's state calls for, if any. */
	refusal(target: Target): Refusal | undefined;
	/** The write itself, once the object allows it. */
	write(target: Target): Promise<Result>;
	/**
	 * Sendmux's own refusal of the write (the object changed between the read and the write,
	 * or a rule the read could not foresee), with the same explanation added.
	 */
	explainRefusal?(error: unknown): unknown;
}

/**
 * The one rule for writes Sendmux refuses because of the object's state (the shared sending
 * account, a built-in folder, an action the account does not allow): read the object first
 * and refuse clearly, naming the object, the action, the item and what is allowed instead,
 * before anything is changed. Every such write goes through here.
 */
export async function checkedWrite<Target, Result>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	steps: CheckedWrite<Target, Result>,
): Promise<Result> {
	const target = await steps.read();
	const refusal = steps.refusal(target);
	if (refusal) {
		throw new NodeOperationError(ctx.getNode(), `${refusal.message} (item ${itemIndex})`, {
			itemIndex,
			description: refusal.description,
		});
	}
	try {
		return await steps.write(target);
	} catch (error) {
		throw asNodeError(ctx.getNode(), steps.explainRefusal ? steps.explainRefusal(error) : error, itemIndex);
	}
}
