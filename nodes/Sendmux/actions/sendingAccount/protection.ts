import { NodeApiError, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { listForMessage } from '../../shared/lists';
import { sendmuxRequest } from '../../transport/request';
import { accountPath, type AllowedActions, type SendingAccount } from './types';

/** Actions Sendmux refuses on some accounts: the shared Amazon SES one, connected ones. */
export type GuardedAction = 'update' | 'delete' | 'test';

const VERB: Record<GuardedAction, string> = { update: 'edited', delete: 'deleted', test: 'tested' };

const SHARED_INSTEAD: Record<GuardedAction, string> = {
	update:
		'Sendmux manages the shared Amazon SES account; its settings cannot be changed. What you can do with it: Activate or Deactivate it, or ask for a higher daily limit with Request Shared SES Limit Increase.',
	delete:
		'Every team keeps its shared Amazon SES account. To stop sending through it, use Deactivate; to send more through it, use Request Shared SES Limit Increase.',
	test: 'Sendmux watches the shared Amazon SES account itself; read its state with Get and its daily limit with Get Limits. Test Connection checks custom SMTP accounts only.',
};

const CONNECTED_LABEL: Record<string, string> = { gmail_api: 'Gmail', outlook_api: 'Outlook' };

/** Appended to Sendmux's own refusal when it was not foreseen locally (race, new rules). */
const SERVER_REFUSAL_INSTEAD: Record<GuardedAction, string> = {
	update:
		'If it is the account itself that cannot be edited (the shared Amazon SES account and platform-managed accounts cannot be), what is allowed instead: Activate, Deactivate, Request Shared SES Limit Increase and Request Account Limit Increase.',
	delete:
		'If it is the account itself that cannot be deleted (the shared Amazon SES account cannot be), Deactivate it instead to stop sending through it.',
	test: 'Only custom SMTP accounts can be tested. The shared Amazon SES account needs no test; a connected Gmail or Outlook account in error is fixed by reconnecting it in the Sendmux app under Sending Accounts, then Activate.',
};

/**
 * The account, read before a destructive call so that Sendmux's protections are explained
 * before anything is sent. The locator stores only the ID (n8n keeps no other field of a
 * list result, and an ID from an expression says nothing of the account), so the only sure
 * way to know `is_shared`, `type` and `allowed_actions` is one GET: a cheap read, safe to
 * retry, worth it to refuse clearly instead of letting Sendmux answer a bare 422.
 */
export async function accountAllowing(
	ctx: IExecuteFunctions,
	itemIndex: number,
	accountId: string,
	action: GuardedAction,
): Promise<SendingAccount> {
	const response = await sendmuxRequest.call(ctx, {
		surface: 'management',
		method: 'GET',
		path: accountPath(accountId),
		itemIndex,
	});
	const account = response.data as SendingAccount;
	const refuse = (message: string, description: string): never => {
		throw new NodeOperationError(ctx.getNode(), `${message} (item ${itemIndex})`, { itemIndex, description });
	};
	if (account.is_shared || account.type === 'amazon_ses') {
		refuse(`The shared Amazon SES account cannot be ${VERB[action]}`, SHARED_INSTEAD[action]);
	}
	const connected = CONNECTED_LABEL[account.type];
	if (action === 'test' && connected) {
		refuse(
			`"${account.name}" is a connected ${connected} account: Test Connection checks SMTP accounts only`,
			`Connected accounts send through their ${connected} authorisation, which Sendmux checks itself. If the account's status is error or pending, reconnect it in the Sendmux app under Sending Accounts, then use Activate.`,
		);
	}
	if (account.allowed_actions?.[action] === false) {
		const allowed = (Object.keys(account.allowed_actions) as Array<keyof AllowedActions>).filter(
			(name) => account.allowed_actions[name] === true,
		);
		refuse(
			`Sendmux does not allow sending account "${account.name}" to be ${VERB[action]}`,
			`Allowed on this account: ${listForMessage(allowed, { none: 'nothing right now' })}.${
				account.status_reason ? ` Status: ${account.status} (${String(account.status_reason)}).` : ''
			}`,
		);
	}
	return account;
}

/**
 * Sendmux's refusal (422 without field issues) with a sentence saying what is allowed
 * instead. Field validation failures are left as they are: their issues say what to fix.
 */
export function withAllowedInstead(error: unknown, action: GuardedAction): unknown {
	if (!(error instanceof NodeApiError) || error.httpCode !== '422') return error;
	const issues = (error.context.sendmux as { issues?: unknown[] } | undefined)?.issues ?? [];
	if (issues.length === 0) {
		error.description = [error.description, SERVER_REFUSAL_INSTEAD[action]].filter(Boolean).join('\n');
	}
	return error;
}
