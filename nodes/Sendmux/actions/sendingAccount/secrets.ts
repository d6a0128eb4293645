import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';

const MASK = '[redacted]';

/** Where the SMTP password sits among the node's parameters (Create, Update). */
const PASSWORD_PATHS: Array<[collection: string | undefined, field: string]> = [
	[undefined, 'smtpPassword'],
	['updateFields', 'smtpPassword'],
];

/**
 * The error without the SMTP password. n8n attaches the node, parameters included, to every
 * node error, and that error travels on: execution data, error workflows, log shippers. The
 * password must not travel with it, so the error gets a copy of the node with it masked.
 */
export function withoutPassword(error: unknown): unknown {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError) || !error.node) return error;
	const parameters: INodeParameters = { ...error.node.parameters };
	for (const [collection, field] of PASSWORD_PATHS) {
		if (collection === undefined) {
			if (parameters[field] !== undefined) parameters[field] = MASK;
			continue;
		}
		const group = parameters[collection];
		if (group && typeof group === 'object' && !Array.isArray(group) && field in group) {
			parameters[collection] = { ...(group as INodeParameters), [field]: MASK };
		}
	}
	// `node` is declared read-only; replacing it (never mutating the shared node) is the point.
	return Object.assign(error, { node: { ...error.node, parameters } });
}
