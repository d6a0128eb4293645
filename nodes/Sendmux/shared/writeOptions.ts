import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/**
 * Options of writes that users add to an operation's Options collection: "only if unchanged"
 * (If-Match with an ETag from a previous Get) and their own Idempotency Key.
 */
export const ifMatchOption: INodeProperties = {
	displayName: 'Only If Unchanged (ETag)',
	name: 'ifMatch',
	type: 'string',
	default: '',
	placeholder: 'W/"3f2a…"',
	description:
		'Apply the change only if the resource still has this ETag (sent as If-Match). Use the etag field of a previous Get or Update output. If someone changed it meanwhile, Sendmux refuses with a conflict and nothing is changed.',
};

export const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: 'signup-4711',
	description:
		'A key unique to this action (1–255 characters), so repeating it never creates twice, even in a later execution; Sendmux remembers it for 24 hours. Left empty, the node derives one that covers its own retries.',
};

/** The ETag the user gave, or undefined; refused if it cannot travel in a header. */
export function readIfMatch(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): string | undefined {
	const raw = options.ifMatch;
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	const etag = String(raw).trim();
	if ([...etag].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Only If Unchanged (ETag) of item ${itemIndex} contains a line break or control character`,
			{ itemIndex, description: 'Use the etag field of a previous Get as it is, e.g. {{ $json.etag }}.' },
		);
	}
	return etag;
}

/** A resource as Sendmux returned it, with the ETag to pass to a later "only if unchanged". */
export function withEtag(data: IDataObject, etag: string | undefined): IDataObject {
	return etag === undefined ? data : { ...data, etag };
}
