/**
 * Makes the README's picture of the Send and Wait page, from the real thing: starts the stack
 * (simulator + real n8n with this package), runs examples/refund-approval-by-email.json until it
 * waits, takes the approve link from the email that reached the simulator, and has headless
 * Chromium open it (a GET: it only shows the page, so the screenshot decides nothing).
 *
 *   npm run build && npx tsx test/stack/screenshotSendAndWait.mts [out.png]
 *
 * Needs Chromium (`apt-get install chromium`); CHROMIUM=/path/to/chrome overrides the binary.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { install } from '../../scripts/n8n/install.mjs';
import { REPO_ROOT, startStack } from './stack.mjs';

const out = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'docs', 'images', 'send-and-wait-page.png'));

interface ExampleNode {
	type: string;
	name: string;
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
	parameters: Record<string, unknown>;
}

async function main(): Promise<void> {
	await install();
	const userFolder = mkdtempSync(path.join(tmpdir(), 'sendmux-shot-'));
	const stack = await startStack({ userFolder });
	try {
		const workflow = JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', 'refund-approval-by-email.json'), 'utf8')) as {
			name: string;
			nodes: ExampleNode[];
			connections: Record<string, unknown>;
		};
		for (const node of workflow.nodes) {
			if (node.type === 'n8n-nodes-sendmux.sendmux') node.credentials = { sendmuxMailboxApi: stack.credentials.mailbox };
			if (node.type === 'n8n-nodes-base.webhook') node.webhookId = randomUUID();
		}
		const saved = await stack.client.createWorkflow(workflow as Parameters<typeof stack.client.createWorkflow>[0]);
		await stack.client.activateWorkflow(saved.id);
		await stack.client.callWebhook('refund-request', {
			orderId: 'A-1001',
			amount: 120,
			reason: 'The parcel arrived damaged.',
			customerEmail: 'jane@example.net',
			approver: 'refunds-lead@example.com',
		});
		await stack.client.waitForExecutions({ workflowId: saved.id, status: 'waiting', count: 1 });
		const send = stack.sim.control
			.requests({ operationId: 'sendingSendEmail' })
			.find((request) => (request.body as { to?: { email?: string } }).to?.email === 'refunds-lead@example.com');
		const html = (send?.body as { html_body?: string } | undefined)?.html_body ?? '';
		const link = /href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
		if (!link) throw new Error('the request email has no link');
		const url = new URL(link);
		const direct = `${stack.n8n.url}${url.pathname}${url.search}`;
		mkdirSync(path.dirname(out), { recursive: true });
		const chromium = process.env.CHROMIUM ?? 'chromium';
		execFileSync(
			chromium,
			['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=800,420', `--screenshot=${out}`, direct],
			{ stdio: 'inherit' },
		);
		process.stdout.write(`screenshot: ${out}\n`);
	} finally {
		await stack.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
