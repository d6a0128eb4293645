/**
 * An agent's send is sent once although n8n runs every tool call, and every Retry On Fail try
 * of it, as a new run of the node. Sendmux is the simulator: its first answer is lost after
 * it accepted the email (`drop`, phase `after`), as when a connection breaks at the worst time.
 */
import { NodeConnectionTypes, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { TEST_AGENT } from '../harness/aiTool';
import { runNode, testCredentials, type NodeUnderTest } from '../harness/workflow';
import { useSimulator } from '../simulator/testing.mjs';

interface AgentView {
	answers: Array<{ answer?: IDataObject[]; error?: string }>;
}

const fromAi = (key: string, description: string) => `={{ $fromAI('${key}', '${description}', 'string') }}`;

const sendTool: INodeParameters = {
	resource: 'email',
	operation: 'send',
	fromEmail: 'Acme Support <support@example.com>',
	toEmail: fromAi('to', 'Recipient email address'),
	subject: fromAi('subject', 'Subject line'),
	emailFormat: 'text',
	text: fromAi('body', 'The email body'),
	requestOptions: { maxAttempts: 1 },
};

describe('an agent using Sendmux: one email per request, however often the call is tried', () => {
	const sim = useSimulator();

	async function agentCalls(tool: Omit<NodeUnderTest, 'type' | 'name'>, calls: IDataObject[]): Promise<AgentView> {
		const { items, error } = await runNode({
			node: { type: TEST_AGENT, name: 'Agent', parameters: { calls: JSON.stringify(calls) } },
			subNodes: [{ node: { ...tool, type: 'sendmuxTool', name: 'Sendmux' }, connectionType: NodeConnectionTypes.AiTool }],
			credentials: testCredentials({
				sendmuxMailboxApi: { apiKey: sim().keys.mailbox, sendingBaseUrl: sim().sendingBaseUrl, appBaseUrl: sim().appBaseUrl },
			}),
		});
		expect(error).toBeUndefined();
		return items[0].json as unknown as AgentView;
	}

	const keysSent = () =>
		sim()
			.control.requests({ operationId: 'sendingSendEmail' })
			.map((request) => request.headers['idempotency-key']);

	const refund = { to: 'jane@example.net', subject: 'Your refund', body: 'It is on its way.' };

	it('the agent calls a failed send again with the same arguments: same key, Sendmux replays, one email', async () => {
		sim().control.setFaults([{ kind: 'drop', phase: 'after', times: 1, match: { operationId: 'sendingSendEmail' } }]);
		const view = await agentCalls({ parameters: sendTool }, [refund, refund]);

		expect(view.answers[0].error).toMatch(/may have been sent/);
		const keys = keysSent();
		expect(keys).toHaveLength(2);
		expect(keys[1]).toBe(keys[0]);
		const accepted = sim().control.acceptedMessages();
		expect(accepted).toHaveLength(1);
		expect(view.answers[1].answer?.[0]).toMatchObject({ status: 'queued', message_id: accepted[0].messageId });
	});

	it("the tool's Retry On Fail tries again under a new run index: same key, one email", async () => {
		sim().control.setFaults([{ kind: 'drop', phase: 'after', times: 1, match: { operationId: 'sendingSendEmail' } }]);
		const view = await agentCalls(
			{ parameters: sendTool, settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 } },
			[refund],
		);

		expect(view.answers[0].answer?.[0]).toMatchObject({ status: 'queued' });
		const keys = keysSent();
		expect(keys).toHaveLength(2);
		expect(keys[1]).toBe(keys[0]);
		expect(sim().control.acceptedMessages()).toHaveLength(1);
	});

	it('different requests keep different keys, so both emails go out', async () => {
		const view = await agentCalls({ parameters: sendTool }, [refund, { ...refund, to: 'bob@example.net' }]);
		expect(view.answers.map((answer) => answer.answer?.[0]?.status)).toEqual(['queued', 'queued']);
		expect(new Set(keysSent()).size).toBe(2);
		expect(sim().control.acceptedMessages()).toHaveLength(2);
	});
});
