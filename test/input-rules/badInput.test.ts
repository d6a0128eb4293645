/**
 * Issue 21: one set of input rules for every operation. Every operation of the router, run
 * in a real workflow with each class of bad input it can receive (CR/LF, oversized,
 * out-of-enum, below minimum, wrong ID prefix, empty, wrong key shape, wrong base URL): no
 * request reaches Sendmux, and the error names the field and the item.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { RESOURCES } from '../../nodes/Sendmux/actions/resources';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode, testCredentials } from '../harness/workflow';

const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const DOMAIN = rl('mdom_abc123');
const MAILBOX = rl('mbx_abc123');
const WEBHOOK = rl('whk_abc123');
const ACCOUNT = rl('dprov_abc123');
const addresses = (count: number) => Array.from({ length: count }, (_, n) => `r${n}@customer.test`).join(', ');
const CRLF_SUBJECT = '={{ "Hi\\r\\nBcc: evil@x.com" }}';

/** Parameters each operation accepts as valid: the base every bad case changes one thing of. */
const VALID: Record<string, Record<string, unknown>> = {
	'email.send': { fromEmail: 'orders@acme.test', toEmail: 'jane@example.com', subject: 'Hi', emailFormat: 'html', html: '<p>Hi</p>' },
	'email.sendAndWait': { fromEmail: 'orders@acme.test', toEmail: 'jane@example.com', subject: 'Refund?', message: 'Refund order A-1?' },
	'email.sendBatch': { source: 'items', fromEmail: 'orders@acme.test', toEmail: 'jane@example.com', subject: 'Hi', emailFormat: 'html', html: '<p>Hi</p>' },
	'domain.create': { domainName: 'mail.acme.test' },
	'domain.delete': { domain: DOMAIN },
	'domain.get': { domain: DOMAIN },
	'domain.getMany': {},
	'domain.getZoneFile': { domain: DOMAIN, binaryPropertyName: 'data' },
	'domain.update': { domain: DOMAIN },
	'domain.verify': { domain: DOMAIN },
	'mailbox.checkAvailability': { email: 'agent@acme.test' },
	'mailbox.create': { email: 'agent@acme.test' },
	'mailbox.createKey': { mailbox: MAILBOX, appName: 'n8n' },
	'mailbox.delete': { mailbox: MAILBOX },
	'mailbox.get': { mailbox: MAILBOX },
	'mailbox.getMany': {},
	'mailbox.resume': { mailbox: MAILBOX },
	'mailbox.revokeKey': { mailbox: MAILBOX, keyId: 'smx_clabc123' },
	'mailbox.suspend': { mailbox: MAILBOX },
	'mailbox.update': { mailbox: MAILBOX, updateFields: { displayName: 'Agent' } },
	'senderFilter.get': { filterTarget: 'domain', domain: DOMAIN },
	'senderFilter.replace': { filterTarget: 'domain', domain: DOMAIN, filterMode: 'denylist', rulesSource: 'fields', rules: { rule: [{ type: 'deny', pattern: 'spam.test' }] } },
	'webhook.create': { url: 'https://hooks.acme.test/sendmux', eventTypes: ['message.delivered'] },
	'webhook.delete': { webhook: WEBHOOK },
	'webhook.get': { webhook: WEBHOOK },
	'webhook.getDeliveryPayload': { webhook: WEBHOOK, deliveryId: 'whda_abc123' },
	'webhook.getMany': {},
	'webhook.getManyDeliveries': { webhook: WEBHOOK },
	'webhook.rotateSecret': { webhook: WEBHOOK },
	'webhook.sendTestEvent': { webhook: WEBHOOK },
	'webhook.update': { webhook: WEBHOOK, updateFields: { name: 'Orders' } },
	'deliveryLog.get': { logId: 'dlog_abc123' },
	'deliveryLog.getMany': {},
	'inboxLog.get': { logId: 'ilog_abc123' },
	'inboxLog.getMany': {},
	'emailMetric.get': { period: '24h' },
	'billing.getBalance': {},
	'billing.getManyTransactions': {},
	'billing.getSpendSummary': {},
	'message.count': {},
	'message.delete': { messageId: 'msg_1' },
	'message.forward': { messageId: 'msg_1', to: 'ann@customer.test' },
	'message.get': { messageId: 'msg_1' },
	'message.getMany': {},
	'message.getSnippets': { searchText: 'invoice' },
	'message.reply': { messageId: 'msg_1', text: 'Thanks' },
	'message.send': { to: 'ann@customer.test', subject: 'Hi', text: 'Hello' },
	'message.sendAndWait': { to: 'ann@customer.test', subject: 'Refund?', message: 'Refund order A-1?' },
	'message.update': { messageId: 'msg_1', updateFields: { seen: true } },
	'thread.get': { threadId: 'thr_1' },
	'thread.getContent': { threadId: 'thr_1' },
	'thread.getMany': {},
	'thread.getMessages': { threadId: 'thr_1' },
	'folder.create': { name: 'Invoices' },
	'folder.delete': { folder: rl('fld_1') },
	'folder.get': { folder: rl('fld_1') },
	'folder.getMany': {},
	'folder.update': { folder: rl('fld_1'), updateFields: { name: 'Paid' } },
	'attachment.download': { messageId: 'msg_1', attachmentId: 'att_1', binaryPropertyName: 'data' },
	'attachment.upload': { binaryPropertyName: 'data' },
	'senderIdentity.getDefault': {},
	'senderIdentity.getMany': {},
	'senderIdentity.update': { updateFields: { name: 'Support' } },
	'submission.get': { submissionId: 'sub_1' },
	'submission.getMany': {},
	'mailboxAccount.get': {},
	'mailboxAccount.getQuotas': {},
	'mailboxAccount.getUsage': {},
	'sendingAccount.activate': { sendingAccount: ACCOUNT },
	'sendingAccount.cancelSharedSesLimitRequest': { requestId: 'slir_abc123' },
	'sendingAccount.create': { name: 'Office SMTP', smtpHost: 'smtp.acme.test', smtpPort: 587, smtpProtocol: 'starttls', smtpUsername: 'u', smtpPassword: 'secret-password' },
	'sendingAccount.deactivate': { sendingAccount: ACCOUNT },
	'sendingAccount.delete': { sendingAccount: ACCOUNT },
	'sendingAccount.get': { sendingAccount: ACCOUNT },
	'sendingAccount.getLimits': {},
	'sendingAccount.getMany': {},
	'sendingAccount.getSharedSesLimit': {},
	'sendingAccount.getStatistics': {},
	'sendingAccount.getUsage': {},
	'sendingAccount.requestLimitIncrease': {},
	'sendingAccount.requestSharedSesLimitIncrease': {},
	'sendingAccount.testConnection': { sendingAccount: ACCOUNT },
	'sendingAccount.update': { sendingAccount: ACCOUNT, updateFields: { name: 'Office' } },
};

type BadClass = 'CR/LF' | 'oversized' | 'out-of-enum' | 'below minimum' | 'wrong id prefix' | 'empty' | 'wrong key shape' | 'wrong base URL' | 'not accepted';

interface Case {
	operation: string;
	class: BadClass;
	what: string;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The field the message must name. */
	field: RegExp;
	/** What the error's description must also say. */
	details?: RegExp;
}

const c = (operation: string, badClass: BadClass, what: string, parameters: Record<string, unknown>, field: RegExp): Case => ({
	operation,
	class: badClass,
	what,
	parameters,
	field,
});

const LIST_OPERATIONS = Object.keys(VALID).filter((op) =>
	/\.(getMany|getManyTransactions|getManyDeliveries|getQuotas|getMessages)$/.test(op),
);

const cases: Case[] = [
	// 1. The Mailbox API's send, reply and forward: Email → Send's rules.
	c('message.send', 'CR/LF', 'subject from an expression', { subject: CRLF_SUBJECT }, /"Subject"/),
	// Send and Wait sends through Send: the same rules, before the email goes out.
	c('email.sendAndWait', 'CR/LF', 'subject from an expression', { subject: CRLF_SUBJECT }, /"Subject"/),
	c('email.sendAndWait', 'not accepted', 'a To address that is not one', { toEmail: '={{ "not-an-email" }}' }, /"To Email"/),
	c('message.sendAndWait', 'CR/LF', 'subject from an expression', { subject: CRLF_SUBJECT }, /"Subject"/),
	c('message.sendAndWait', 'oversized', '51 recipients', { to: addresses(51) }, /"To", "CC" and "BCC"/),
	c('message.reply', 'CR/LF', 'reply subject', { options: { subject: CRLF_SUBJECT } }, /"Subject"/),
	c('message.forward', 'CR/LF', 'forward subject', { options: { subject: CRLF_SUBJECT } }, /"Subject"/),
	c('message.send', 'CR/LF', 'recipient name', { to: '={{ [{ email: "a@customer.test", name: "Ann\\r\\nBcc: x@y.z" }] }}' }, /"To"/),
	c('message.send', 'CR/LF', 'header value', { options: { customHeaders: { header: [{ name: 'X-Tag', value: 'a\r\nBcc: x@y.z' }] } } }, /"Custom Headers"/),
	c('message.send', 'not accepted', 'a custom header named Subject', { options: { customHeaders: { header: [{ name: 'Subject', value: 'x' }] } } }, /"Custom Headers"/),
	c('message.reply', 'not accepted', 'a custom header named Subject', { options: { customHeaders: { header: [{ name: 'Subject', value: 'x' }] } } }, /"Custom Headers"/),
	c('message.forward', 'not accepted', 'a custom header named Subject', { options: { customHeaders: { header: [{ name: 'Subject', value: 'x' }] } } }, /"Custom Headers"/),
	c('message.send', 'oversized', '51 recipients', { to: addresses(51) }, /"To", "CC" and "BCC"/),
	c('message.forward', 'oversized', '51 recipients', { to: addresses(30), options: { cc: addresses(21) } }, /"To", "CC" and "BCC"/),
	c('message.send', 'oversized', '999-character subject', { subject: 'x'.repeat(999) }, /"Subject"/),
	c('message.reply', 'oversized', '999-character subject', { options: { subject: 'x'.repeat(999) } }, /"Subject"/),
	c('message.send', 'empty', 'subject from an expression', { subject: '={{ "" }}' }, /"Subject"/),
	c('message.send', 'not accepted', 'a bad Reply-To entry', { options: { replyTo: 'help@customer.test, nope@' } }, /"Reply-To".*entry 2/),
	c('email.send', 'CR/LF', 'subject from an expression', { subject: CRLF_SUBJECT }, /"Subject"/),
	c('email.send', 'oversized', '999-character subject', { subject: 'x'.repeat(999) }, /"Subject"/),
	c('email.send', 'empty', 'subject from an expression', { subject: '={{ "" }}' }, /"Subject"/),
	// 6. Reply-To of the Sending API takes one address.
	c('email.send', 'not accepted', 'two Reply-To addresses', { additionalFields: { replyTo: 'a@acme.test, b@acme.test' } }, /"Reply-To" holds 2 addresses/),
	{
		...c('email.send', 'not accepted', 'two Reply-To addresses, the second bad', { additionalFields: { replyTo: 'a@acme.test, b@' } }, /"Reply-To" holds 2 addresses \("a@acme.test", "b@"\)/),
		details: /"Reply-To" has an invalid email address in entry 2 \("b@"\)/,
	},
	c('email.send', 'not accepted', 'a bad Reply-To address', { additionalFields: { replyTo: 'Support <support@>' } }, /"Reply-To".*"support@"/),
	// 2. Option lists and bounds from expressions, checked against the spec.
	c('emailMetric.get', 'out-of-enum', 'granularity weekly', { granularity: '={{ "weekly" }}' }, /Granularity.*"hourly", "daily"/),
	c('emailMetric.get', 'out-of-enum', 'period of 90 days', { period: '={{ "90d" }}', fromDate: '2026-01-01T00:00:00Z' }, /Period/),
	c('billing.getSpendSummary', 'out-of-enum', 'days 0', { days: '={{ 0 }}' }, /Days.*"7", "30", "90"/),
	c('billing.getSpendSummary', 'out-of-enum', 'days 10000', { days: '={{ 10000 }}' }, /Days/),
	c('billing.getManyTransactions', 'out-of-enum', 'type', { filters: { type: '={{ "GIFT" }}' } }, /Type/),
	c('mailbox.update', 'below minimum', 'negative quota', { updateFields: { quotaBytes: '={{ -1 }}' } }, /Storage Quota/),
	c('mailbox.create', 'below minimum', 'negative quota', { additionalFields: { quotaBytes: '={{ -1 }}' } }, /Storage Quota/),
	c('mailbox.createKey', 'oversized', 'key name of 256 characters', { appName: 'k'.repeat(256) }, /Key Name/),
	c('mailbox.createKey', 'oversized', 'key name of 256 characters, mailbox given by address', { mailbox: rl('agent@acme.test', 'address'), appName: 'k'.repeat(256) }, /Key Name/),
	c('senderFilter.replace', 'out-of-enum', 'mode, domain given by name', { domain: rl('acme.test', 'name'), filterMode: '={{ "block" }}' }, /Mode/),
	c('mailbox.createKey', 'empty', 'key name from an expression', { appName: '={{ "" }}' }, /Key Name/),
	c('message.getMany', 'out-of-enum', 'sort by', { sort: { sortBy: '={{ "size" }}' } }, /Sort By/),
	c('thread.getMany', 'out-of-enum', 'sort direction', { sortDirection: '={{ "sideways" }}' }, /Sort Direction/),
	c('thread.getMessages', 'out-of-enum', 'order', { sort: '={{ "random" }}' }, /Order/),
	c('deliveryLog.getMany', 'out-of-enum', 'status', { filters: { status: '={{ "bounced" }}' } }, /Status/),
	c('inboxLog.getMany', 'out-of-enum', 'event type', { filters: { eventType: '={{ "message.sent" }}' } }, /Event Type/),
	c('webhook.getManyDeliveries', 'out-of-enum', 'result', { filters: { result: '={{ "ok" }}' } }, /Result/),
	c('sendingAccount.getMany', 'out-of-enum', 'type', { filters: { type: '={{ "postfix" }}' } }, /Type/),
	c('mailboxAccount.getQuotas', 'out-of-enum', 'scope', { filters: { scope: '={{ "planet" }}' } }, /Scope/),
	c('submission.getMany', 'out-of-enum', 'undo status', { filters: { undoStatus: '={{ "maybe" }}' } }, /Undo Status/),
	c('domain.create', 'out-of-enum', 'mode', { domainMode: '={{ "receive_only" }}' }, /Mode/),
	c('senderFilter.replace', 'out-of-enum', 'mode', { filterMode: '={{ "block" }}' }, /Mode/),
	c('sendingAccount.create', 'below minimum', 'SMTP port 0', { smtpPort: '={{ 0 }}' }, /SMTP Port/),
	c('sendingAccount.create', 'out-of-enum', 'security', { smtpProtocol: '={{ "tls1.3" }}' }, /Security/),
	c('sendingAccount.update', 'below minimum', 'SMTP port 0', { updateFields: { smtpPort: '={{ 0 }}' } }, /SMTP Port/),
	c('sendingAccount.update', 'oversized', 'routing weight 101', { updateFields: { percentage: '={{ 101 }}' } }, /Routing Weight \(%\).*at most 100/),
	c('sendingAccount.create', 'oversized', 'SMTP port 70000', { smtpPort: '={{ 70000 }}' }, /SMTP Port.*at most 65535/),
	c('senderIdentity.update', 'oversized', 'text signature of 2048 characters', { updateFields: { textSignature: 's'.repeat(2048) } }, /Text Signature/),
	// 3. Limit 0 or -1 from an expression, on every list operation.
	...LIST_OPERATIONS.flatMap((op) => [
		c(op, 'below minimum', 'limit 0', { returnAll: false, limit: '={{ 0 }}' }, /Limit/),
		c(op, 'below minimum', 'limit -1', { returnAll: false, limit: '={{ -1 }}' }, /Limit/),
	]),
	c('message.getSnippets', 'below minimum', 'limit 0', { limit: '={{ 0 }}' }, /Limit/),
	c('thread.getContent', 'below minimum', 'max messages 0', { options: { maxMessages: '={{ 0 }}' } }, /Max Messages/),
	c('thread.getContent', 'below minimum', 'max characters -5', { options: { maxChars: '={{ -5 }}' } }, /Max Characters/),
	c('message.get', 'oversized', 'max characters 2,000,000', { options: { maxChars: '={{ 2000000 }}' } }, /Max Characters/),
	c('message.getMany', 'below minimum', 'min size -1', { filters: { minSizeBytes: '={{ -1 }}' } }, /Min Size \(Bytes\)/),
	c('message.count', 'below minimum', 'max size -1', { filters: { maxSizeBytes: '={{ -1 }}' } }, /Max Size \(Bytes\)/),
	c('email.sendBatch', 'below minimum', 'parallel calls 0', { options: { parallelCalls: '={{ 0 }}' } }, /Parallel Calls/),
	c('email.sendBatch', 'oversized', 'batch size 101', { options: { batchSize: '={{ 101 }}' } }, /Batch Size/),
	c('email.sendBatch', 'CR/LF', 'subject from an expression', { subject: CRLF_SUBJECT }, /"Subject"/),
	c('webhook.create', 'oversized', 'name of 256 characters', { additionalFields: { name: 'w'.repeat(256) } }, /Name/),
	c('webhook.update', 'oversized', 'name of 256 characters', { updateFields: { name: 'w'.repeat(256) } }, /Name/),
	c('mailbox.create', 'oversized', 'display name of 255 characters', { additionalFields: { displayName: 'd'.repeat(255) } }, /Display Name/),
	c('mailbox.update', 'oversized', 'display name of 255 characters', { updateFields: { displayName: 'd'.repeat(255) } }, /Display Name/),
	c('mailbox.checkAvailability', 'not accepted', 'an address without a domain', { email: 'agent@' }, /Email/),
	c('sendingAccount.create', 'oversized', 'name of 256 characters', { name: 'n'.repeat(256) }, /Name/),
	// 7. Sender filter patterns, as the spec says Sendmux validates them.
	c('senderFilter.replace', 'not accepted', 'a pattern that is neither address nor domain', { rules: { rule: [{ type: 'deny', pattern: 'not a pattern!! @@' }] } }, /Rule 1.*pattern/),
	c('senderFilter.replace', 'oversized', 'a note of 256 characters', { rules: { rule: [{ type: 'deny', pattern: 'spam.test', note: 'n'.repeat(256) }] } }, /Rules → Note \(entry 1\)/),
	// Wrong ID prefixes.
	c('domain.get', 'wrong id prefix', 'a mailbox ID', { domain: rl('={{ "mbx_abc123" }}') }, /^Domain of item 0 is not a domain ID/),
	c('mailbox.get', 'wrong id prefix', 'a domain ID', { mailbox: rl('={{ "mdom_abc123" }}') }, /^Mailbox of item 0 is not a mailbox ID/),
	c('webhook.get', 'wrong id prefix', 'a mailbox ID', { webhook: rl('={{ "mbx_abc123" }}') }, /^Webhook of item 0 is not a webhook ID/),
	c('sendingAccount.activate', 'wrong id prefix', 'a mailbox ID', { sendingAccount: rl('={{ "mbx_abc123" }}') }, /Sending Account/),
	c('deliveryLog.get', 'wrong id prefix', 'an inbox log ID', { logId: 'ilog_abc123' }, /Log ID/),
	c('inboxLog.get', 'wrong id prefix', 'a delivery log ID', { logId: 'dlog_abc123' }, /Log ID/),
	c('webhook.getDeliveryPayload', 'wrong id prefix', 'a webhook ID', { deliveryId: 'whk_abc123' }, /Delivery ID/),
	// Empty required fields.
	c('domain.create', 'empty', 'domain name from an expression', { domainName: '={{ "" }}' }, /Domain/),
	c('folder.create', 'empty', 'name from an expression', { name: '={{ "" }}' }, /Name/),
	c('message.get', 'empty', 'message ID from an expression', { messageId: '={{ "" }}' }, /Message ID/),
	c('thread.get', 'empty', 'thread ID from an expression', { threadId: '={{ "" }}' }, /Thread ID/),
];

/**
 * ID fields: empty from an expression (n8n itself refuses a static empty required field), and
 * another resource's ID where the field's IDs have a prefix.
 */
const ID_FIELDS: Record<string, { label: RegExp; prefix?: string }> = {
	domain: { label: /Domain/, prefix: 'mdom' },
	mailbox: { label: /Mailbox/, prefix: 'mbx' },
	webhook: { label: /Webhook/, prefix: 'whk' },
	sendingAccount: { label: /Sending Account/, prefix: 'dprov' },
	folder: { label: /Folder/ },
	logId: { label: /Log ID/, prefix: 'log' },
	deliveryId: { label: /Delivery ID/, prefix: 'whda' },
	requestId: { label: /Request ID/, prefix: 'slir' },
	messageId: { label: /Message ID/ },
	threadId: { label: /Thread ID/ },
	submissionId: { label: /Submission ID/ },
	attachmentId: { label: /Attachment ID/ },
	keyId: { label: /Key ID/ },
};
for (const [operation, valid] of Object.entries(VALID)) {
	for (const [name, value] of Object.entries(valid)) {
		const idField = ID_FIELDS[name];
		if (!idField) continue;
		const isLocator = typeof value === 'object';
		const given = (expression: string) => ({ [name]: isLocator ? rl(expression) : expression });
		cases.push(c(operation, 'empty', `${name} from an expression`, given('={{ "" }}'), idField.label));
		if (idField.prefix) {
			const other = idField.prefix === 'mbx' ? 'mdom_abc123' : 'mbx_abc123';
			cases.push(c(operation, 'wrong id prefix', `${name} holding another resource's ID`, given(`={{ "${other}" }}`), idField.label));
		}
	}
}

const ITEM = /item 0/i;

// 4. A key that is only its prefix, for every operation of the router.
const OPERATIONS = Object.entries(RESOURCES).flatMap(([resource, entry]) =>
	Object.keys(entry.module.operations).map((operation) => ({ operation: `${resource}.${operation}`, keyClass: entry.keyClass })),
);
for (const { operation, keyClass } of OPERATIONS) {
	const prefixOnly: Record<string, ICredentialDataDecryptedObject> =
		keyClass === 'root' ? { sendmuxRootApi: { apiKey: 'smx_root_' } } : { sendmuxMailboxApi: { apiKey: 'smx_mbx_' } };
	cases.push({ operation, class: 'wrong key shape', what: 'key that is only the prefix', credentials: testCredentials(prefixOnly), field: /API key in the "Sendmux (Root|Sending and Mailbox) API" credential is only the prefix/ });
}
// 5. A base URL that is not http(s), on each surface.
cases.push(
	{ operation: 'email.send', class: 'wrong base URL', what: 'ftp:// Sending API Base URL', credentials: testCredentials({ sendmuxMailboxApi: { sendingBaseUrl: 'ftp://smtp.sendmux.ai/api/v1' } }), field: /"Sending API Base URL" field of the "Sendmux Sending and Mailbox API" credential/ },
	{ operation: 'message.send', class: 'wrong base URL', what: 'Mailbox API Base URL that is not a URL', credentials: testCredentials({ sendmuxMailboxApi: { appBaseUrl: 'app.sendmux.ai' } }), field: /"Mailbox API Base URL" field of the "Sendmux Sending and Mailbox API" credential/ },
	{ operation: 'domain.getMany', class: 'wrong base URL', what: 'ftp:// Management API Base URL', credentials: testCredentials({ sendmuxRootApi: { appBaseUrl: 'ftp://app.sendmux.ai/api/v1' } }), field: /"Management API Base URL" field of the "Sendmux Root API" credential/ },
);

const CREDENTIAL_CLASSES = new Set<BadClass>(['wrong key shape', 'wrong base URL']);
const binaryInput: INodeExecutionData[] = [
	{ json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'a.txt' } } },
];

function catchAll(api: SendmuxApi): void {
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
		api.sending(method, /.*/).times(20).error(500, 'internal_error', 'a request reached Sendmux');
		api.app(method, /.*/).times(20).error(500, 'internal_error', 'a request reached Sendmux');
	}
}

describe('every operation refuses bad input before any request, naming the field and the item', () => {
	it('the table covers every operation of the router', () => {
		expect(Object.keys(VALID).sort()).toEqual(OPERATIONS.map((o) => o.operation).sort());
	});

	it.each(cases.map((entry) => [`${entry.operation} · ${entry.class} · ${entry.what}`, entry] as const))('%s', async (_name, entry) => {
		const api = new SendmuxApi();
		catchAll(api);
		const [resource, operation] = entry.operation.split('.');
		const { error, items } = await runNode({
			node: { parameters: { resource, operation, ...VALID[entry.operation], ...entry.parameters } },
			input: binaryInput,
			credentials: entry.credentials,
		});
		expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([]);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(entry.field);
		if (entry.details) expect(error?.description).toMatch(entry.details);
		if (CREDENTIAL_CLASSES.has(entry.class)) {
			// Not an item's fault: the message names the credential and its field instead.
			expect(error?.message).toMatch(/credential/);
		} else {
			expect(error?.message).toMatch(ITEM);
		}
	});
});
