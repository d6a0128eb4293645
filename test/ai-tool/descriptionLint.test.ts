/**
 * The built Sendmux node's description, every resource and operation, held to what an AI
 * agent (and a person) needs to fill it: see descriptionLint.ts. Each check is also run
 * against a planted fault, so a check that stopped finding anything would fail here.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage } from '../harness/package';
import {
	fieldFindings,
	fromAiKeyFindings,
	listAndSimplifyFindings,
	operationForms,
	operationOptionFindings,
	sameNameFindings,
} from './descriptionLint';

async function sendmuxDescription(): Promise<INodeTypeDescription> {
	const { nodeTypes } = await loadPackage();
	return nodeTypes.getByNameAndVersion('n8n-nodes-sendmux.sendmux', 1).description;
}

/** A one-operation node description holding `properties`, for planted faults. */
function planted(properties: INodeProperties[], operation = { name: 'Get Many', value: 'getMany', action: 'Get many things', description: 'List the things of the account' }): INodeTypeDescription {
	const show = { resource: ['thing'], operation: [operation.value] };
	return {
		displayName: 'Planted',
		name: 'planted',
		group: ['output'],
		version: 1,
		description: 'Planted faults',
		defaults: { name: 'Planted' },
		inputs: [],
		outputs: [],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				displayOptions: { show: { resource: ['thing'] } },
				options: [operation],
				default: operation.value,
			},
			...properties.map((p) => ({ ...p, displayOptions: { show: { ...show, ...p.displayOptions?.show } } })),
		],
	};
}

const text = (name: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: name,
	name: name.toLowerCase().replace(/\W/g, ''),
	type: 'string',
	default: '',
	description: `The ${name}`,
	...extra,
});

describe('the Sendmux node description', () => {
	it('covers every resource and operation', async () => {
		const forms = operationForms(await sendmuxDescription());
		expect(forms.length).toBeGreaterThan(60);
		const names = forms.map((f) => `${f.resource}.${String(f.operation.value)}`);
		for (const agentOperation of [
			'email.send',
			'message.getMany',
			'message.get',
			'thread.getContent',
			'message.reply',
			'message.update',
			'message.delete',
		]) {
			expect(names).toContain(agentOperation);
		}
	});

	it.each([
		['operation options have name, value, action and description', operationOptionFindings],
		['fields say what goes in them, with examples for IDs, addresses and dates', fieldFindings],
		['no two fields share a $fromAI key', fromAiKeyFindings],
		['same-named properties never show together with another type or default', sameNameFindings],
		['lists have Return All / Limit, Simplify defaults to on', listAndSimplifyFindings],
	])('%s', async (_title, check) => {
		expect(check(operationForms(await sendmuxDescription()))).toEqual([]);
	});

	it('agent operations read well as tools: Get returns Clean Content, Delete moves to Trash by default', async () => {
		const forms = operationForms(await sendmuxDescription());
		const form = (resource: string, operation: string) =>
			forms.find((f) => f.resource === resource && f.operation.value === operation)!;
		const output = form('message', 'get').properties.find((p) => p.name === 'output');
		expect(output?.default).toBe('cleanContent');
		const deleteOptions = form('message', 'delete').properties.find((p) => p.name === 'options');
		const permanent = (deleteOptions?.options as INodeProperties[]).find((o) => o.name === 'permanent');
		expect(permanent?.default).toBe(false);
		expect(form('email', 'send').properties.filter((p) => p.required).map((p) => p.name)).toEqual([
			'fromEmail',
			'toEmail',
			'subject',
		]);
	});
});

describe('each check finds its planted fault', () => {
	it('an operation without action or description', () => {
		const forms = operationForms(planted([], { name: 'Get', value: 'get', action: '', description: '' }));
		expect(operationOptionFindings(forms)).toEqual([
			'thing → get: no action label (it becomes the AI tool description)',
			'thing → get: no useful description',
		]);
	});

	it('undescribed fields, an ID without example, a date without format, a required collection', () => {
		const forms = operationForms(
			planted([
				{ displayName: 'Colour', name: 'colour', type: 'string', default: '' },
				text('Thing ID'),
				{ displayName: 'After', name: 'after', type: 'dateTime', default: '', description: 'Only after this' },
				{ displayName: 'Extra', name: 'extra', type: 'fixedCollection', default: {}, required: true, description: 'x', options: [] },
				text('Owner Email', { placeholder: 'e.g. ann@example.com' }),
			]),
		);
		expect(fieldFindings(forms)).toEqual([
			'thing → getMany → colour: no description',
			'thing → getMany → thingid: "Thing ID" shows no example (placeholder or "e.g.")',
			'thing → getMany → after: date field does not say its format',
			'thing → getMany → extra: a fixedCollection cannot be required',
		]);
	});

	it('two fields whose display names give one $fromAI key', () => {
		const forms = operationForms(
			planted([
				text('Subject'),
				{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [{ ...text('Subject'), name: 'subjectOverride' }] },
			]),
		);
		expect(fromAiKeyFindings(forms)).toEqual([
			'thing → getMany: $fromAI key "Subject" is shared by subject, options.subjectOverride',
		]);
	});

	it('same-named properties that can show together with different types, but not disjoint ones', () => {
		const forms = operationForms(
			planted([
				text('Mode'),
				{ ...text('Mode'), type: 'boolean', default: false },
				{ ...text('Kind'), displayOptions: { show: { mode: ['a'] } } },
				{ ...text('Kind'), type: 'number', default: 0, displayOptions: { show: { mode: ['b'] } } },
			]),
		);
		expect(sameNameFindings(forms)).toEqual(['thing → getMany → mode: two "mode" properties can show together (string / boolean)']);
	});

	it('a list without Return All / Limit, and Simplify off by default', () => {
		const forms = operationForms(planted([{ displayName: 'Simplify', name: 'simplify', type: 'boolean', default: false, description: 'x' }]));
		expect(listAndSimplifyFindings(forms)).toEqual([
			'thing → getMany: list without Return All (default false)',
			'thing → getMany: list without a numeric Limit',
			'thing → getMany: Simplify defaults to off',
		]);
	});
});
