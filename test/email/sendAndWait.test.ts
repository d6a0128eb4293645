import { SEND_AND_WAIT_OPERATION, WAIT_INDEFINITELY, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage } from '../harness/package';
import { linksIn, NO_ACTION_REQUIRED, outputAfter, resume, textOf, visit, waitingNode } from '../harness/sendAndWait';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';
import { FakeSending } from './fakeSending';

const base: INodeParameters = {
	resource: 'email',
	operation: 'sendAndWait',
	fromEmail: 'Acme Approvals <approvals@acme.test>',
	toEmail: '={{ $json.approver ?? "boss@example.com" }}',
	subject: '=Refund for order {{ $json.orderId }}',
	message: '=Refund 120 EUR for order {{ $json.orderId }}?\nCustomer: <Jane & Co>',
};

const input = [{ json: { approver: 'boss@example.com', orderId: 'A-1001' } }];

/** Runs the node until it waits; returns the run, the one email request and its links. */
async function sendRequest(parameters: INodeParameters, items: INodeExecutionData[] = input) {
	const api = new SendmuxApi();
	const fake = new FakeSending();
	api.sending('POST', '/emails/send').replyWith(fake.single());
	const nodeRun = await runNode({ node: { parameters: { ...base, ...parameters } }, input: items });
	expect(nodeRun.error).toBeUndefined();
	expect(api.requests).toHaveLength(1);
	const [request] = api.requests;
	const body = request.body as { html_body: string; text_body: string; to: { email: string }; subject: string };
	return { ...nodeRun, request, body, links: linksIn(body.html_body) };
}

describe('Email → Send and Wait for Response: the request', () => {
	it('sends one email through Email → Send (Idempotency-Key included) and leaves the execution waiting', async () => {
		const { run, request, body, links, items } = await sendRequest({});
		expect(run.status).toBe('waiting');
		expect(run.waitTill).toEqual(WAIT_INDEFINITELY);
		expect(request.idempotencyKey).toMatch(/^n8n-.+-send-[0-9a-f]{32}$/);
		expect(body.to.email).toBe('boss@example.com');
		expect(body.subject).toBe('Refund for order A-1001');
		// The question, escaped, in HTML and text; one approve link, n8n's signed resume URL.
		expect(body.html_body).toContain('Refund 120 EUR for order A-1001?<br>');
		expect(body.html_body).toContain('Customer: &lt;Jane &amp; Co&gt;');
		expect(links).toHaveLength(1);
		const approve = new URL(links[0]);
		expect(approve.origin).toBe('https://n8n.example.test');
		expect(approve.pathname).toMatch(/^\/webhook-waiting\/\d+\/[0-9a-f-]{36}$/);
		expect(approve.searchParams.get('approved')).toBe('true');
		expect(approve.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		expect(body.text_body).toContain(`Approve: ${links[0]}`);
		// While waiting, the node shows its input items.
		expect(items.map((item) => item.json)).toEqual([input[0].json]);
	});

	it('approve and decline: two links, labels as set, each signed for its own answer', async () => {
		const { body, links } = await sendRequest({
			approvalOptions: { values: { approvalType: 'double', approveLabel: 'Refund it', disapproveLabel: 'No refund' } },
		});
		expect(links.map((link) => new URL(link).searchParams.get('approved'))).toEqual(['true', 'false']);
		expect(textOf(body.html_body)).toContain('Refund it No refund');
		expect(new Set(links.map((link) => new URL(link).searchParams.get('signature'))).size).toBe(2);
	});

	it('a Custom Form that cannot be built fails the node before anything is sent', async () => {
		const api = new SendmuxApi();
		const { error } = await runNode({
			node: {
				parameters: {
					...base,
					responseType: 'customForm',
					formFields: { values: [{ fieldLabel: 'Decision', fieldType: 'dropdown', fieldChoices: '' }] },
				},
			},
			input,
		});
		expect(error?.message).toBe('The Custom Form cannot be built: Form field 1 ("Decision") is a dropdown without choices; list them in Choices, separated by commas');
		expect(api.requests).toHaveLength(0);
	});

	it('Limit Wait Time: waits until now + the interval, or until the date; a bad limit sends nothing', async () => {
		const before = Date.now();
		const { run } = await sendRequest({
			options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } } },
		});
		const waitMs = (run.waitTill as Date).getTime() - before;
		expect(waitMs).toBeGreaterThanOrEqual(45 * 60_000);
		expect(waitMs).toBeLessThan(46 * 60_000);

		const { run: dated } = await sendRequest({
			options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2030-01-02T03:04:05Z' } } },
		});
		expect(dated.waitTill).toEqual(new Date('2030-01-02T03:04:05Z'));

		const api = new SendmuxApi();
		const { error } = await runNode({
			node: { parameters: { ...base, options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0, resumeUnit: 'hours' } } } } },
			input,
		});
		expect(error?.message).toBe('Limit Wait Time needs an Amount above 0');
		expect(api.requests).toHaveLength(0);
	});

	it('exactly once: n8n’s Retry On Fail re-sends the same email under the same key; Sendmux queues it once', async () => {
		const api = new SendmuxApi();
		const fake = new FakeSending();
		// The reply is lost after Sendmux queued the request: the first attempt fails for n8n…
		api.sending('POST', '/emails/send').replyWith((request) => {
			fake.single()(request);
			return [503, { ok: false, error: { code: 'service_unavailable', message: 'Gateway lost the reply', retryable: true }, meta: { request_id: 'req_lost' } }];
		});
		api.sending('POST', '/emails/send').replyWith(fake.single());
		const { run, error } = await runNode({
			node: {
				parameters: { ...base, requestOptions: { maxAttempts: 1 } },
				settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
			},
			input,
		});
		expect(error).toBeUndefined();
		expect(api.requests).toHaveLength(2);
		expect(api.requests[1].idempotencyKey).toBe(api.requests[0].idempotencyKey);
		// The same links (n8n signs them per execution and node), so the same body under that key.
		expect(api.requests[1].body).toEqual(api.requests[0].body);
		expect(fake.sent).toHaveLength(1);
		expect(run.status).toBe('waiting');
	});

	it('a refused send does not wait: the error names Sendmux’s reason; Continue On Fail outputs it instead', async () => {
		const api = new SendmuxApi();
		api.sending('POST', '/emails/send').error(402, 'insufficient_credits', 'Not enough credits to send this email');
		const stopped = await runNode({ node: { parameters: base }, input });
		expect(stopped.run.status).not.toBe('waiting');
		expect(stopped.error?.message).toContain('Not enough credits to send this email');

		api.sending('POST', '/emails/send').error(402, 'insufficient_credits', 'Not enough credits to send this email');
		const continued = await runNode({ node: { parameters: base, settings: { onError: 'continueRegularOutput' } }, input });
		expect(continued.run.waitTill).toBeUndefined();
		expect(continued.items).toHaveLength(1);
		expect(continued.items[0].json.error).toContain('Not enough credits');
	});

	it('as a Human review tool: n8n’s default message shows the tool’s input as JSON, not [object Object]', async () => {
		const { body } = await sendRequest(
			{ message: '=The agent wants to run this tool: {{ $tool.name }}\n\nInput:\n{{ $tool.parameters }}' },
			[{ json: { tool: 'Send_refund', toolParameters: { orderId: 'A-1001', amount: 120 } } }],
		);
		expect(body.text_body).toContain('The agent wants to run this tool: Send_refund\n\nInput:\n{\n  "orderId": "A-1001",\n  "amount": 120\n}');
		expect(body.html_body).not.toContain('[object Object]');
	});

	it('one request per execution, built from the first item, like n8n’s own send-and-wait nodes', async () => {
		const { body, items } = await sendRequest({}, [input[0], { json: { approver: 'other@example.com', orderId: 'B-2' } }]);
		expect(body.to.email).toBe('boss@example.com');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Email → Send and Wait for Response: the page and the answer', () => {
	it('GET and HEAD of the approve link only show the page; a scanner’s fetch decides nothing', async () => {
		const { run, links } = await sendRequest({});
		const page = await visit(run, { method: 'GET', url: links[0] });
		expect(page.status).toBe(200);
		expect(page.resumedWith).toBeUndefined();
		expect(textOf(page.html)).toContain('Refund for order A-1001');
		expect(textOf(page.html)).toContain('Customer: <Jane & Co>');
		expect(page.html).toContain('<form method="post" enctype="multipart/form-data">');
		expect(page.html).not.toMatch(/<script/i);
		expect(page.headers).toMatchObject({
			'cache-control': 'no-store',
			'referrer-policy': 'no-referrer',
			'x-robots-tag': 'noindex, nofollow',
		});
		expect(page.headers['content-security-policy']).toContain("form-action 'self'");

		const head = await visit(run, { method: 'HEAD', url: links[0] });
		expect(head.resumedWith).toBeUndefined();
		const scanner = await visit(run, {
			method: 'GET',
			url: links[0],
			headers: { 'user-agent': 'Mozilla/5.0 (compatible; Microsoft Safe Links; +https://aka.ms/safelinks)' },
		});
		expect(scanner.status).toBe(200);
		expect(scanner.resumedWith).toBeUndefined();
	});

	it('the POST from the page resumes with approved: true and when; decline gives approved: false', async () => {
		const { run, links } = await sendRequest({ approvalOptions: { values: { approvalType: 'double' } } });
		const approved = await visit(run, { method: 'POST', url: links[0], form: { 'sendmux-answer': 'approve' } });
		expect(approved.status).toBe(200);
		expect(textOf(approved.html)).toContain('Thank you, your answer was recorded Your answer: Approve.');
		expect(approved.resumedWith).toEqual([{ json: { data: { approved: true, respondedAt: expect.any(String) } } }]);
		const respondedAt = (approved.resumedWith?.[0].json.data as { respondedAt: string }).respondedAt;
		expect(Date.now() - Date.parse(respondedAt)).toBeGreaterThanOrEqual(0);

		const declined = await visit(run, { method: 'POST', url: links[1], form: { 'sendmux-answer': 'decline' } });
		expect(declined.resumedWith).toEqual([{ json: { data: { approved: false, respondedAt: expect.any(String) } } }]);
	});

	it('a POST without the page’s answer (a bot, or the other link’s answer) shows the page and decides nothing', async () => {
		const { run, links } = await sendRequest({ approvalOptions: { values: { approvalType: 'double' } } });
		const blind = await visit(run, { method: 'POST', url: links[0] });
		expect(blind.status).toBe(400);
		expect(blind.resumedWith).toBeUndefined();
		const swapped = await visit(run, { method: 'POST', url: links[1], form: { 'sendmux-answer': 'approve' } });
		expect(swapped.status).toBe(400);
		expect(swapped.resumedWith).toBeUndefined();
	});

	it('signature: a changed link (its answer flipped, or the signature dropped) is refused before the node', async () => {
		const { run, links } = await sendRequest({});
		const flipped = new URL(links[0]);
		flipped.searchParams.set('approved', 'false');
		const refused = await visit(run, { method: 'POST', url: flipped.toString(), form: { 'sendmux-answer': 'decline' } });
		expect(refused).toMatchObject({ status: 401, answeredBy: 'n8n' });
		const unsigned = new URL(links[0]);
		unsigned.searchParams.delete('signature');
		expect(await visit(run, { method: 'GET', url: unsigned.toString() })).toMatchObject({ status: 401, answeredBy: 'n8n' });
		// The untouched link passes n8n's check.
		expect((await visit(run, { method: 'GET', url: links[0] })).answeredBy).toBe('node');
	});

	it('Free Text: the page is a form; an empty answer is asked again; the answer comes back as data.text', async () => {
		const { run, links, body } = await sendRequest({
			responseType: 'freeText',
			options: { messageButtonLabel: 'Answer', responseFormButtonLabel: 'Send answer' },
		});
		expect(links).toHaveLength(1);
		expect(body.text_body).toContain(`Answer: ${links[0]}`);
		const page = await visit(run, { method: 'GET', url: links[0] });
		expect(page.html).toContain('<textarea id="field-0" name="field-0" required>');
		expect(textOf(page.html)).toContain('Send answer');
		const empty = await visit(run, { method: 'POST', url: links[0], form: { 'sendmux-answer': 'form', 'field-0': '  ' } });
		expect(empty.status).toBe(400);
		expect(textOf(empty.html)).toContain('Please fill in this field.');
		expect(empty.resumedWith).toBeUndefined();
		const answered = await visit(run, { method: 'POST', url: links[0], form: { 'sendmux-answer': 'form', 'field-0': 'Only 80 EUR, please.' } });
		expect(answered.resumedWith).toEqual([{ json: { data: { text: 'Only 80 EUR, please.', respondedAt: expect.any(String) } } }]);
	});

	it('Custom Form: fields as defined, answers checked and returned under their labels', async () => {
		const { run, links } = await sendRequest({
			responseType: 'customForm',
			formFields: {
				values: [
					{ fieldLabel: 'Decision', fieldType: 'dropdown', fieldChoices: 'Full refund, Partial refund, No refund', requiredField: true },
					{ fieldLabel: 'Amount', fieldType: 'number' },
					{ fieldLabel: 'Note', fieldType: 'textarea' },
				],
			},
		});
		const page = await visit(run, { method: 'GET', url: links[0] });
		expect(page.html).toContain('<option value="Partial refund">Partial refund</option>');
		const bad = await visit(run, { method: 'POST', url: links[0], form: { 'sendmux-answer': 'form', 'field-0': 'Maybe', 'field-1': 'lots' } });
		expect(bad.status).toBe(400);
		expect(textOf(bad.html)).toContain('Please choose one of the options.');
		expect(textOf(bad.html)).toContain('Please enter a number.');
		expect(bad.resumedWith).toBeUndefined();
		const good = await visit(run, {
			method: 'POST',
			url: links[0],
			form: { 'sendmux-answer': 'form', 'field-0': 'Partial refund', 'field-1': '80.5', 'field-2': '' },
		});
		expect(good.resumedWith).toEqual([{ json: { data: { Decision: 'Partial refund', Amount: 80.5, respondedAt: expect.any(String) } } }]);
	});
});

describe('Email → Send and Wait for Response: resuming', () => {
	it('the answer resumes the execution with it; afterwards the request is answered already', async () => {
		const { run, links } = await sendRequest({});
		const { resumedWith } = await visit(run, { method: 'POST', url: links[0], form: { 'sendmux-answer': 'approve' } });
		const resumed = await resume(run, resumedWith);
		expect(resumed.status).toBe('success');
		expect(resumed.waitTill).toBeUndefined();
		expect(outputAfter(resumed).map((item) => item.json)).toEqual([{ data: { approved: true, respondedAt: expect.any(String) } }]);
		// The execution no longer waits on the node: n8n answers any link of it with its own page.
		const again = await visit(resumed, { method: 'POST', url: links[0], form: { 'sendmux-answer': 'approve' } });
		expect(again).toMatchObject({ answeredBy: 'n8n', html: NO_ACTION_REQUIRED });
		expect(again.resumedWith).toBeUndefined();
	});

	it('timeout: when the wait limit passes, the execution goes on with the input items, without an answer', async () => {
		const { run } = await sendRequest({
			options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 5, resumeUnit: 'seconds' } } },
		});
		const resumed = await resume(run);
		expect(resumed.status).toBe('success');
		expect(outputAfter(resumed).map((item) => item.json)).toEqual([input[0].json]);
	});
});

describe('Email → Send and Wait for Response: the description', () => {
	it('has the operation value n8n looks for, waiting webhooks, and what n8n’s Human review tool needs', async () => {
		const { nodeTypes } = await loadPackage();
		const { description } = nodeTypes.getByNameAndVersion('n8n-nodes-sendmux.sendmux', 1);
		const emailPicker = description.properties.find(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[]).includes('email'),
		);
		expect((emailPicker?.options as Array<{ value: string }>).map((o) => o.value)).toContain(SEND_AND_WAIT_OPERATION);
		expect(description.webhooks).toEqual([
			expect.objectContaining({ httpMethod: 'GET', path: '={{ $nodeId }}', restartWebhook: true, isFullPath: true, responseMode: 'onReceived' }),
			expect.objectContaining({ httpMethod: 'POST', path: '={{ $nodeId }}', restartWebhook: true, isFullPath: true, responseMode: 'onReceived' }),
		]);
		const shown = description.properties.filter(
			(p) => (p.displayOptions?.show?.operation as string[] | undefined)?.includes('sendAndWait') && (p.displayOptions?.show?.resource as string[]).includes('email'),
		);
		expect(shown.map((p) => p.name)).toEqual(
			expect.arrayContaining(['fromEmail', 'toEmail', 'subject', 'message', 'responseType', 'approvalOptions', 'formFields', 'options']),
		);
		expect(nodeTypes.getByNameAndVersion('n8n-nodes-sendmux.sendmux', 1).webhook).toBeTypeOf('function');
	});

	it('the waiting execution keeps the node, so n8n finds its webhook again', async () => {
		const { run } = await sendRequest({});
		expect(waitingNode(run).parameters.operation).toBe('sendAndWait');
	});
});
