import { describe, expect, it } from 'vitest';

import { control, credentialRef, eventually, injectInbound, mailboxPollsSince, node, outputOf, pause, restartN8n, useWorkflows, type Execution } from './helpers.mjs';

const RUN = Date.now().toString(36);

/** How many polls (change feed reads) the trigger made after `since`. */
async function pollsSince(since: number): Promise<number> {
	return (await mailboxPollsSince(since)).length;
}
const inject = (subject: string) => injectInbound(subject, RUN);

describe('e2e: Sendmux Mailbox Trigger (polling) in n8n', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	it('starts one execution per new message, and none again for them after n8n restarts', async () => {
		const trigger = node(
			'Sendmux Mailbox Trigger',
			'n8n-nodes-sendmux.sendmuxMailboxTrigger',
			{ pollTimes: { item: [{ mode: 'everyMinute' }] }, options: {} },
			{ credentials: credentialRef('mailbox') },
		);
		const saved = await workflows.create({ name: 'e2e mailbox trigger', nodes: [trigger], connections: {} });
		const activatedAt = Date.now();
		await client.activateWorkflow(saved.id);
		// Activation polls at once: it notes where the mailbox is, and emits nothing old.
		await eventually(async () => (await pollsSince(activatedAt)) > 0, { what: 'the activation poll' });
		await pause(1000);
		expect(await client.listExecutions({ workflowId: saved.id })).toEqual([]);

		// 1. A new message: the next scheduled poll (within a minute) starts one execution with it.
		const first = await inject(`First ${RUN}`);
		const [one] = await client.waitForExecutions({ workflowId: saved.id, count: 1, timeoutMs: 90_000 });
		expect(one.status).toBe('success');
		expect(outputOf(one, 'Sendmux Mailbox Trigger').map((item) => item.json.id)).toEqual([first.id]);

		// 2. Another message while n8n restarts: the poll at start-up emits it, and only it.
		const second = await inject(`Second ${RUN}`);
		await restartN8n();
		const executions = await client.waitForExecutions({ workflowId: saved.id, count: 2, timeoutMs: 60_000 });
		expect(outputOf(executions[1], 'Sendmux Mailbox Trigger').map((item) => item.json.id)).toEqual([second.id]);

		// 3. Restart again with nothing new: the start-up poll runs and starts nothing.
		const restartedAt = Date.now();
		await restartN8n();
		await eventually(async () => (await pollsSince(restartedAt)) > 0, { what: 'the start-up poll', timeoutMs: 60_000 });
		await pause(2000);
		expect(await client.listExecutions({ workflowId: saved.id })).toHaveLength(2);
	});

	it('every output mode emits, with and without Download Attachments, whatever shape Sendmux answers in', async () => {
		const modes = ['cleanContent', 'simplified', 'raw'].flatMap((output) =>
			[false, true].map((downloadAttachments) => ({ output, downloadAttachments, label: `${output}${downloadAttachments ? ' + attachments' : ''}` })),
		);
		const activatedAt = Date.now();
		const saved = await Promise.all(
			modes.map(async ({ output, downloadAttachments, label }) => {
				const trigger = node(
					'Sendmux Mailbox Trigger',
					'n8n-nodes-sendmux.sendmuxMailboxTrigger',
					{ pollTimes: { item: [{ mode: 'everyMinute' }] }, output, options: { downloadAttachments } },
					{ credentials: credentialRef('mailbox') },
				);
				const workflow = await workflows.create({ name: `e2e mailbox trigger ${label}`, nodes: [trigger], connections: {} });
				await client.activateWorkflow(workflow.id);
				return workflow;
			}),
		);
		await eventually(async () => (await pollsSince(activatedAt)) >= modes.length, { what: 'the activation polls', timeoutMs: 60_000 });
		await pause(1000);

		async function arrivesEverywhere(subject: string, count: number): Promise<void> {
			const message = await injectInbound(subject, RUN, {
				attachments: [{ filename: 'report.csv', contentType: 'text/csv', content: Buffer.from('a,b\n1,2\n').toString('base64') }],
			});
			const runs = await Promise.all(
				saved.map(async (workflow) => (await client.waitForExecutions({ workflowId: workflow.id, count, timeoutMs: 100_000 }))[count - 1]),
			);
			runs.forEach((execution: Execution, index) => {
				const { output, downloadAttachments, label } = modes[index];
				expect(execution.status, label).toBe('success');
				const [item, ...more] = outputOf(execution, 'Sendmux Mailbox Trigger');
				expect(more, label).toEqual([]);
				expect(item.json.id, label).toBe(message.id);
				const text = output === 'raw' ? (item.json.body as { text?: string }).text : item.json.text;
				expect(text, label).toContain(`${subject}: body`);
				if (downloadAttachments) {
					expect(item.binary?.attachment_0, label).toMatchObject({ fileName: 'report.csv', mimeType: 'text/csv' });
				} else {
					expect(item.binary, label).toBeUndefined();
				}
			});
		}

		// Sendmux fills only the body asked for: Simplified and Raw get `content: null`.
		await arrivesEverywhere(`Shapes ${RUN}`, 1);
		// Summaries without the optional attachment list: the attachments are still found.
		await control('PATCH', '/settings', { sparseMessageSummaries: true });
		try {
			await arrivesEverywhere(`Sparse ${RUN}`, 2);
		} finally {
			await control('PATCH', '/settings', { sparseMessageSummaries: false });
		}
	}, 300_000);
});
