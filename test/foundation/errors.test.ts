import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { allLogText } from '../harness/logs';
import { SendmuxApi } from '../harness/sendmuxApi';
import { TRANSPORT_PROBE } from '../harness/transportProbe';
import { MAILBOX_KEY, ROOT_KEY, runNode, testCredentials } from '../harness/workflow';
import { domainFixture, SEND_BODY } from './fixtures';

const DOMAIN = domainFixture(3);
const getDomainNode = (extra: Record<string, unknown> = {}) => ({
	parameters: {
		resource: 'domain',
		operation: 'get',
		domain: { __rl: true, mode: 'id', value: DOMAIN.id },
	},
	...extra,
});

describe('error mapping', () => {
	it("turns Sendmux's envelope into a NodeApiError with code, every field issue and the request id", async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').error(422, 'validation_error', 'The email is not valid', {
			param: 'to.email',
			errors: [
				{ field: 'to.email', code: 'invalid_string', message: 'Invalid email' },
				{ field: 'subject', code: 'too_big', message: 'Subject is too long' },
			],
		});
		const { error } = await runNode({
			node: {
				type: TRANSPORT_PROBE,
				parameters: {
					request: JSON.stringify({ surface: 'sending', method: 'POST', path: '/emails/send', body: SEND_BODY }),
				},
			},
		});
		const description = (error as { description?: string }).description ?? '';
		expect(error?.message).toBe('The email is not valid');
		expect(error?.name).toBe('NodeApiError');
		expect((error as { httpCode?: string }).httpCode).toBe('422');
		expect(description).toContain('Sendmux error code: validation_error (HTTP 422)');
		expect(description).toContain('Parameter: to.email');
		expect(description).toContain('• to.email: Invalid email (invalid_string)');
		expect(description).toContain('• subject: Subject is too long (too_big)');
		expect(description).toMatch(/Request ID: req_[0-9a-f]{24}/);
		expect(description).toContain('Docs: https://docs.sendmux.ai/errors/validation_error');
	});

	it('keeps API keys out of errors and logs', async () => {
		const api = new SendmuxApi();
		api.app('GET', `/domains/${DOMAIN.id}`).error(401, 'authentication_required', 'Invalid API key');
		const { error, run } = await runNode({ node: getDomainNode() });
		expect(error?.message).toBe('Invalid API key');
		const everything = JSON.stringify(run) + JSON.stringify(error) + allLogText();
		expect(everything).not.toContain(ROOT_KEY);
		expect(everything).not.toContain(MAILBOX_KEY);
		expect(everything).not.toContain(ROOT_KEY.slice('smx_root_'.length));
	});

	it('names the host of a network failure, not the key', async () => {
		const api = new SendmuxApi();
		api.app('GET', `/domains/${DOMAIN.id}`).times(5).dropConnection('ECONNREFUSED');
		const { error, run } = await runNode({ node: getDomainNode() });
		expect(error?.message).toBe('Could not reach Sendmux at app.sendmux.test: the connection was refused');
		expect((error as { description?: string }).description).toContain('(ECONNREFUSED)');
		expect((error as { description?: string }).description).toContain('Attempts: 5');
		expect(JSON.stringify(run) + allLogText()).not.toContain(ROOT_KEY);
	});

	it('with Continue On Fail, a failed item becomes an output item carrying the details', async () => {
		const api = new SendmuxApi();
		api.app('GET', `/domains/${DOMAIN.id}`).error(404, 'not_found', 'Domain not found');
		api.app('GET', `/domains/${DOMAIN.id}`).ok(DOMAIN);
		const { items, error } = await runNode({
			node: getDomainNode({ settings: { continueOnFail: true } }),
			input: [{ json: { n: 1 } }, { json: { n: 2 } }],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json).toMatchObject({
			error: 'Domain not found',
			code: 'not_found',
			statusCode: 404,
			requestId: expect.stringMatching(/^req_/),
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.id).toBe(DOMAIN.id);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	it('without Continue On Fail, the error names the failing item', async () => {
		const api = new SendmuxApi();
		api.app('GET', `/domains/${DOMAIN.id}`).ok(DOMAIN);
		api.app('GET', `/domains/${DOMAIN.id}`).error(404, 'not_found', 'Domain not found');
		const { error } = await runNode({ node: getDomainNode(), input: [{ json: {} }, { json: {} }] });
		expect(error?.message).toBe('Domain not found');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});

	it('an If-Match conflict tells the user to fetch again', async () => {
		const api = new SendmuxApi();
		api.app('PATCH', `/domains/${DOMAIN.id}`).error(409, 'conflict', 'Resource was modified');
		const { error } = await runNode({
			node: {
				type: TRANSPORT_PROBE,
				parameters: {
					request: JSON.stringify({
						surface: 'management',
						method: 'PATCH',
						path: `/domains/${DOMAIN.id}`,
						body: { mode: 'send_receive' },
						ifMatch: 'W/"abc"',
					}),
				},
			},
		});
		expect((error as { description?: string }).description).toContain('Fetch it again and retry with the new ETag');
	});
});

describe('a base URL that leads somewhere other than Sendmux', () => {
	it('a Mailbox API operation whose URL answers without Sendmux’s envelope names the credential field to fix', async () => {
		nock('https://wrong.example.test').get('/api/v1/mailbox/messages').query(true).reply(404, '<h1>Not Found</h1>', { 'Content-Type': 'text/html' });
		const { error } = await runNode({
			node: { parameters: { resource: 'message', operation: 'getMany', limit: 5 } },
			credentials: testCredentials({ sendmuxMailboxApi: { appBaseUrl: 'https://wrong.example.test/api/v1' } }),
		});
		expect(error?.description).toContain(
			'The answer is not Sendmux\'s: the base URL may lead somewhere else. Check the "Mailbox API Base URL" of the "Sendmux Sending and Mailbox API" credential (Sendmux\'s is https://app.sendmux.ai/api/v1).',
		);
	});

	it('an unreachable Sending API host names the Sending API Base URL', async () => {
		nock('https://unreachable.example.test').post('/api/v1/emails/send').replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
		const { error } = await runNode({
			node: { type: TRANSPORT_PROBE, parameters: { request: JSON.stringify({ surface: 'sending', method: 'POST', path: '/emails/send', body: SEND_BODY }) } },
			credentials: testCredentials({ sendmuxMailboxApi: { sendingBaseUrl: 'https://unreachable.example.test/api/v1' } }),
		});
		expect(error?.description).toContain('Check the "Sending API Base URL" of the "Sendmux Sending and Mailbox API" credential');
	});
});
