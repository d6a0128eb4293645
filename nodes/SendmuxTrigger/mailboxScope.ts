import { NodeOperationError, type IHookFunctions, type INodeProperties, type ITriggerFunctions } from 'n8n-workflow';

import { idPattern, type LocatorValue } from '../Sendmux/shared/locators';
import { collectPages } from '../Sendmux/transport/pagination';

/** Optional scope: events of these mailboxes only. Empty means every mailbox of the team. */
export const mailboxScopeProperty: INodeProperties = {
	displayName: 'Only These Mailboxes',
	name: 'mailboxScope',
	type: 'fixedCollection',
	placeholder: 'Add Mailbox',
	typeOptions: { multipleValues: true },
	default: {},
	description:
		'Receive events of these mailboxes only. Leave empty to receive the selected events of every mailbox in the team.',
	options: [
		{
			displayName: 'Mailbox',
			name: 'mailboxes',
			values: [
				{
					displayName: 'Mailbox',
					name: 'mailbox',
					type: 'resourceLocator',
					default: { mode: 'list', value: '' },
					description: 'A mailbox whose events start this workflow',
					modes: [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list',
							typeOptions: { searchListMethod: 'searchMailboxes', searchable: true },
						},
						{
							displayName: 'By ID',
							name: 'id',
							type: 'string',
							placeholder: 'mbx_clxxxxxxxxxxxxxxxxxxxxxxxxx',
							validation: [
								{
									type: 'regex',
									properties: {
										regex: idPattern('mbx'),
										errorMessage: 'A mailbox ID starts with mbx_',
									},
								},
							],
						},
						{
							displayName: 'By Email Address',
							name: 'email',
							type: 'string',
							placeholder: 'agent@example.com',
						},
					],
				},
			],
		},
	],
};

interface MailboxEntry {
	mailbox?: LocatorValue;
}

/**
 * The mailbox IDs of the scope, sorted and without repeats (the subscription filter is a set).
 * Email addresses are looked up in the team's mailboxes, since the filter takes IDs only.
 */
export async function resolveMailboxScope(ctx: IHookFunctions | ITriggerFunctions): Promise<string[]> {
	const entries = ctx.getNodeParameter('mailboxScope.mailboxes', []) as MailboxEntry[];
	const ids = new Set<string>();
	const emails: Array<{ email: string; position: number }> = [];
	entries.forEach((entry, index) => {
		const position = index + 1;
		const value = String(entry.mailbox?.value ?? '').trim();
		if (!value) {
			throw new NodeOperationError(ctx.getNode(), `Mailbox ${position} in "Only These Mailboxes" is empty`, {
				description: 'Pick a mailbox from the list, enter its ID (mbx_…) or its email address, or remove the empty row.',
			});
		}
		if (entry.mailbox?.mode === 'email') {
			emails.push({ email: value.toLowerCase(), position });
			return;
		}
		if (!new RegExp(idPattern('mbx')).test(value)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Mailbox ${position} in "Only These Mailboxes" is not a mailbox ID: "${value}"`,
				{ description: 'Mailbox IDs start with mbx_. Pick the mailbox from the list, or switch the row to "By Email Address".' },
			);
		}
		ids.add(value);
	});
	if (emails.length) {
		const mailboxes = await collectPages<{ id: string; email: string }>(
			ctx,
			{ surface: 'management', method: 'GET', path: '/mailboxes' },
			{ maxPageSize: 100 },
		);
		for (const { email, position } of emails) {
			const match = mailboxes.find((mailbox) => mailbox.email.toLowerCase() === email);
			if (!match) {
				throw new NodeOperationError(
					ctx.getNode(),
					`No mailbox with the address "${email}" in this team (mailbox ${position} in "Only These Mailboxes")`,
					{ description: 'Check the address, or pick the mailbox from the list.' },
				);
			}
			ids.add(match.id);
		}
	}
	return [...ids].sort();
}
