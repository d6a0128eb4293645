import { createHash } from 'node:crypto';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** Sendmux accepts keys of 1–255 characters; control characters cannot travel in a header. */
const MAX_KEY_LENGTH = 255;

/**
 * The Idempotency-Key for one logical action of this node run: the same for every attempt of
 * that action, whether the transport retries it or n8n's Retry On Fail re-runs the node
 * (same execution, node, run and item), and different for every other action.
 *
 * As an AI agent's tool the node runs once per tool call, each call (and each Retry On Fail
 * try of it) under a new run index, and an agent calls a failed tool again with the same
 * arguments. There the run and item say nothing about the action, so the key comes from the
 * request's content instead: the node's parameters and the tool call's arguments. The same
 * request in the same execution keeps its key; another request gets another.
 *
 * `parts` name the action within the item (operation, batch chunk…). A user-supplied key
 * (e.g. an order ID expression) replaces the derived one, so sends stay exactly-once even
 * across separate executions.
 */
export function idempotencyKeyFor(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parts: Array<string | number>,
	userKey?: string,
): string {
	if (userKey !== undefined && userKey !== '') {
		return checkUserKey(ctx, userKey, itemIndex);
	}
	const node = ctx.getNode();
	const executionId = ctx.getExecutionId() ?? 'unsaved';
	const action = isToolRun(ctx)
		? ['tool', toolCallDigest(ctx, itemIndex)]
		: [ctx.getWorkflowDataProxy(itemIndex).$runIndex ?? 0, itemIndex];
	const fingerprint = createHash('sha256')
		.update([ctx.getInstanceId(), ctx.getWorkflow().id ?? '', executionId, node.id, ...action, ...parts].join('\u0000'))
		.digest('hex')
		.slice(0, 32);
	// Readable head for support ("which execution sent this?"), hashed tail for uniqueness.
	return `n8n-${executionId}-${parts.join('-')}-${fingerprint}`.slice(0, MAX_KEY_LENGTH);
}

/** Whether the node runs as an AI agent's tool: n8n then runs its `<name>Tool` variant. */
function isToolRun(ctx: IExecuteFunctions): boolean {
	return (ctx.getNode().type.split('.').pop() ?? '').endsWith('Tool');
}

/**
 * What defines a tool call's request: the node's parameters as configured and the item the
 * call gives the node, which holds the model's arguments (and, when n8n's engine runs the
 * tool, the agent's own item and a `toolCallId` that is new for every call, left out).
 */
function toolCallDigest(ctx: IExecuteFunctions, itemIndex: number): string {
	const item = ctx.getInputData()[itemIndex];
	const args = Object.fromEntries(Object.entries(item?.json ?? {}).filter(([name]) => name !== 'toolCallId'));
	const files = Object.entries(item?.binary ?? {}).map(([name, file]) => [name, file.fileName, file.mimeType, file.id ?? digest(file.data)]);
	return digest(canonicalJson({ parameters: ctx.getNode().parameters, args, files }));
}

function digest(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so equal content always gives equal text. */
function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, entry: unknown) =>
		entry && typeof entry === 'object' && !Array.isArray(entry)
			? Object.fromEntries(Object.entries(entry as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: entry,
	);
}

/** A key the user typed, derived per chunk when one key must cover several requests. */
export function deriveKey(baseKey: string, suffix: string | number): string {
	const key = `${baseKey}-${suffix}`;
	if (key.length <= MAX_KEY_LENGTH) return key;
	const digest = createHash('sha256').update(key).digest('hex').slice(0, 32);
	return `${baseKey.slice(0, MAX_KEY_LENGTH - digest.length - 1)}-${digest}`;
}

function checkUserKey(ctx: IExecuteFunctions, key: string, itemIndex: number): string {
	const hasControlCharacter = [...key].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
	if (key.length > MAX_KEY_LENGTH || hasControlCharacter) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Idempotency Key of item ${itemIndex} is not usable: it must be 1–255 characters without line breaks or control characters`,
			{
				itemIndex,
				description: 'Use something unique to the action, such as an order ID, for example {{ $json.orderId }}.',
			},
		);
	}
	return key;
}

/**
 * A key for an action that has no execution behind it (webhook activation hooks): derived
 * only from what defines the action, so every repeat of the same action (a transport retry,
 * or n8n trying the activation again after a crash) sends the same key, and any change to
 * the action gives a new one.
 */
export function idempotencyKeyFromParts(label: string, parts: unknown[]): string {
	const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
	return `n8n-${label}-${digest}`.slice(0, MAX_KEY_LENGTH);
}
