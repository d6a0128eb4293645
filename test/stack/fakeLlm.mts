/**
 * An offline stand-in for an OpenAI-compatible chat model, so the AI-agent example runs in the
 * end-to-end suite without a network or a key. It answers POST /v1/chat/completions (plain or
 * streamed) with a short, deterministic email reply built from the last user message, and
 * records every request (GET /__requests) so a test can check what the agent actually asked.
 *
 * Tool calls, for agent tests: when the last user message holds `CALL_TOOL {json}` and tools are
 * offered, the model calls the first tool offered with that JSON as its arguments; once the
 * tool's result is in the conversation, it answers `Tool result: <result>`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
	model?: string;
	stream?: boolean;
	messages: Array<{ role: string; content: unknown }>;
	tools?: Array<{ type: string; function: { name: string } }>;
}

interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

const TOOL_MARKER = 'CALL_TOOL ';

/** The tool call the scripted conversation asks for, if it is the model's turn to call one. */
function scriptedToolCall(chat: ChatRequest, lastUserText: string, turn: number): ToolCall | undefined {
	const marker = lastUserText.indexOf(TOOL_MARKER);
	const tool = chat.tools?.[0];
	if (marker < 0 || !tool) return undefined;
	const lastUser = chat.messages.map((message) => message.role).lastIndexOf('user');
	if (chat.messages.slice(lastUser + 1).some((message) => message.role === 'tool')) return undefined;
	return { id: `call_fake${turn}`, type: 'function', function: { name: tool.function.name, arguments: lastUserText.slice(marker + TOOL_MARKER.length).trim() } };
}

/** After a tool ran: its result, so a test can see what the agent got back. */
function toolResultText(chat: ChatRequest): string | undefined {
	const last = chat.messages.at(-1);
	return last?.role === 'tool' ? `Tool result: ${textOf(last.content).slice(0, 300)}` : undefined;
}

export interface FakeLlm {
	/** OpenAI credential "Base URL", e.g. http://127.0.0.1:43123/v1 */
	baseUrl: string;
	requests: ChatRequest[];
	close(): Promise<void>;
}

/** The reply the fake model writes: recognisable, and proof it read the message it was given. */
export function fakeReply(userMessage: string): string {
	const firstLine = userMessage.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
	return `Thank you for your email. We have received it and will get back to you within one business day.\n\n(Drafted offline by the fake model; it read: "${firstLine.slice(0, 80)}")`;
}

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'object' && part && 'text' in part ? String(part.text) : '')).join('');
	return '';
}

async function readJson(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startFakeLlm(): Promise<FakeLlm> {
	const requests: ChatRequest[] = [];
	const server: Server = createServer((request, response) => {
		if (request.method === 'GET' && request.url === '/__requests') {
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(requests));
			return;
		}
		if (request.method === 'GET' && request.url === '/v1/models') {
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'e2e' }] }));
			return;
		}
		if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
			response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `fake LLM: no ${request.method} ${request.url}` } }));
			return;
		}
		readJson(request).then(
			(body) => {
				const chat = body as ChatRequest;
				requests.push(chat);
				const lastUser = [...chat.messages].reverse().find((message) => message.role === 'user');
				const lastUserText = textOf(lastUser?.content);
				const base = { id: `chatcmpl-fake${requests.length}`, created: Math.floor(Date.now() / 1000), model: chat.model ?? 'fake-model' };
				const toolCall = scriptedToolCall(chat, lastUserText, requests.length);
				if (toolCall) {
					if (chat.stream) {
						response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
						const chunk = (delta: object, finish: string | null) =>
							`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
						response.write(chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, ...toolCall }] }, null));
						response.write(chunk({}, 'tool_calls'));
						response.end('data: [DONE]\n\n');
						return;
					}
					response.writeHead(200, { 'content-type': 'application/json' }).end(
						JSON.stringify({
							...base,
							object: 'chat.completion',
							choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [toolCall] }, finish_reason: 'tool_calls', logprobs: null }],
							usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
						}),
					);
					return;
				}
				const content = toolResultText(chat) ?? fakeReply(lastUserText);
				if (chat.stream) {
					response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
					const chunk = (delta: object, finish: string | null) =>
						`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
					response.write(chunk({ role: 'assistant', content }, null));
					response.write(chunk({}, 'stop'));
					response.end('data: [DONE]\n\n');
					return;
				}
				response.writeHead(200, { 'content-type': 'application/json' }).end(
					JSON.stringify({
						...base,
						object: 'chat.completion',
						choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
						usage: { prompt_tokens: 50, completion_tokens: 40, total_tokens: 90 },
					}),
				);
			},
			(error: unknown) => response.writeHead(400).end(String(error)),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
