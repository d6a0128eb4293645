import { NodeApiError, type IExecuteFunctions } from 'n8n-workflow';

import { checkedWrite, type Refusal } from '../../shared/checkedWrite';
import { listForMessage } from '../../shared/lists';
import { sendmuxRequest } from '../../transport/request';
import { accountPath, type AllowedActions, type SendingAccount } from './types';
import { editorDescription, joinDescriptions } from '../../shared/editorText';

/** Every write on an account: Sendmux says in `allowed_actions` which it allows. */
export type GuardedAction = 'update' | 'delete' | 'test' | 'activate' | 'deactivate';

const VERB: Record<GuardedAction, string> = {
	update: 'edited',
	delete: 'deleted',
	test: 'tested',
	activate: 'activated',
	deactivate: 'deactivated',
};

/** What the shared Amazon SES account never allows (it can be activated and deactivated). */
const SHARED_INSTEAD: Partial<Record<GuardedAction, string>> = {
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
	activate:
		'If it is the account that cannot be activated: a connected Gmail or Outlook account needs a live connection (reconnect it in the Sendmux app under Sending Accounts); a custom SMTP account in error needs working settings (Update, then Test Connection). Get the account to see its allowed_actions and status_reason.',
	deactivate:
		'If it is the account that cannot be deactivated, Get it to see its allowed_actions and status_reason.',
};

/** The account as Sendmux has it now: `is_shared`, `type` and `allowed_actions` decide. */
async function readAccount(ctx: IExecuteFunctions, itemIndex: number, accountId: string): Promise<SendingAccount> {
	const response = await sendmuxRequest.call(ctx, {
		surface: 'management',
		method: 'GET',
		path: accountPath(accountId),
		itemIndex,
	});
	return response.data as SendingAccount;
}

/** Why Sendmux would refuse `action` on this account, in words a user can act on. */
export function accountRefusal(account: SendingAccount, action: GuardedAction): Refusal | undefined {
	const shared = SHARED_INSTEAD[action];
	if (shared && (account.is_shared || account.type === 'amazon_ses')) {
		return { message: `The shared Amazon SES account cannot be ${VERB[action]}`, description: shared };
	}
	const connected = CONNECTED_LABEL[account.type];
	if (action === 'test' && connected) {
		return {
			message: `"${account.name}" is a connected ${connected} account: Test Connection checks SMTP accounts only`,
			description: `Connected accounts send through their ${connected} authorisation, which Sendmux checks itself. If the account's status is error or pending, reconnect it in the Sendmux app under Sending Accounts, then use Activate.`,
		};
	}
	if (account.allowed_actions?.[action] === false) {
		const allowed = (Object.keys(account.allowed_actions) as Array<keyof AllowedActions>).filter(
			(name) => account.allowed_actions[name] === true,
		);
		return {
			message: `Sendmux does not allow sending account "${account.name}" to be ${VERB[action]}`,
			description: `Allowed on this account: ${listForMessage(allowed, { none: 'nothing right now' })}.${
				account.status_reason ? ` Status: ${account.status} (${String(account.status_reason)}).` : ''
			}`,
		};
	}
	return undefined;
}

/**
 * A write on a sending account, under the project's rule for state-dependent writes
 * (shared/checkedWrite): the account is read first (the locator stores only the ID, so one
 * GET is the only sure way to know `is_shared`, `type` and `allowed_actions`), what Sendmux
 * would refuse is refused clearly before anything is sent, and Sendmux's own refusal gets
 * what is allowed instead.
 */
export async function checkedAccountWrite<Result>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	accountId: string,
	action: GuardedAction,
	write: (account: SendingAccount) => Promise<Result>,
): Promise<Result> {
	return await checkedWrite(ctx, itemIndex, {
		read: async () => await readAccount(ctx, itemIndex, accountId),
		refusal: (account) => accountRefusal(account, action),
		write,
		explainRefusal: (error) => withAllowedInstead(error, action),
	});
}

/**
 * Sendmux's refusal (422 without field issues) with a sentence saying what is allowed
 * instead. Field validation failures are left as they are: their issues say what to fix.
 */
export function withAllowedInstead(error: unknown, action: GuardedAction): unknown {
	if (!(error instanceof NodeApiError) || error.httpCode !== '422') return error;
	const issues = (error.context.sendmux as { issues?: unknown[] } | undefined)?.issues ?? [];
	if (issues.length === 0) {
		error.description = joinDescriptions([error.description ?? undefined, editorDescription([SERVER_REFUSAL_INSTEAD[action]])]);
	}
	return error;
}
