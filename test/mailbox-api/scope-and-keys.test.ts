import type { INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage } from '../harness/package';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode, testCredentials, ROOT_KEY } from '../harness/workflow';
import {
	attachment,
	batchGetItem,
	content,
	folder,
	fullMessage,
	identity,
	OWN,
	page,
	rawBodyOf,
	submission,
	summary,
	threadSummary,
} from './fixtures';

const MAILBOX_RESOURCES = ['message', 'thread', 'folder', 'attachment', 'senderIdentity', 'submission', 'mailboxAccount'];

interface Case {
	resource: string;
	operation: string;
	parameters?: Record<string, unknown>;
	input?: INodeExecutionData[];
	serve(api: SendmuxApi): void;
}

const me = {
	id: 'mbx_agent01',
	email: OWN.email,
	display_name: null,
	status: 'active',
	quota_bytes: null,
	send_scope: { type: 'all' },
	created_at: '2026-01-01T00:00:00Z',
};
const withAttachment = content('msg_1', {
	headers: { mode: 'selected', selected: { message_id: ['<m1@customer.test>'] } },
	attachments: [attachment('att_1', 'a.txt', 'text/plain', 3)],
});
const identities = (api: SendmuxApi) =>
	api.app('GET', '/mailbox/identities').ok([identity('idn_1', OWN.email, 'Agent')], { pagination: page(false) });
const listOf = (path: string, data: unknown[]) => (api: SendmuxApi) => api.app('GET', path).ok(data, { pagination: page(false) });

/** One workflow per operation of every Mailbox API resource. */
const CASES: Case[] = [
	{ resource: 'message', operation: 'getMany', parameters: { returnAll: true }, serve: listOf('/mailbox/messages', [summary('msg_1')]) },
	{ resource: 'message', operation: 'get', parameters: { messageId: 'msg_1', output: 'raw' }, serve: (api) => api.app('GET', '/mailbox/messages/msg_1/body').ok(rawBodyOf('msg_1')) },
	{
		resource: 'message',
		operation: 'get',
		parameters: { messageId: '={{ $json.id }}', output: 'simplified' },
		input: [{ json: { id: 'msg_1' } }, { json: { id: 'msg_2' } }],
		serve: (api) =>
			api.app('POST', '/mailbox/messages:batch-get').ok({
				messages: [batchGetItem('msg_1', {}, 'raw'), batchGetItem('msg_2', {}, 'raw')],
				not_found: [],
				states: { email_state: null },
			}),
	},
	{
		resource: 'message',
		operation: 'send',
		parameters: { to: 'ann@customer.test', subject: 's', text: 't' },
		serve: (api) => api.app('POST', '/mailbox/messages/send').ok({ message_id: 'm', status: 'queued' }),
	},
	{
		resource: 'message',
		operation: 'sendAndWait',
		parameters: { to: 'ann@customer.test', subject: 's', message: 'Approve?' },
		serve: (api) => api.app('POST', '/mailbox/messages/send').ok({ message_id: 'm', status: 'queued' }),
	},
	{
		resource: 'message',
		operation: 'reply',
		parameters: { messageId: 'msg_1', text: 't' },
		serve: (api) => {
			api.app('GET', '/mailbox/messages/msg_1/content').ok(withAttachment);
			identities(api);
			api.app('POST', '/mailbox/messages/send').ok({ message_id: 'm', status: 'queued' });
		},
	},
	{
		resource: 'message',
		operation: 'forward',
		parameters: { messageId: 'msg_1', to: 'x@customer.test' },
		serve: (api) => {
			api.app('GET', '/mailbox/messages/msg_1/content').ok(withAttachment);
			api.app('GET', '/mailbox/messages/msg_1/attachments/att_1').replyWith(() => [200, Buffer.from('abc'), { 'Content-Type': 'text/plain' }]);
			api.app('POST', '/mailbox/messages/send').ok({ message_id: 'm', status: 'queued' });
		},
	},
	{ resource: 'message', operation: 'update', parameters: { messageId: 'msg_1', updateFields: { seen: true } }, serve: (api) => api.app('PATCH', '/mailbox/messages/msg_1').ok(fullMessage('msg_1')) },
	{
		resource: 'message',
		operation: 'update',
		parameters: { messageId: '={{ $json.id }}', updateFields: { seen: true } },
		input: [{ json: { id: 'msg_1' } }, { json: { id: 'msg_2' } }],
		serve: (api) =>
			api.app('POST', '/mailbox/messages:batch-update').ok({
				updated: ['msg_1', 'msg_2'],
				not_found: [],
				failed: [],
				states: { old_state: null, new_state: null },
			}),
	},
	{ resource: 'message', operation: 'delete', parameters: { messageId: 'msg_1' }, serve: (api) => api.app('DELETE', '/mailbox/messages/msg_1').ok({ id: 'msg_1', deleted: true }) },
	{ resource: 'message', operation: 'count', serve: (api) => api.app('GET', '/mailbox/messages/count').ok({ total: 1, sync_state: null }) },
	{
		resource: 'message',
		operation: 'getSnippets',
		parameters: { searchText: 'x' },
		serve: (api) => api.app('GET', '/mailbox/messages/search-snippets').ok({ snippets: [], not_found: [], sync_state: null }),
	},
	{ resource: 'thread', operation: 'getMany', parameters: { returnAll: true }, serve: listOf('/mailbox/threads', [threadSummary('thr_1')]) },
	{ resource: 'thread', operation: 'get', parameters: { threadId: 'thr_1' }, serve: (api) => api.app('GET', '/mailbox/threads/thr_1').ok({ ...threadSummary('thr_1'), message_ids: [] }) },
	{
		resource: 'thread',
		operation: 'getContent',
		parameters: { threadId: 'thr_1' },
		serve: (api) =>
			api.app('GET', '/mailbox/threads/thr_1/content').replyWith(() => [
				200,
				{
					ok: true,
					data: [content('msg_1')],
					pagination: page(false),
					meta: { request_id: 'r', thread_id: 'thr_1', participants: [], states: { email_state: null, option_hash: 'o', thread_state: null } },
				},
			]),
	},
	{ resource: 'thread', operation: 'getMessages', parameters: { threadId: 'thr_1', returnAll: true }, serve: listOf('/mailbox/threads/thr_1/messages', [summary('msg_1')]) },
	{ resource: 'folder', operation: 'getMany', parameters: { returnAll: true }, serve: listOf('/mailbox/folders', [folder('fld_1', 'A')]) },
	{ resource: 'folder', operation: 'get', parameters: { folder: { __rl: true, mode: 'id', value: 'fld_1' } }, serve: (api) => api.app('GET', '/mailbox/folders/fld_1').ok(folder('fld_1', 'A')) },
	{ resource: 'folder', operation: 'create', parameters: { name: 'A' }, serve: (api) => api.app('POST', '/mailbox/folders').ok(folder('fld_1', 'A'), { status: 201 }) },
	{
		resource: 'folder',
		operation: 'update',
		parameters: { folder: { __rl: true, mode: 'id', value: 'fld_1' }, updateFields: { name: 'B' } },
		serve: (api) => api.app('PATCH', '/mailbox/folders/fld_1').ok(folder('fld_1', 'B')),
	},
	{
		resource: 'folder',
		operation: 'delete',
		parameters: { folder: { __rl: true, mode: 'id', value: 'fld_1' } },
		serve: (api) => {
			api.app('GET', '/mailbox/folders/fld_1').ok(folder('fld_1', 'A'));
			api.app('DELETE', '/mailbox/folders/fld_1').ok({ id: 'fld_1', deleted: true });
		},
	},
	{
		resource: 'attachment',
		operation: 'download',
		parameters: { messageId: 'msg_1', attachmentId: 'att_1' },
		serve: (api) => {
			api.app('GET', '/mailbox/messages/msg_1/content').ok(withAttachment);
			api.app('GET', '/mailbox/messages/msg_1/attachments/att_1').replyWith(() => [200, Buffer.from('abc'), { 'Content-Type': 'text/plain' }]);
		},
	},
	{
		resource: 'attachment',
		operation: 'upload',
		input: [{ json: {}, binary: { data: { data: Buffer.from('abc').toString('base64'), mimeType: 'text/plain', fileName: 'a.txt' } } }],
		serve: (api) =>
			api.app('POST', '/mailbox/attachments:upload').ok({ blob_id: 'b', filename: 'a.txt', content_type: 'text/plain', size_bytes: 3 }),
	},
	{ resource: 'senderIdentity', operation: 'getMany', parameters: { returnAll: true }, serve: identities },
	{ resource: 'senderIdentity', operation: 'getDefault', serve: (api) => api.app('GET', '/mailbox/identity').ok(identity('idn_1', OWN.email, 'A')) },
	{
		resource: 'senderIdentity',
		operation: 'update',
		parameters: { updateFields: { name: 'B' } },
		serve: (api) => api.app('PATCH', '/mailbox/identity').ok(identity('idn_1', OWN.email, 'B')),
	},
	{ resource: 'submission', operation: 'getMany', parameters: { returnAll: true }, serve: listOf('/mailbox/submissions', [submission('sub_1')]) },
	{ resource: 'submission', operation: 'get', parameters: { submissionId: 'sub_1' }, serve: (api) => api.app('GET', '/mailbox/submissions/sub_1').ok(submission('sub_1')) },
	{ resource: 'mailboxAccount', operation: 'get', serve: (api) => api.app('GET', '/mailbox/me').ok(me) },
	{
		resource: 'mailboxAccount',
		operation: 'getUsage',
		serve: (api) => api.app('GET', '/mailbox/usage').ok({ resources: [], states: { quota_state: null } }),
	},
	{ resource: 'mailboxAccount', operation: 'getQuotas', parameters: { returnAll: true }, serve: listOf('/mailbox/quotas', []) },
];

describe('the Mailbox locator on every operation', () => {
	it('covers every operation of every Mailbox API resource', async () => {
		const { nodeTypes } = await loadPackage();
		const node = nodeTypes.getByNameAndVersion('n8n-nodes-sendmux.sendmux', 1);
		const properties = node.description.properties;
		for (const resource of MAILBOX_RESOURCES) {
			const picker = properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
			);
			const operations = (picker?.options ?? []).map((o) => (o as { value: string }).value);
			expect(operations.length).toBeGreaterThan(0);
			for (const operation of operations) {
				expect(CASES.some((c) => c.resource === resource && c.operation === operation), `${resource}.${operation}`).toBe(true);
			}
			const mailbox = properties.find((p) => p.name === 'mailbox' && p.displayOptions?.show?.resource?.includes(resource));
			expect(mailbox?.type, resource).toBe('resourceLocator');
			expect(mailbox?.required, resource).toBeFalsy();
		}
	});

	for (const testCase of CASES) {
		const label = `${testCase.resource} → ${testCase.operation}${testCase.input && testCase.input.length > 1 ? ' (batch)' : ''}`;
		it(`${label}: mailbox_id on every request when chosen, on none when not`, async () => {
			for (const chosen of [true, false]) {
				const api = new SendmuxApi();
				testCase.serve(api);
				const { error } = await runNode({
					node: {
						parameters: {
							resource: testCase.resource,
							operation: testCase.operation,
							...testCase.parameters,
							...(chosen ? { mailbox: { __rl: true, mode: 'list', value: 'mbx_sales01' } } : {}),
						},
					},
					input: testCase.input,
				});
				expect(error, `${label} (${chosen ? 'with' : 'without'} mailbox)`).toBeUndefined();
				expect(api.requests.length).toBeGreaterThan(0);
				for (const request of api.requests) {
					expect(request.query.mailbox_id, `${request.method} ${request.path}`).toBe(chosen ? 'mbx_sales01' : undefined);
					expect(request.headers.authorization).toMatch(/^Bearer smx_mbx_/);
				}
			}
		});
	}
});

describe('keys', () => {
	it('the resource picker says these resources use the mailbox key, and only the mailbox credential shows', async () => {
		const { nodeTypes } = await loadPackage();
		const { description } = nodeTypes.getByNameAndVersion('n8n-nodes-sendmux.sendmux', 1);
		const picker = description.properties.find((p) => p.name === 'resource');
		for (const resource of MAILBOX_RESOURCES) {
			const option = picker?.options?.find((o) => (o as { value: string }).value === resource) as { description?: string };
			expect(option?.description, resource).toMatch(/\(mailbox key\)$/);
		}
		const mailboxCredential = description.credentials?.find((c) => c.name === 'sendmuxMailboxApi');
		const rootCredential = description.credentials?.find((c) => c.name === 'sendmuxRootApi');
		expect(mailboxCredential?.displayOptions?.show?.resource).toEqual(expect.arrayContaining(MAILBOX_RESOURCES));
		for (const resource of MAILBOX_RESOURCES) {
			expect(rootCredential?.displayOptions?.show?.resource).not.toContain(resource);
		}
	});

	it.each(MAILBOX_RESOURCES)('a root key in the mailbox credential is refused locally for %s', async (resource) => {
		const api = new SendmuxApi();
		const testCase = CASES.find((c) => c.resource === resource) as Case;
		const { error } = await runNode({
			node: { parameters: { resource, operation: testCase.operation, ...testCase.parameters } },
			input: testCase.input,
			credentials: testCredentials({ sendmuxMailboxApi: { apiKey: ROOT_KEY } }),
		});
		expect(error?.message).toBe(
			'The "Sendmux Sending and Mailbox API" credential holds a root key (smx_root_…), but it needs a mailbox key (smx_mbx_…) for ' +
				'sending email and reading or answering a mailbox. Create a mailbox key in the Sendmux app under Settings → API Keys ' +
				'(or with the Mailbox → Create Key operation) and paste it into the "Sendmux Sending and Mailbox API" credential. ' +
				'Keep the root key in a "Sendmux Root API" credential.',
		);
		expect(JSON.stringify(error)).not.toContain(ROOT_KEY);
		expect(api.requests).toHaveLength(0);
	});

	it('a workflow with only a root credential is told to add a mailbox credential', async () => {
		const api = new SendmuxApi();
		const { sendmuxRootApi } = testCredentials();
		const { error } = await runNode({
			node: { parameters: { resource: 'message', operation: 'getMany', returnAll: true } },
			credentials: { sendmuxRootApi },
		});
		expect(error?.message).toBe('This operation needs a "Sendmux Sending and Mailbox API" credential');
		expect(api.requests).toHaveLength(0);
	});
});
