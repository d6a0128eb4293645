/**
 * A test-only node that sends one request through the package's real transport, as built in
 * dist/, inside a real n8n-core execution context. It lets transport tests make requests no
 * shipped operation makes (a POST without Idempotency-Key, say) without mocking n8n.
 */
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { requireFromPackage } from './host.mjs';

type SendmuxRequestFn = (this: IExecuteFunctions, request: IDataObject) => Promise<IDataObject>;
type CollectPagesFn = (
	ctx: IExecuteFunctions,
	request: IDataObject,
	options: { limit?: number; maxPageSize: number },
) => Promise<IDataObject[]>;

// Node's require, not vitest's import: the same module instances n8n-core's loader uses.
const { sendmuxRequest } = requireFromPackage('./dist/nodes/Sendmux/transport/request.js') as {
	sendmuxRequest: SendmuxRequestFn;
};
const { idempotencyKeyFor } = requireFromPackage('./dist/nodes/Sendmux/transport/idempotency.js') as {
	idempotencyKeyFor: (
		ctx: IExecuteFunctions,
		itemIndex: number,
		parts: Array<string | number>,
		userKey?: string,
	) => string;
};
const { collectPages } = requireFromPackage('./dist/nodes/Sendmux/transport/pagination.js') as {
	collectPages: CollectPagesFn;
};

export const TRANSPORT_PROBE = 'transportProbe';

export class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: TRANSPORT_PROBE,
		group: ['transform'],
		version: 1,
		description: 'Test-only',
		// n8n's lint asks every node class for this; the probe only ever runs inside tests.
		usableAsTool: true,
		defaults: { name: 'Transport Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'sendmuxMailboxApi', required: false },
			{ name: 'sendmuxRootApi', required: false },
		],
		properties: [
			{ displayName: 'Request', name: 'request', type: 'json', default: '{}' },
			{ displayName: 'Paginate', name: 'paginate', type: 'json', default: '' },
			{ displayName: 'Idempotency Parts', name: 'idempotencyParts', type: 'json', default: '' },
			{ displayName: 'User Key', name: 'userKey', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			const request = parse(this.getNodeParameter('request', itemIndex));
			const paginate = parse(this.getNodeParameter('paginate', itemIndex, ''));
			request.itemIndex = itemIndex;
			const parts = this.getNodeParameter('idempotencyParts', itemIndex, '') as string;
			if (parts) {
				request.idempotencyKey = idempotencyKeyFor(
					this,
					itemIndex,
					JSON.parse(parts) as Array<string | number>,
					this.getNodeParameter('userKey', itemIndex, '') as string,
				);
			}
			if (Object.keys(paginate).length) {
				const items = await collectPages(this, request, paginate as { limit?: number; maxPageSize: number });
				output.push(...items.map((json) => ({ json, pairedItem: { item: itemIndex } })));
			} else {
				const response = await sendmuxRequest.call(this, request);
				output.push({ json: response, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}

function parse(value: unknown): IDataObject {
	if (typeof value === 'string') return value.trim() ? (JSON.parse(value) as IDataObject) : {};
	return (value ?? {}) as IDataObject;
}
