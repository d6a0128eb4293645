import { describe, expect, it } from 'vitest';

import { chain, control, outputOf, sendmux, sendmuxNode, useWorkflows, webhookTrigger } from './helpers.mjs';

const RUN = Date.now().toString(36);

describe('e2e: management flow in n8n', () => {
	const workflows = useWorkflows();

	it('creates a domain, verifies it, creates a mailbox on it, then lists every mailbox (Return All)', async () => {
		const domain = `mail-${RUN}.acme.test`;
		const trigger = webhookTrigger(`e2e-manage-${RUN}`);
		const create = sendmuxNode('Create Domain', { resource: 'domain', operation: 'create', domainName: '={{ $json.body.domain }}' }, 'root');
		const verify = sendmuxNode(
			'Verify Domain',
			{ resource: 'domain', operation: 'verify', domain: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			'root',
		);
		const mailbox = sendmuxNode(
			'Create Mailbox',
			{ resource: 'mailbox', operation: 'create', email: `=support@{{ $('Create Domain').item.json.domain }}`, additionalFields: { displayName: 'Support' } },
			'root',
		);
		const list = sendmuxNode('List Mailboxes', { resource: 'mailbox', operation: 'getMany', returnAll: true }, 'root');
		// More mailboxes than one page (the node asks for 100 at a time) prove Return All pages.
		for (let n = 0; n < 105; n++) {
			const { status } = await sendmuxPost(`/mailboxes`, { email: `agent${n}.${RUN}@myagent.mx` });
			expect(status).toBe(201);
		}

		const { execution } = await workflows.runViaWebhook(
			{ name: 'e2e manage', nodes: [trigger, create, verify, mailbox, list], connections: chain(trigger.name, create.name, verify.name, mailbox.name, list.name) },
			{ domain },
		);

		expect(execution.status).toBe('success');
		const [createdDomain] = outputOf(execution, 'Create Domain');
		expect(createdDomain.json).toMatchObject({ domain, id: expect.stringMatching(/^mdom_/) });
		const [verified] = outputOf(execution, 'Verify Domain');
		expect(verified.json).toMatchObject({ id: createdDomain.json.id });
		const [createdMailbox] = outputOf(execution, 'Create Mailbox');
		// The one response that must carry a secret: the new mailbox's key, shown once.
		expect(createdMailbox.json).toMatchObject({
			mailbox: { email: `support@${domain}`, display_name: 'Support', id: expect.stringMatching(/^mbx_/) },
			credential: { secret: expect.stringMatching(/^smx_mbx_/) },
		});

		const listed = outputOf(execution, 'List Mailboxes').map((item) => item.json.email);
		const expected = await allMailboxEmails();
		expect(listed).toHaveLength(expected.length);
		expect(new Set(listed)).toEqual(new Set(expected));
		expect(listed).toContain(`support@${domain}`);
		expect(listed.length).toBeGreaterThan(100);
		const pages = (await control<Array<{ operationId: string; query: Record<string, string> }>>('GET', '/requests?method=GET&path=/mailboxes')).slice(-2);
		expect(pages.map((page) => page.query.limit)).toEqual(['100', '100']);
		expect(pages[1].query.cursor).toEqual(expect.any(String));
	});
});

async function sendmuxPost(path: string, body: unknown) {
	return await sendmux('app', 'POST', path, body);
}

async function allMailboxEmails(): Promise<string[]> {
	const emails: string[] = [];
	let cursor: string | undefined;
	do {
		const { body } = await sendmux<Array<{ email: string }>>('app', 'GET', `/mailboxes?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
		emails.push(...body.data.map((m) => m.email));
		cursor = (body.pagination as { next_cursor?: string | null } | undefined)?.next_cursor ?? undefined;
	} while (cursor);
	return emails;
}
