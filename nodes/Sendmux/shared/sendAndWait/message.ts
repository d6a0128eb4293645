import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

/** How n8n's Human review tool writes the tool's input in its default message. */
const TOOL_PARAMETERS = '{{ $tool.parameters }}';
const TOOL_PARAMETERS_AS_JSON = '{{ JSON.stringify($tool.parameters, null, 2) }}';

/**
 * The question (Message parameter) as text. As a Human review tool, n8n's default message
 * shows the tool's input with `{{ $tool.parameters }}`, an object an expression writes as
 * "[object Object]"; it is written as indented JSON instead, so the reviewer sees what the
 * agent wants to do.
 */
export function readMessage(ctx: IExecuteFunctions | IWebhookFunctions): string {
	const isExecute = 'getInputData' in ctx;
	const raw = isExecute
		? (ctx as IExecuteFunctions).getNodeParameter('message', 0, '', { rawExpressions: true })
		: (ctx as IWebhookFunctions).getNodeParameter('message', '', { rawExpressions: true });
	if (typeof raw === 'string' && raw.startsWith('=') && raw.includes(TOOL_PARAMETERS)) {
		const value = ctx.evaluateExpression(raw.split(TOOL_PARAMETERS).join(TOOL_PARAMETERS_AS_JSON), 0);
		return value === undefined || value === null ? '' : String(value);
	}
	const value = isExecute
		? (ctx as IExecuteFunctions).getNodeParameter('message', 0, '')
		: (ctx as IWebhookFunctions).getNodeParameter('message', '');
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
