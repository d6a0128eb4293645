import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage } from '../harness/package';
import { linksIn, textOf, visit } from '../harness/sendAndWait';
import { SendmuxApi } from '../harness/sendmuxApi';
import { runNode } from '../harness/workflow';

const base = {
	resource: 'message',
	operation: 'sendAndWait',
	to: '={{ $json.approver }}',
	subject: '=Publish post {{ $json.postId }}?',
	message: '=The agent drafted post {{ $json.postId }}. Publish it?',
	mailbox: { __rl: true, mode: 'list', value: 'mbx_sales01' },
};

describe('Message → Send and Wait for Response', () => {
	it('sends from the mailbox through Message → Send (Idempotency-Key included), waits, and takes the answer from the page', async () => {
		const api = new SendmuxApi();
		api.app('POST', '/mailbox/messages/send').ok({ message_id: 'msg_ask', status: 'queued' });
		const { run, error } = await runNode({
			node: {
				parameters: {
					...base,
					approvalOptions: { values: { approvalType: 'double', approveLabel: 'Publish', disapproveLabel: 'Hold' } },
					options: { cc: 'editor@acme.test' },
				},
			},
			input: [{ json: { approver: 'Ann <ann@acme.test>', postId: 'p-7' } }],
		});
		expect(error).toBeUndefined();
		expect(run.status).toBe('waiting');
		const [send] = api.requestsTo('POST', '/mailbox/messages/send');
		expect(send.query).toEqual({ mailbox_id: 'mbx_sales01' });
		expect(send.idempotencyKey).toMatch(/^n8n-.+-mailbox-message-send-[0-9a-f]{32}$/);
		const body = send.body as { to: unknown; cc: unknown; subject: string; text_body: string; html_body: string };
		expect(body).toMatchObject({
			to: [{ email: 'ann@acme.test', name: 'Ann' }],
			cc: [{ email: 'editor@acme.test', name: null }],
			subject: 'Publish post p-7?',
		});
		const links = linksIn(body.html_body);
		expect(links.map((link) => new URL(link).searchParams.get('approved'))).toEqual(['true', 'false']);
		expect(body.text_body).toContain(`Publish: ${links[0]}`);
		expect(body.text_body).toContain(`Hold: ${links[1]}`);

		const page = await visit(run, { method: 'GET', url: links[1] });
		expect(textOf(page.html)).toContain('The agent drafted post p-7. Publish it? Hold');
		expect(page.resumedWith).toBeUndefined();
		const held = await visit(run, { method: 'POST', url: links[1], form: { 'sendmux-answer': 'decline' } });
		expect(held.resumedWith).toEqual([{ json: { data: { approved: false, respondedAt: expect.any(String) } } }]);
	});

	it('is on the Message operation picker with value sendAndWait', async () => {
		const { nodeTypes } = await loadPackage();
		const { description } = nodeTypes.getByNameAndVersion('n8n-nodes-sendmux.sendmux', 1);
		const picker = description.properties.find(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[]).includes('message'),
		);
		expect((picker?.options as Array<{ value: string }>).map((o) => o.value)).toContain(SEND_AND_WAIT_OPERATION);
	});
});
