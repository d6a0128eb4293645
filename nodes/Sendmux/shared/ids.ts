import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { idPattern } from './locators';

/**
 * A Sendmux public ID typed into a plain field (or given by an expression), checked against
 * its type prefix before any request: a wrong ID then names the field instead of a 404.
 */
export function checkPublicId(
	ctx: IExecuteFunctions,
	value: unknown,
	options: { prefix: string; fieldName: string; itemIndex: number; whereToFindIt: string },
): string {
	const { prefix, fieldName, itemIndex, whereToFindIt } = options;
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (new RegExp(idPattern(prefix)).test(id)) return id;
	throw new NodeOperationError(
		ctx.getNode(),
		id ? `${fieldName} of item ${itemIndex} is not a valid ID: "${id.slice(0, 100)}"` : `${fieldName} is empty in item ${itemIndex}`,
		{ itemIndex, description: `It starts with ${prefix}_ followed by lowercase letters and digits: ${whereToFindIt}.` },
	);
}
