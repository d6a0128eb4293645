/**
 * The SMTP password goes to Sendmux in the create or update request and nowhere else: not
 * into an output item, an error (message, description, context, cause) or a log line, even
 * when Sendmux's error answer quotes it back.
 */
import { describe, expect, it } from 'vitest';

import { allLogText } from '../harness/logs';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode, type NodeRun } from '../harness/workflow';
import { smtpAccount } from './fixtures';

const PASSWORD = 'hunter2-"quoted"\\-Zebra-9';

const createParameters = {
	resource: 'sendingAccount',
	operation: 'create',
	name: 'Transactional SMTP',
	smtpHost: 'smtp.example.com',
	smtpPort: 587,
	smtpProtocol: 'starttls',
	smtpUsername: 'api-user',
	smtpPassword: PASSWORD,
};

/** Everything the run left behind that a user, a log shipper or the next node can read. */
function everythingVisible(run: NodeRun): string {
	const seen = new WeakSet<object>();
	const resultData = JSON.stringify(run.run.data.resultData, (_key, value: unknown) => {
		if (value && typeof value === 'object') {
			if (seen.has(value)) return undefined;
			seen.add(value);
		}
		return value;
	});
	const error = run.error;
	const errorParts = error
		? [error.message, error.description ?? '', JSON.stringify(error.context ?? {}), String(error.cause ?? ''), error.stack ?? '']
		: [];
	return [resultData, ...errorParts, allLogText()].join('\n');
}

/** Sendmux quoting the password back in its error answer: the worst case. */
function echoingError() {
	return {
		param: 'smtp_password',
		errors: [{ field: 'smtp_password', code: 'invalid', message: `Password "${PASSWORD}" was rejected by the SMTP server` }],
	};
}

describe('the SMTP password', () => {
	it('is never in the output of a created account, nor in the logs of its retried request', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/providers').times(2).error(503, 'service_unavailable', 'Busy', { retryable: true });
		api.app('POST', '/providers').ok(smtpAccount(), { status: 201 });

		const run = await runNode({ node: { parameters: createParameters } });

		expect(run.error).toBeUndefined();
		expect(api.requests).toHaveLength(3);
		expect((api.requests[0].body as { smtp_password: string }).smtp_password).toBe(PASSWORD);
		expect(run.items[0].json.has_smtp_password).toBe(true);
		expect(allLogText()).toContain('retry 2 of 5');
		expect(everythingVisible(run)).not.toContain('hunter2');
	});

	it('is redacted from an error when Sendmux quotes it back', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/providers').error(422, 'validation_error', `SMTP login failed for password ${PASSWORD}`, echoingError());

		const run = await runNode({ node: { parameters: createParameters } });

		expect(run.error?.message).toBe('SMTP login failed for password [redacted]');
		expect(run.error?.description).toContain('• smtp_password: Password "[redacted]" was rejected by the SMTP server (invalid)');
		expect(everythingVisible(run)).not.toContain('hunter2');
	});

	it('is redacted from a Continue On Fail error item', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/providers').error(422, 'validation_error', `Bad password ${PASSWORD}`, echoingError());

		const run = await runNode({ node: { parameters: createParameters, settings: { continueOnFail: true } } });

		expect(run.error).toBeUndefined();
		expect(run.items[0].json.error).toBe('Bad password [redacted]');
		expect(JSON.stringify(run.items)).not.toContain('hunter2');
		expect(everythingVisible(run)).not.toContain('hunter2');
	});

	it('is not in the error of a connection that dropped after every retry', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/providers').times(5).dropConnection('ECONNRESET');

		const run = await runNode({ node: { parameters: createParameters } });

		expect(run.error?.description).toContain('POST /providers got no answer');
		expect(api.requests).toHaveLength(5);
		expect(everythingVisible(run)).not.toContain('hunter2');
	});

	it('is redacted from an Update error and never appears in its output', async () => {
		const account = smtpAccount();
		const api = new SendmuxApi();
		api.app('GET', `/providers/${account.id}`).ok(account);
		api
			.app('PATCH', `/providers/${account.id}`)
			.error(422, 'validation_error', `Rejected ${PASSWORD}`, echoingError());

		const run = await runNode({
			node: {
				parameters: {
					resource: 'sendingAccount',
					operation: 'update',
					sendingAccount: { __rl: true, mode: 'id', value: account.id },
					updateFields: { smtpPassword: PASSWORD },
				},
			},
		});

		expect((api.requests[1].body as { smtp_password: string }).smtp_password).toBe(PASSWORD);
		expect(run.error?.message).toBe('Rejected [redacted]');
		expect(everythingVisible(run)).not.toContain('hunter2');
	});

	it('is never quoted by a local validation error', async () => {
		const api = new SendmuxApi();
		const tooLong = `hunter2-${'x'.repeat(500)}`;

		const run = await runNode({ node: { parameters: { ...createParameters, smtpPassword: tooLong } } });

		expect(run.error?.message).toBe('SMTP Password of item 0 is 508 characters long; Sendmux accepts at most 500 characters');
		expect(api.requests).toHaveLength(0);
		expect(everythingVisible(run)).not.toContain('hunter2');
	});
});
