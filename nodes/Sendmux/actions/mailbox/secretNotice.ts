import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Mailbox and key creation return the mailbox key (a bearer token that is also the IMAP/SMTP
 * password) exactly once. It goes to the output, because the user needs it, and nowhere else:
 * the transport never logs bodies. These texts tell the user so, before and after the run.
 */
const STORE_IT_NOW =
	'The output holds the new mailbox key in credential.secret: it is the API token and the IMAP/SMTP password, and Sendmux shows it only this once. Store it now (for example in a Sendmux Sending and Mailbox API credential). The node never logs it, but n8n keeps it in this execution\'s data if your instance saves executions.';

export const secretNoticeProperty = (name: string): INodeProperties => ({
	displayName: STORE_IT_NOW,
	name,
	type: 'notice',
	default: '',
});

const hinted = new WeakSet<object>();

/** Shown in the output pane after a run that returned a key; once per run, not per item. */
export function addSecretHint(ctx: IExecuteFunctions): void {
	if (hinted.has(ctx)) return;
	hinted.add(ctx);
	ctx.addExecutionHints({ message: STORE_IT_NOW, type: 'warning', location: 'outputPane' });
}
