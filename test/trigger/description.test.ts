import { NodeHelpers, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage } from '../harness/package';
import { SendmuxApi } from '../harness/sendmuxApi';
import { TriggerUnderTest } from '../harness/trigger';

async function description(): Promise<INodeTypeDescription> {
	const { nodeTypes } = await loadPackage();
	return nodeTypes.getByNameAndVersion('n8n-nodes-sendmux.sendmuxTrigger', 1).description;
}

function shown(property: INodeProperties, parameters: Record<string, unknown>): boolean {
	return NodeHelpers.displayParameter(parameters as never, property, { typeVersion: 1 }, null);
}

describe('Sendmux Trigger as n8n loads it', () => {
	it('registers as a webhook trigger on the root credential, not as an AI tool', async () => {
		const node = await description();
		expect(node).toMatchObject({
			displayName: 'Sendmux Trigger',
			name: 'sendmuxTrigger',
			group: ['trigger'],
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'sendmuxRootApi', required: true }],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		});
		expect(node.usableAsTool).toBeUndefined();
		const { loader } = await loadPackage();
		expect(loader.nodeTypes.sendmuxTrigger.sourcePath).toMatch(/dist\/nodes\/SendmuxTrigger\/SendmuxTrigger\.node\.js$/);
	});

	it('offers all eight event types, each described', async () => {
		const events = (await description()).properties.find((p) => p.name === 'events');
		const values = (events?.options ?? []).map((o) => ('value' in o ? o.value : undefined));
		expect(values.sort()).toEqual([
			'message.bounced',
			'message.complained',
			'message.delivered',
			'message.delivery_delayed',
			'message.received',
			'message.received.spam',
			'message.rejected',
			'sendmux.test',
		]);
		expect((events?.options ?? []).every((o) => 'description' in o && !!o.description)).toBe(true);
	});

	it('defaults to verifying signatures, ignoring redeliveries and simplified output', async () => {
		const options = (await description()).properties.find((p) => p.name === 'options');
		const defaults = Object.fromEntries(
			(options?.options as INodeProperties[]).map((o) => [o.name, o.default]),
		);
		expect(defaults).toEqual({ verifySignature: true, ignoreRedelivered: true, output: 'simplified' });
	});

	it('shows a warning only while signature verification is off', async () => {
		const warning = (await description()).properties.find((p) => p.name === 'signatureOffWarning');
		expect(warning?.type).toBe('notice');
		expect(shown(warning!, { events: [], options: { verifySignature: false } })).toBe(true);
		expect(shown(warning!, { events: [], options: { verifySignature: true } })).toBe(false);
		expect(shown(warning!, { events: [], options: {} })).toBe(false);
	});
});

describe('Sendmux Trigger mailbox picker', () => {
	it('lists mailboxes by name and address, filtered by what the user typed', async () => {
		const api = new SendmuxApi();
		const mailbox = (id: string, email: string, display_name: string | null) => ({
			id,
			email,
			display_name,
			quota_bytes: null,
			send_scope: null,
			status: 'active',
			created_at: '2026-11-01T00:00:00Z',
		});
		api.app('GET', '/mailboxes').ok(
			[mailbox('mbx_a1', 'support@acme.example', 'Support'), mailbox('mbx_b2', 'agent@acme.example', null)],
			{ pagination: { has_more: true, next_cursor: 'cur_2' } },
		);
		const t = new TriggerUnderTest({ parameters: { events: ['message.received'] } });
		const result = await t.listSearch('searchMailboxes', 'SUPP');
		expect(result).toEqual({
			results: [{ name: 'Support <support@acme.example>', value: 'mbx_a1' }],
			paginationToken: 'cur_2',
		});
		expect(api.requests[0].query).toEqual({ limit: '100' });
		expect(api.requests[0].headers.authorization).toMatch(/^Bearer smx_root_/);
	});
});
