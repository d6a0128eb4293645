import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { mailboxScopeLocator, optionalLocatorValue } from '../../shared/locators';

/** The optional Mailbox picker of every operation of a Mailbox API resource. */
export function mailboxScopeProperty(resource: string): INodeProperties {
	return mailboxScopeLocator({ displayOptions: { show: { resource: [resource] } } });
}

/** `{ mailbox_id }` when a mailbox was chosen for this item, else `{}`. */
export function mailboxQs(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const { value } = optionalLocatorValue(ctx, 'mailbox', itemIndex);
	return value ? { mailbox_id: value } : {};
}

/** A required ID parameter, trimmed, refused when empty with the field and the item named. */
export function requiredId(
	ctx: IExecuteFunctions,
	parameterName: string,
	label: string,
	itemIndex: number,
	hint: string,
): string {
	const raw = ctx.getNodeParameter(parameterName, itemIndex, '') as unknown;
	const value = (typeof raw === 'object' && raw !== null && 'value' in raw ? String((raw as { value: unknown }).value ?? '') : String(raw ?? '')).trim();
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty in item ${itemIndex}`, {
			itemIndex,
			description: hint,
		});
	}
	return value;
}

/** A path segment from a user-given ID. */
export function segment(id: string): string {
	return encodeURIComponent(id);
}
