/**
 * Tool mode as n8n runs it. n8n's server (packages/cli, not installed here) serves a
 * `usableAsTool` node under a second name, `<name>Tool`: the same node type with its
 * description converted (no main input, an `ai_tool` output, Tool Description fields) and
 * nothing else changed. `asAiToolType` mirrors that conversion. From there everything is
 * n8n-core's own code: an agent node asks `getInputConnectionData('ai_tool')`, n8n-core
 * wraps the tool node with `createNodeAsTool` (a LangChain tool whose schema comes from the
 * node's `$fromAI()` expressions), and invoking it runs the node's `execute` in a
 * SupplyDataContext whose `$fromAI()` reads the model's arguments.
 */
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

export const TEST_AGENT = 'testAgent';

/** The tool variant of a node type, converted the way n8n's node registry converts it. */
export function asAiToolType(base: INodeType): INodeType {
	const { usableAsTool, ...source } = base.description;
	const hasResourceOrOperation = source.properties.some((p) => p.name === 'resource' || p.name === 'operation');
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: source.description,
		required: true,
		typeOptions: { rows: 2 },
		description: 'Explain to the LLM what this tool does',
		...(hasResourceOrOperation ? { displayOptions: { show: { descriptionType: ['manual'] } } } : {}),
	};
	if (!usableAsTool) throw new Error(`${source.name} is not usableAsTool: n8n offers no tool variant`);
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Set Automatically', value: 'auto', description: 'From resource and operation' },
			{ name: 'Set Manually', value: 'manual', description: 'Write the description yourself' },
		],
		default: 'auto',
	};
	const description: INodeTypeDescription = {
		...source,
		name: `${source.name}Tool`,
		displayName: `${source.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		codex: { categories: ['AI'], subcategories: { AI: ['Tools'], Tools: ['Other Tools'] } },
		properties: [
			...(hasResourceOrOperation ? [descriptionType] : []),
			toolDescription,
			...source.properties,
		],
	};
	return Object.create(base, { description: { value: description } }) as INodeType;
}

/** What a LangChain tool exposes to an agent; typed here so tests need no LangChain import. */
interface AgentTool {
	name: string;
	description: string;
	schema: { shape?: Record<string, { description?: string }> };
	invoke(args: IDataObject): Promise<unknown>;
}

/**
 * A stand-in for n8n's AI Agent: no model, just the calls a model would make. Its `calls`
 * parameter lists the arguments of each tool call; it outputs what the agent would see —
 * the tool's name, description and argument names, then each call's answer (or error).
 */
export class TestAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Agent',
		name: TEST_AGENT,
		group: ['transform'],
		version: 1,
		description: 'Test-only',
		// n8n's lint asks every node class for this; the agent only ever runs inside tests.
		usableAsTool: true,
		defaults: { name: 'Test Agent' },
		inputs: [
			NodeConnectionTypes.Main,
			{ type: NodeConnectionTypes.AiTool, displayName: 'Tools', required: true },
		],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const connected = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as AgentTool[];
		const [tool] = connected;
		const calls = JSON.parse(String(this.getNodeParameter('calls', 0))) as IDataObject[];
		const answers: IDataObject[] = [];
		for (const args of calls) {
			try {
				answers.push({ answer: JSON.parse(String(await tool.invoke(args))) as IDataObject[] });
			} catch (error) {
				answers.push({ error: error instanceof Error ? error.message : String(error) });
			}
		}
		const shape = tool.schema.shape ?? {};
		const json: IDataObject = {
			toolCount: connected.length,
			name: tool.name,
			description: tool.description,
			arguments: Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, value.description ?? ''])),
			answers,
		};
		return [[{ json }]];
	}
}
