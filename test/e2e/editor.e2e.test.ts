/**
 * What a person sees in n8n's editor, driven in headless Chromium (Debian's `chromium`, installed
 * here with apt-get when missing; playwright-core only drives it, no browser download): the
 * Sendmux node added from the nodes panel, Email → Send filled and run with Execute step, the
 * `not-an-email` error shown whole (its example address included), a resource locator's list,
 * both triggers, and the icons in the dark theme. Screenshots go to test/e2e/artifacts/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { artifact, launchChromium } from './browser.mjs';
import { randomUUID } from 'node:crypto';

import { control, credentialRef, e2e, eventually, node, SENDMUX, SENDMUX_TRIGGER, subscriptions, useWorkflows } from './helpers.mjs';

const WAIT = { timeout: 30_000 };

let browser: Browser;
let context: BrowserContext;
let page: Page;

/** A screenshot once every finite animation (a panel sliding in) has finished; spinners run on. */
async function shot(name: string): Promise<void> {
	await page.evaluate(
		'Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)))',
	);
	await page.screenshot({ path: artifact(name) });
}

async function openWorkflow(id: string): Promise<void> {
	await page.goto(`${e2e().n8nUrl}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor(WAIT);
}

/** Opens the nodes panel, searches `text` and returns the panel. */
async function searchNodes(text: string) {
	await page.locator('[data-test-id="canvas-plus-button"], [data-test-id="node-creator-plus-button"]').first().click();
	const search = page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="node-creator"] input').first();
	await search.waitFor(WAIT);
	await search.fill(text);
	return page.locator('[data-test-id="node-creator"]');
}

describe('e2e: the Sendmux nodes in n8n’s editor (Chromium)', () => {
	const workflows = useWorkflows();

	beforeAll(async () => {
		browser = await launchChromium();
		context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const [name, ...value] = e2e().cookie.split(';')[0].split('=');
		await context.addCookies([{ name, value: value.join('='), url: e2e().n8nUrl }]);
		page = await context.newPage();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('adds Email → Send from the nodes panel, runs Execute step, and shows a bad address’s whole fix', async () => {
		const saved = await workflows.create({
			name: 'Editor: Email → Send',
			nodes: [node('Start', 'n8n-nodes-base.manualTrigger', {})],
			connections: {},
		});
		await openWorkflow(saved.id);

		const panel = await searchNodes('send email');
		const item = panel.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Sendmux$/ });
		await item.first().waitFor(WAIT);
		await shot('nodes-panel');
		await item.first().click();
		const action = panel.getByText('Send an email', { exact: true }).first();
		await action.waitFor(WAIT).catch(async (error: unknown) => {
			await shot('actions-list');
			throw error;
		});
		await action.click();

		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor(WAIT);
		const fill = async (name: string, value: string) => {
			const input = ndv.locator(`[data-test-id="parameter-input-${name}"] input, [data-test-id="parameter-input-${name}"] textarea`).first();
			await input.waitFor(WAIT);
			await input.fill(value);
		};
		await fill('fromEmail', `orders@${e2e().seeded.domain}`);
		await fill('toEmail', 'jane@example.com');
		await fill('subject', 'Hello from the editor test');
		await fill('html', '<p>Hello from the editor test</p>');

		await shot('send-filled');
		await ndv.locator('[data-test-id="node-execute-button"]').first().click();
		const output = ndv.locator('[data-test-id="output-panel"]');
		await output.getByText('queued').first().waitFor(WAIT).catch(async (error: unknown) => {
			await shot('send-output');
			throw error;
		});
		await shot('executed-send');

		await fill('toEmail', 'not-an-email');
		await ndv.locator('[data-test-id="node-execute-button"]').first().click();
		const description = output.locator('[data-test-id="node-error-description"]', { hasText: 'Nothing was sent' });
		await description.waitFor(WAIT);
		expect(await description.innerText()).toContain('Enter an address like name@example.com (or "Name <name@example.com>").');
		expect(await output.locator('[data-test-id="node-error-message"]').innerText()).toContain(
			'"To Email" is not a valid email address ("not-an-email")',
		);
		await shot('bad-address');
	});
	it('opens a resource locator’s list, and shows the icon in light and dark theme', async () => {
		const saved = await workflows.create({
			name: 'Editor: folder list',
			nodes: [
				node('Get a folder', SENDMUX, { resource: 'folder', operation: 'get', folder: { __rl: true, mode: 'list', value: '' } }, {
					credentials: credentialRef('mailbox'),
				}),
			],
			connections: {},
		});
		await openWorkflow(saved.id);
		const icon = page.locator('[data-test-id="canvas-node"] img').first();
		await icon.waitFor(WAIT);
		expect(await icon.getAttribute('src')).toMatch(/sendmux\.svg/);

		await page.locator('[data-test-id="canvas-node"]').first().dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor(WAIT);
		await ndv.locator('[data-test-id="rlc-input"]').first().click();
		// The first locator is the Mailbox one: its list holds the simulator's seeded mailbox.
		const mailbox = page.locator('[data-test-id="rlc-item"]', { hasText: e2e().seeded.mailboxEmail }).first();
		await mailbox.waitFor(WAIT).catch(async (error: unknown) => {
			await shot('folder-list-missing');
			throw error;
		});
		await shot('folder-list');
		await page.keyboard.press('Escape');

		// Dark theme: n8n keeps the choice in localStorage and swaps every icon for its dark variant.
		await page.evaluate("localStorage.setItem('N8N_THEME', 'dark')");
		await openWorkflow(saved.id);
		const darkIcon = page.locator('[data-test-id="canvas-node"] img').first();
		await darkIcon.waitFor(WAIT);
		expect(await darkIcon.getAttribute('src')).toMatch(/sendmux\.dark\.svg/);
		await shot('dark-theme');
		await page.evaluate("localStorage.removeItem('N8N_THEME')");
	});

	it('adds both triggers from the nodes panel', async () => {
		const saved = await workflows.create({ name: 'Editor: triggers', nodes: [node('Note', 'n8n-nodes-base.noOp', {})], connections: {} });
		await openWorkflow(saved.id);

		let panel = await searchNodes('Sendmux');
		await panel.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Sendmux$/ }).first().click();
		const bounced = panel.getByText('On message bounced', { exact: true }).first();
		await bounced.waitFor(WAIT).catch(async (error: unknown) => {
			await shot('trigger-actions-missing');
			throw error;
		});
		await shot('trigger-actions');
		await bounced.click();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor(WAIT);
		await expect.soft(ndv.getByText('N8N_WEBHOOK_URL').first().isVisible()).resolves.toBe(true);
		await page.keyboard.press('Escape');
		await ndv.waitFor({ state: 'hidden', ...WAIT });

		panel = await searchNodes('Sendmux Mailbox');
		await panel.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Sendmux Mailbox Trigger$/ }).first().click();
		// A trigger without an Events list has no actions: n8n offers "Add to workflow".
		const mailboxAction = panel.getByText('Add to workflow', { exact: true }).first();
		await mailboxAction.waitFor(WAIT).catch(async (error: unknown) => {
			await shot('mailbox-trigger-missing');
			throw error;
		});
		await mailboxAction.click();
		await ndv.waitFor(WAIT);
		// A new Mailbox Trigger is version 2, in Trigger Mode Instant: its notice says so.
		await ndv.getByText('within about a second of a message arriving').first().waitFor(WAIT);
		await page.keyboard.press('Escape');
		await ndv.waitFor({ state: 'hidden', ...WAIT });
		await expect.poll(async () => await page.locator('[data-test-id="canvas-node"]').count(), WAIT).toBe(3);
		await shot('both-triggers');
	});
	it('shows the Sendmux Trigger receiving an event after Listen for test event', async () => {
		const webhookId = randomUUID();
		const saved = await workflows.create({
			name: 'Editor: trigger listens',
			nodes: [node('Sendmux Trigger', SENDMUX_TRIGGER, { events: ['message.delivered'], options: {} }, { webhookId, credentials: credentialRef('root') })],
			connections: {},
		});
		await openWorkflow(saved.id);
		await page.locator('[data-test-id="canvas-node"]').first().dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor(WAIT);
		// The header's execute button is "Listen for test event" on a webhook trigger.
		await ndv.locator('[data-test-id="node-execute-button"]').first().click();
		const testUrl = `${e2e().webhookBaseUrl}webhook-test/${webhookId}/webhook`;
		await eventually(async () => (await subscriptions()).some((s) => s.url === testUrl), { what: 'the test subscription' });
		await control('POST', '/events', { type: 'message.delivered', data: { recipients: ['jane@example.net'] } });
		await ndv.locator('[data-test-id="output-panel"]').getByText('message.delivered').first().waitFor(WAIT).catch(async (error: unknown) => {
			await shot('trigger-event-missing');
			throw error;
		});
		await shot('trigger-event');
	});
});
