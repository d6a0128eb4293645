import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { editorDescription } from './editorText';

/** One reason an item cannot be sent, in the words of the field the user filled. */
export interface Problem {
	/** The field as the user knows it, quoted: `"To Email"`, `"messages[3].subject"`. */
	field: string;
	problem: string;
	fix: string;
}

/**
 * A CR or LF in a value that becomes part of an email header (subject, display name, header
 * value) would let it add headers of its own: the one test every header-bound field applies.
 */
export function hasLineBreak(value: string): boolean {
	return /[\r\n]/.test(value);
}

/** What the user is told when a header-bound value has a line break. */
export const HEADER_INJECTION = 'which could inject email headers';

/** The field name as problems show it. */
export function quoted(field: string): string {
	return field.startsWith('"') ? field : `"${field}"`;
}

/**
 * Refuses an item that has problems, naming the item, each field and its fix. The message names
 * the first problem; the description gives its fix (not the problem again), then the others.
 */
export function refuse(node: INode, itemIndex: number, problems: Problem[]): NodeOperationError {
	const [first, ...others] = problems;
	const more = others.length ? ` (and ${others.length} more)` : '';
	return new NodeOperationError(node, `Item ${itemIndex}: ${first.field} ${first.problem}${more}`, {
		itemIndex,
		description: editorDescription([
			first.fix,
			...others.map((p) => `• ${p.field} ${p.problem}. ${p.fix}`),
			'Nothing was sent for this item.',
		]),
	});
}

/** Throws the refusal of `problems`, if there are any. */
export function refuseIfAny(ctx: IExecuteFunctions, itemIndex: number, problems: Problem[]): void {
	if (problems.length) throw refuse(ctx.getNode(), itemIndex, problems);
}
