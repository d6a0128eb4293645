/**
 * The sweep: every operation of the Sendmux node, executed once in a real n8n 2.41.1 against the
 * simulator, each answered with success and nothing outside the specs. One workflow runs every
 * operation that finishes in a plain run, chained so IDs flow by expressions (creates first,
 * deletes last); Send and Wait (Email and Mailbox API) each get a workflow of their own and are
 * done when the execution waits with its email sent. The operations come from the built node's
 * description, so an operation without a sweep step fails the first test.
 */
import { describe, expect, it } from 'vitest';

import { operationsOfBuiltNode } from './builtNode.mjs';
import {
	chain,
	control,
	credentialRef,
	e2e,
	eventually,
	injectInbound,
	jsonOf,
	MAILBOX_KEY_RESOURCES,
	n8n,
	node,
	SENDMUX,
	sendmux,
	useWorkflows,
	webhookTrigger,
	type Execution,
	type WorkflowNode,
} from './helpers.mjs';
import { approvalWorkflow, requestEmailTo } from './sendAndWaitHelpers.mjs';

const RUN = Date.now().toString(36);
const DOMAIN = `sweep-${RUN}.acme.test`;

interface SweepStep {
	name: string;
	resource: string;
	operation: string;
	parameters?: Record<string, unknown>;
}

/** What the test arranges before the sweep runs, through the API (see `arrange`). */
interface Arranged {
	messageId: string;
	threadId: string;
	attachmentId: string;
	webhookId: string;
	deliveryId: string;
	/** The seeded mailbox's sender name before the sweep renames it (put back afterwards). */
	senderName: string | null;
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const first = (step: string, field: string) => `={{ $('${step}').first().json.${field} }}`;

/** Every operation that finishes in a plain run, in the order they run. */
function sweepSteps(arranged: Arranged): SweepStep[] {
	const { seeded, webhookBaseUrl } = e2e();
	const domainId = byId(first('Domain: Create', 'id'));
	const mailboxId = byId(first('Mailbox: Create', 'mailbox.id'));
	const webhookId = byId(first('Webhook: Create', 'id'));
	const accountId = byId(first('Sending Account: Create SMTP Account', 'id'));
	const folderId = byId(first('Folder: Create', 'id'));
	const text = { emailFormat: 'text', text: `Sweep ${RUN}` };
	return [
		// Domains (root key); the zone file comes out as a file, which the upload after it takes.
		// Created send-only: Update's one change is the upgrade to send and receive (then verified).
		{ name: 'Domain: Create', resource: 'domain', operation: 'create', parameters: { domainName: DOMAIN, domainMode: 'send_only' } },
		{ name: 'Domain: Update', resource: 'domain', operation: 'update', parameters: { domain: domainId, domainMode: 'send_receive' } },
		{ name: 'Domain: Verify', resource: 'domain', operation: 'verify', parameters: { domain: domainId } },
		{ name: 'Domain: Get', resource: 'domain', operation: 'get', parameters: { domain: domainId } },
		{ name: 'Domain: Get Many', resource: 'domain', operation: 'getMany' },
		{ name: 'Domain: Get Zone File', resource: 'domain', operation: 'getZoneFile', parameters: { domain: domainId, zoneFileOutput: 'binary', binaryPropertyName: 'data' } },
		{ name: 'Attachment: Upload', resource: 'attachment', operation: 'upload', parameters: { binaryPropertyName: 'data', options: { fileName: 'zone.txt' } } },
		// Mailboxes on the new domain, their keys and sender filters.
		{ name: 'Mailbox: Check Availability', resource: 'mailbox', operation: 'checkAvailability', parameters: { email: `support@${DOMAIN}` } },
		{ name: 'Mailbox: Create', resource: 'mailbox', operation: 'create', parameters: { email: `support@${DOMAIN}` } },
		{ name: 'Mailbox: Get', resource: 'mailbox', operation: 'get', parameters: { mailbox: mailboxId } },
		{ name: 'Mailbox: Update', resource: 'mailbox', operation: 'update', parameters: { mailbox: mailboxId, updateFields: { displayName: 'Support' } } },
		{ name: 'Mailbox: Get Many', resource: 'mailbox', operation: 'getMany' },
		{ name: 'Mailbox: Create Key', resource: 'mailbox', operation: 'createKey', parameters: { mailbox: mailboxId, appName: 'Sweep' } },
		{ name: 'Mailbox: Revoke Key', resource: 'mailbox', operation: 'revokeKey', parameters: { mailbox: mailboxId, keyId: first('Mailbox: Create Key', 'credential.public_id') } },
		{ name: 'Mailbox: Suspend', resource: 'mailbox', operation: 'suspend', parameters: { mailbox: mailboxId } },
		{ name: 'Mailbox: Resume', resource: 'mailbox', operation: 'resume', parameters: { mailbox: mailboxId } },
		{
			name: 'Sender Filter: Replace',
			resource: 'senderFilter',
			operation: 'replace',
			parameters: { filterTarget: 'mailbox', mailbox: mailboxId, filterMode: 'denylist', rules: { rule: [{ type: 'deny', pattern: '*@spam.example.org', note: 'sweep' }] } },
		},
		{ name: 'Sender Filter: Get', resource: 'senderFilter', operation: 'get', parameters: { filterTarget: 'domain', domain: domainId } },
		// Webhooks; deliveries are read from the subscription arranged beforehand (delivery is asynchronous).
		{
			name: 'Webhook: Create',
			resource: 'webhook',
			operation: 'create',
			parameters: { url: `${webhookBaseUrl}webhook/sweep-sink-${RUN}`, eventTypes: ['sendmux.test'], additionalFields: { name: `Sweep ${RUN}` } },
		},
		{ name: 'Webhook: Get', resource: 'webhook', operation: 'get', parameters: { webhook: webhookId } },
		{ name: 'Webhook: Update', resource: 'webhook', operation: 'update', parameters: { webhook: webhookId, updateFields: { name: `Sweep ${RUN} (renamed)` } } },
		{ name: 'Webhook: Get Many', resource: 'webhook', operation: 'getMany' },
		{ name: 'Webhook: Rotate Secret', resource: 'webhook', operation: 'rotateSecret', parameters: { webhook: webhookId } },
		{ name: 'Webhook: Send Test Event', resource: 'webhook', operation: 'sendTestEvent', parameters: { webhook: webhookId } },
		{ name: 'Webhook: Get Many Deliveries', resource: 'webhook', operation: 'getManyDeliveries', parameters: { webhook: byId(arranged.webhookId) } },
		{ name: 'Webhook: Get Delivery Payload', resource: 'webhook', operation: 'getDeliveryPayload', parameters: { webhook: byId(arranged.webhookId), deliveryId: arranged.deliveryId } },
		// Sending accounts and limits.
		{
			name: 'Sending Account: Create SMTP Account',
			resource: 'sendingAccount',
			operation: 'create',
			parameters: { name: `Sweep ${RUN}`, smtpHost: 'smtp.example.net', smtpPort: 587, smtpProtocol: 'starttls', smtpUsername: 'sweep', smtpPassword: 'sweep-password' },
		},
		{ name: 'Sending Account: Get', resource: 'sendingAccount', operation: 'get', parameters: { sendingAccount: accountId } },
		{ name: 'Sending Account: Update', resource: 'sendingAccount', operation: 'update', parameters: { sendingAccount: accountId, updateFields: { name: `Sweep ${RUN} (renamed)` } } },
		{ name: 'Sending Account: Get Many', resource: 'sendingAccount', operation: 'getMany' },
		{ name: 'Sending Account: Test Connection', resource: 'sendingAccount', operation: 'testConnection', parameters: { sendingAccount: accountId } },
		{ name: 'Sending Account: Deactivate', resource: 'sendingAccount', operation: 'deactivate', parameters: { sendingAccount: accountId } },
		{ name: 'Sending Account: Activate', resource: 'sendingAccount', operation: 'activate', parameters: { sendingAccount: accountId } },
		{ name: 'Sending Account: Get Limits', resource: 'sendingAccount', operation: 'getLimits' },
		{ name: 'Sending Account: Get Statistics', resource: 'sendingAccount', operation: 'getStatistics' },
		{ name: 'Sending Account: Get Usage', resource: 'sendingAccount', operation: 'getUsage' },
		{ name: 'Sending Account: Request Account Limit Increase', resource: 'sendingAccount', operation: 'requestLimitIncrease' },
		{ name: 'Sending Account: Request Shared SES Limit Increase', resource: 'sendingAccount', operation: 'requestSharedSesLimitIncrease' },
		{ name: 'Sending Account: Get Shared SES Limit', resource: 'sendingAccount', operation: 'getSharedSesLimit' },
		{
			name: 'Sending Account: Cancel Shared SES Limit Request',
			resource: 'sendingAccount',
			operation: 'cancelSharedSesLimitRequest',
			parameters: { requestId: first('Sending Account: Request Shared SES Limit Increase', 'request.id') },
		},
		// Billing and metrics.
		{ name: 'Billing: Get Balance', resource: 'billing', operation: 'getBalance' },
		{ name: 'Billing: Get Many Transactions', resource: 'billing', operation: 'getManyTransactions' },
		{ name: 'Billing: Get Spend Summary', resource: 'billing', operation: 'getSpendSummary' },
		{ name: 'Email Metric: Get', resource: 'emailMetric', operation: 'get' },
		// Sending API (mailbox key), then the logs it leaves.
		{ name: 'Email: Send', resource: 'email', operation: 'send', parameters: { fromEmail: `orders@${seeded.domain}`, toEmail: `sweep.${RUN}@example.net`, subject: `Sweep ${RUN}`, ...text } },
		{
			name: 'Email: Send Batch',
			resource: 'email',
			operation: 'sendBatch',
			parameters: { source: 'items', fromEmail: `news@${seeded.domain}`, toEmail: `sweep-batch.${RUN}@example.net`, subject: `Sweep batch ${RUN}`, ...text },
		},
		{ name: 'Delivery Log: Get Many', resource: 'deliveryLog', operation: 'getMany' },
		{ name: 'Delivery Log: Get', resource: 'deliveryLog', operation: 'get', parameters: { logId: first('Delivery Log: Get Many', 'id') } },
		{ name: 'Inbox Log: Get Many', resource: 'inboxLog', operation: 'getMany' },
		{ name: 'Inbox Log: Get', resource: 'inboxLog', operation: 'get', parameters: { logId: first('Inbox Log: Get Many', 'id') } },
		// Mailbox API (the seeded mailbox's key): the message arranged beforehand, its thread and attachment.
		{ name: 'Message: Get Many', resource: 'message', operation: 'getMany' },
		{ name: 'Message: Count', resource: 'message', operation: 'count' },
		{ name: 'Message: Get', resource: 'message', operation: 'get', parameters: { messageId: arranged.messageId } },
		{ name: 'Message: Get Search Snippets', resource: 'message', operation: 'getSnippets', parameters: { searchText: `Sweep ${RUN}` } },
		{ name: 'Message: Update', resource: 'message', operation: 'update', parameters: { messageId: arranged.messageId, updateFields: { seen: true } } },
		{ name: 'Message: Reply', resource: 'message', operation: 'reply', parameters: { messageId: arranged.messageId, text: 'Thanks, received.' } },
		{ name: 'Message: Forward', resource: 'message', operation: 'forward', parameters: { messageId: arranged.messageId, to: `colleague.${RUN}@example.net`, text: 'FYI' } },
		{ name: 'Message: Send', resource: 'message', operation: 'send', parameters: { to: `sweep-mbx.${RUN}@example.net`, subject: `Sweep ${RUN}`, text: `Sweep ${RUN}` } },
		{
			name: 'Attachment: Download',
			resource: 'attachment',
			operation: 'download',
			parameters: { messageId: arranged.messageId, attachmentId: arranged.attachmentId, binaryPropertyName: 'data' },
		},
		{ name: 'Thread: Get Many', resource: 'thread', operation: 'getMany' },
		{ name: 'Thread: Get', resource: 'thread', operation: 'get', parameters: { threadId: arranged.threadId } },
		{ name: 'Thread: Get Content', resource: 'thread', operation: 'getContent', parameters: { threadId: arranged.threadId } },
		{ name: 'Thread: Get Messages', resource: 'thread', operation: 'getMessages', parameters: { threadId: arranged.threadId } },
		{ name: 'Folder: Create', resource: 'folder', operation: 'create', parameters: { name: `Sweep ${RUN}` } },
		{ name: 'Folder: Get', resource: 'folder', operation: 'get', parameters: { folder: folderId } },
		{ name: 'Folder: Update', resource: 'folder', operation: 'update', parameters: { folder: folderId, updateFields: { name: `Sweep ${RUN} (renamed)` } } },
		{ name: 'Folder: Get Many', resource: 'folder', operation: 'getMany' },
		{ name: 'Sender Identity: Get Many', resource: 'senderIdentity', operation: 'getMany' },
		{ name: 'Sender Identity: Get Default', resource: 'senderIdentity', operation: 'getDefault' },
		{ name: 'Sender Identity: Update', resource: 'senderIdentity', operation: 'update', parameters: { updateFields: { name: 'Agent (sweep)' } } },
		{ name: 'Mailbox Account: Get', resource: 'mailboxAccount', operation: 'get' },
		{ name: 'Mailbox Account: Get Quotas', resource: 'mailboxAccount', operation: 'getQuotas' },
		{ name: 'Mailbox Account: Get Usage', resource: 'mailboxAccount', operation: 'getUsage' },
		{ name: 'Submission: Get Many', resource: 'submission', operation: 'getMany' },
		{ name: 'Submission: Get', resource: 'submission', operation: 'get', parameters: { submissionId: first('Submission: Get Many', 'id') } },
		// Deletes last, each of something the sweep made or arranged.
		{ name: 'Message: Delete', resource: 'message', operation: 'delete', parameters: { messageId: arranged.messageId } },
		{ name: 'Folder: Delete', resource: 'folder', operation: 'delete', parameters: { folder: folderId } },
		{ name: 'Webhook: Delete', resource: 'webhook', operation: 'delete', parameters: { webhook: webhookId } },
		{ name: 'Sending Account: Delete', resource: 'sendingAccount', operation: 'delete', parameters: { sendingAccount: accountId } },
		{ name: 'Mailbox: Delete', resource: 'mailbox', operation: 'delete', parameters: { mailbox: mailboxId } },
		{ name: 'Domain: Delete', resource: 'domain', operation: 'delete', parameters: { domain: domainId } },
	];
}

/** Operations that put the execution into waiting: each runs in a workflow of its own. */
const WAITING_OPERATIONS = ['email.sendAndWait', 'message.sendAndWait'];

/** A sweep node: the right key for its resource, run once, passing an item on even when it lists nothing. */
function sweepNode(step: SweepStep): WorkflowNode {
	return node(step.name, SENDMUX, { resource: step.resource, operation: step.operation, ...step.parameters }, {
		credentials: credentialRef(MAILBOX_KEY_RESOURCES.has(step.resource) ? 'mailbox' : 'root'),
		executeOnce: true,
		alwaysOutputData: true,
	});
}

interface RecordedRequest {
	at: number;
	method: string;
	path: string;
	operationId?: string;
	status: number | null;
}

/** A message with an attachment in the seeded mailbox, and a webhook subscription with a delivery. */
async function arrange(): Promise<Arranged> {
	const inbound = await injectInbound(`Sweep ${RUN}`, RUN, {
		attachments: [{ filename: 'report.csv', contentType: 'text/csv', content: Buffer.from('a,b\n1,2\n').toString('base64') }],
	});
	const message = await sendmux<{ thread_id: string; attachments: Array<{ id: string }> }>('app', 'GET', `/mailbox/messages/${inbound.id}`);
	expect(message.status).toBe(200);
	const webhook = await sendmux<{ id: string }>('app', 'POST', '/webhooks', { url: `${e2e().webhookBaseUrl}webhook/sweep-sink-${RUN}`, event_types: ['sendmux.test'] });
	expect(webhook.status).toBe(201);
	expect((await sendmux('app', 'POST', `/webhooks/${webhook.body.data.id}/test`)).status).toBeLessThan(300);
	const identity = await sendmux<{ name: string | null }>('app', 'GET', '/mailbox/identity');
	const delivery = await eventually(
		async () => (await sendmux<Array<{ id: string }>>('app', 'GET', `/webhooks/${webhook.body.data.id}/deliveries`)).body.data[0],
		{ what: 'a delivery attempt of the arranged webhook' },
	);
	return {
		messageId: inbound.id,
		threadId: message.body.data.thread_id,
		attachmentId: message.body.data.attachments[0].id,
		webhookId: webhook.body.data.id,
		deliveryId: delivery.id,
		senderName: identity.body.data.name,
	};
}

/** Each sweep node ran exactly once, without an error, and emitted at least one item. */
function expectEveryStepSucceeded(execution: Execution, steps: SweepStep[]): void {
	const runData = execution.data?.resultData.runData ?? {};
	// Always Output Data keeps the chain going past an empty answer, as an item without fields.
	const emitted = (name: string) => (runData[name]?.[0]?.data?.main[0] ?? []).some((item) => Object.keys(item.json).length > 0);
	const failed = steps.filter((step) => runData[step.name]?.length !== 1 || runData[step.name][0].error || !emitted(step.name));
	expect(
		failed.map((step) => `${step.name}: ${JSON.stringify(runData[step.name]?.[0]?.error ?? (runData[step.name] ? 'emitted nothing' : 'did not run'))}`),
		`every operation succeeds (execution ${execution.status}: ${JSON.stringify(execution.data?.resultData.error ?? null)})`,
	).toEqual([]);
	expect(execution.status).toBe('success');
}

describe('e2e: every operation of the Sendmux node in n8n, against the simulator', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	it('the sweep covers every operation of the built node exactly once', () => {
		const placeholder: Arranged = { messageId: 'm', threadId: 't', attachmentId: 'a', webhookId: 'w', deliveryId: 'd', senderName: null };
		const swept = [...sweepSteps(placeholder).map((step) => `${step.resource}.${step.operation}`), ...WAITING_OPERATIONS];
		const offered = operationsOfBuiltNode();
		expect(offered.length).toBeGreaterThan(80);
		expect(swept.filter((operation, index) => swept.indexOf(operation) !== index), 'swept twice').toEqual([]);
		expect([...swept].sort()).toEqual([...offered].sort());
	});

	it('runs every operation that finishes in a plain run, once, in one workflow: each succeeds, every request and answer within the specs', async () => {
		const arranged = await arrange();
		const steps = sweepSteps(arranged);
		const trigger = webhookTrigger(`e2e-sweep-${RUN}`);
		const nodes = [trigger, ...steps.map(sweepNode)];
		const since = Date.now();

		let execution: Execution;
		try {
			({ execution } = await workflows.runViaWebhook({ name: 'e2e sweep', nodes, connections: chain(...nodes.map((n) => n.name)) }, {}));
		} finally {
			// The other files share this simulator: the seeded mailbox keeps its sender name, and
			// the arranged subscription does not hold one of the team's webhook slots.
			await sendmux('app', 'PATCH', '/mailbox/identity', { name: arranged.senderName });
			await sendmux('app', 'DELETE', `/webhooks/${arranged.webhookId}`);
		}

		expectEveryStepSucceeded(execution, steps);
		// What came back is what each operation is for (a sample across resources and both keys).
		expect(jsonOf(execution, 'Domain: Get')[0]).toMatchObject({ domain: DOMAIN, mode: 'send_receive', verification_status: 'verified' });
		expect(jsonOf(execution, 'Attachment: Upload')[0]).toMatchObject({ blob_id: expect.any(String) });
		expect(jsonOf(execution, 'Sending Account: Get Shared SES Limit')[0]).toMatchObject({ pending_request: { status: 'pending' } });
		expect(jsonOf(execution, 'Sending Account: Cancel Shared SES Limit Request')[0]).toMatchObject({ request: { status: 'cancelled' } });
		expect(jsonOf(execution, 'Webhook: Get Delivery Payload')[0]).toMatchObject({ id: arranged.deliveryId });
		expect(jsonOf(execution, 'Email: Send')[0]).toMatchObject({ status: 'queued' });
		expect(jsonOf(execution, 'Message: Get')[0]).toMatchObject({ id: arranged.messageId });
		expect(n8n().nodeOutput(execution, 'Attachment: Download')[0].binary?.data).toBeDefined();
		expect(jsonOf(execution, 'Domain: Delete')[0]).toMatchObject({ deleted: true });
		const requests = (await control<RecordedRequest[]>('GET', '/requests')).filter((request) => request.at >= since);
		// Each operation reached Sendmux (some read several pages or upload in two steps).
		expect(requests.length).toBeGreaterThanOrEqual(steps.length);
		// Every request matched an operation of the specs and was answered with success: a
		// request outside the specs would have been refused (400/422), an unsimulated one 501.
		expect(requests.filter((request) => !request.operationId || request.status === null || request.status >= 400)).toEqual([]);
		await control('POST', '/settle');
		expect(await control<string[]>('GET', '/violations'), 'the simulator answered outside the spec').toEqual([]);
	});

	it('Send and Wait (Email and Mailbox API): each execution waits with its request email sent', async () => {
		const emailApprover = `sweep-saw.${RUN}@example.net`;
		const mailboxApprover = `sweep-saw-mbx.${RUN}@example.net`;
		const email = approvalWorkflow('e2e sweep: email send and wait', `e2e-sweep-saw-${RUN}`, { toEmail: emailApprover });
		const message = approvalWorkflow('e2e sweep: message send and wait', `e2e-sweep-saw-mbx-${RUN}`, {});
		message.nodes[1].parameters = { resource: 'message', operation: 'sendAndWait', to: mailboxApprover, subject: `Sweep ${RUN}`, message: 'Approve?', options: {} };
		const swept = [email, message].map((workflow) => {
			const ask = workflow.nodes[1].parameters;
			return `${String(ask.resource)}.${String(ask.operation)}`;
		});
		expect(swept).toEqual(WAITING_OPERATIONS);

		for (const workflow of [email, message]) {
			const saved = await workflows.create(workflow);
			await client.activateWorkflow(saved.id);
			expect((await client.callWebhook(String(workflow.nodes[0].parameters.path), { orderId: 'S-1', amount: 1 })).status).toBe(200);
			const [execution] = await client.waitForExecutions({ workflowId: saved.id, status: 'waiting', count: 1 });
			expect(execution.status).toBe('waiting');
			expect(execution.data?.resultData.runData['Ask for approval']?.[0]?.error).toBeUndefined();
		}
		const emailRequest = await requestEmailTo(emailApprover, 'sendingSendEmail');
		const mailboxRequest = await requestEmailTo(mailboxApprover, 'mailboxSendMessage');
		for (const sent of [emailRequest, mailboxRequest]) expect(sent.links.some((link) => link.includes('/webhook-waiting/'))).toBe(true);
	});
});
