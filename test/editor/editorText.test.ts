import { Workflow, type INode, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage } from '../harness/package';

const NODES = {
	action: 'n8n-nodes-sendmux.sendmux',
	trigger: 'n8n-nodes-sendmux.sendmuxTrigger',
	mailboxTrigger: 'n8n-nodes-sendmux.sendmuxMailboxTrigger',
} as const;

async function description(name: string): Promise<INodeTypeDescription> {
	const { nodeTypes } = await loadPackage();
	return nodeTypes.getByNameAndVersion(name, 1).description;
}

/** The canvas subtitle as n8n's editor evaluates it, for a node with `parameters`. */
async function subtitle(name: string, parameters: INode['parameters']): Promise<unknown> {
	const { nodeTypes } = await loadPackage();
	const node: INode = { id: '1', name: 'Sendmux', type: name, typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const expression = (await description(name)).subtitle ?? '';
	return workflow.expression.getSimpleParameterValue(node, expression, 'internal', {});
}

function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties(
			(property.options ?? []).filter((option): option is INodeProperties => 'displayName' in option),
		),
	]);
}

describe("What a person sees in n8n's editor (issue 20)", () => {
	it('canvas subtitles read the same way on all three nodes', async () => {
		expect(await subtitle(NODES.action, { resource: 'email', operation: 'send' })).toBe('Email: Send');
		expect(await subtitle(NODES.action, { resource: 'message', operation: 'getMany' })).toBe('Message: Get Many');
		expect(await subtitle(NODES.action, { resource: 'deliveryLog', operation: 'getMany' })).toBe('Delivery Log: Get Many');
		expect(await subtitle(NODES.trigger, { events: ['message.bounced'] })).toBe('Message Bounced');
		expect(await subtitle(NODES.trigger, { events: ['message.bounced', 'message.delivered'] })).toBe('2 Events');
		expect(await subtitle(NODES.mailboxTrigger, { includeSpam: false })).toBe('New Message');
	});

	it('lists the resources alphabetically, Email still the default', async () => {
		const resource = (await description(NODES.action)).properties.find((p) => p.name === 'resource');
		const names = (resource?.options ?? []).map((option) => ('name' in option ? option.name : ''));
		expect(names).toEqual([...names].sort());
		expect(resource?.default).toBe('email');
	});

	it("names the Sendmux Trigger's actions in plain words", async () => {
		const events = (await description(NODES.trigger)).properties.find((p) => p.name === 'events');
		const actions = (events?.options ?? []).map((option) => ('action' in option ? option.action : undefined));
		expect(actions).toContain('On Sendmux test event');
		expect(actions).toContain('On spam message received');
		expect(actions.every((action) => typeof action === 'string' && action.startsWith('On '))).toBe(true);
	});

	it('uses one placeholder style and no "(Ms)"', async () => {
		for (const name of Object.values(NODES)) {
			for (const property of allProperties((await description(name)).properties)) {
				if (property.placeholder?.startsWith('Add ')) {
					expect(property.placeholder, property.name).toMatch(/^Add( [A-Z][a-z-]*)+$/);
				}
				expect(property.displayName).not.toContain('(Ms)');
			}
		}
	});

	it('puts the Mailbox Trigger settings before its Options, and Simplify before Filters', async () => {
		const trigger = (await description(NODES.mailboxTrigger)).properties.map((p) => p.name);
		expect(trigger.indexOf('maxMessagesPerPoll')).toBeLessThan(trigger.indexOf('options'));
		expect(trigger.indexOf('includeExistingSince')).toBeLessThan(trigger.indexOf('options'));
		const notice = (await description(NODES.mailboxTrigger)).properties.find((p) => p.type === 'notice');
		expect(notice?.displayName).toContain('the schedule above');
		const getMany = (await description(NODES.action)).properties
			.filter((p) => p.displayOptions?.show?.resource?.includes('message') && p.displayOptions?.show?.operation?.includes('getMany'))
			.map((p) => p.name);
		expect(getMany.indexOf('simplify')).toBeLessThan(getMany.indexOf('filters'));
		expect(getMany.indexOf('filters')).toBeLessThan(getMany.indexOf('sort'));
	});

	it('names the credentials by the key they take; the type names stay', async () => {
		const { loader } = await loadPackage();
		const types = loader.credentialTypes as Record<string, { type: { displayName: string } }>;
		expect(types.sendmuxMailboxApi.type.displayName).toBe('Sendmux Sending and Mailbox API');
		expect(types.sendmuxRootApi.type.displayName).toBe('Sendmux Root API');
	});
});

describe('Dropdown descriptions fit the two lines n8n shows (issue 20 item 12)', () => {
	it('keeps every resource and operation description to 100 characters', async () => {
		const properties = (await description(NODES.action)).properties;
		const long = properties
			.filter((p) => p.name === 'resource' || p.name === 'operation')
			.flatMap((p) => (p.options ?? []).map((o) => ('description' in o ? String(o.description ?? '') : '')))
			.filter((text) => text.length > 100);
		expect(long).toEqual([]);
	});
});
