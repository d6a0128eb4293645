import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { ifMatchOption, readIfMatch, withEtag } from '../../shared/writeOptions';
import { refuseOutOfSpec } from '../../shared/specRules';
import { sendmuxRequest } from '../../transport/request';
import { replacementRules } from './rules';
import { filtersPath, targetProperties } from './target';

const displayOptions = { show: { resource: ['senderFilter'], operation: ['replace'] } };

const properties: INodeProperties[] = [
	...targetProperties,
	{
		displayName: 'Mode',
		name: 'filterMode',
		type: 'options',
		options: [
			{ name: 'Allowlist', value: 'allowlist', description: 'Accept mail only from senders an allow rule matches' },
			{ name: 'Denylist', value: 'denylist', description: 'Accept mail from every sender except those a deny rule matches' },
			{ name: 'Off', value: 'off', description: 'Accept mail from every sender; the rules are kept but not applied' },
		],
		default: 'denylist',
	},
	{
		displayName: 'Rules Input',
		name: 'rulesSource',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description: 'Whether to enter the rules one by one below, or as a JSON array',
		hint: 'The rules replace the whole current rule set at once (up to 1,000). An empty list removes every rule.',
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Rule',
		default: {},
		description: 'The allow and deny rules, each an address or a domain',
		displayOptions: { show: { rulesSource: ['fields'] } },
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Allow', value: 'allow' },
							{ name: 'Deny', value: 'deny' },
						],
						default: 'deny',
						description: 'Whether mail from senders this rule matches is allowed or denied',
					},
					{
						displayName: 'Pattern',
						name: 'pattern',
						type: 'string',
						default: '',
						placeholder: 'partner.com',
						description: 'An email address (ceo@partner.com) or a domain (partner.com, or *@partner.com)',
					},
					{
						displayName: 'Note',
						name: 'note',
						type: 'string',
						default: '',
						description: 'Why the rule exists (up to 255 characters); never used for matching',
					},
				],
			},
		],
	},
	{
		displayName: 'Rules (JSON)',
		name: 'rulesJson',
		type: 'json',
		default: '[]',
		description:
			'An array of rules ({ type: allow|deny, pattern, note? }), or an object with a rules array such as the output of Sender Filter → Get',
		hint: 'For example [{ "type": "deny", "pattern": "spam.example", "note": "reported" }]',
		displayOptions: { show: { rulesSource: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [ifMatchOption],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const mode = this.getNodeParameter('filterMode', itemIndex) as string;
	const rules = replacementRules(this, itemIndex);
	// Before a target given by name is looked up: nothing is sent for a bad mode or rule.
	refuseOutOfSpec(this.getNode(), { method: 'PUT', path: '/domains/{public_id}/filters', body: { mode, rules }, itemIndex });
	const ifMatch = readIfMatch(this, itemIndex, this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const response = await sendmuxRequest.call(this, {
		surface: 'management',
		method: 'PUT',
		path: await filtersPath(this, itemIndex),
		body: { mode, rules },
		ifMatch,
		itemIndex,
	});
	// The new ETag lets a following Replace chain on without another Get.
	return withEtag(response.data as IDataObject, response.etag);
}
