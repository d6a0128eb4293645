/**
 * Headless Chromium for the editor test: Debian's `chromium` (installed with apt-get when it is
 * missing), driven by playwright-core (no browser download). Screenshots go to
 * test/e2e/artifacts/ (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Browser } from 'playwright-core';

import { REPO_ROOT } from '../stack/stack.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const ARTIFACTS = path.join(REPO_ROOT, 'test', 'e2e', 'artifacts');

function ensureChromium(): void {
	if (existsSync(CHROMIUM)) return;
	execFileSync('apt-get', ['update'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit' });
}

export async function launchChromium(): Promise<Browser> {
	ensureChromium();
	mkdirSync(ARTIFACTS, { recursive: true });
	return await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export function artifact(name: string): string {
	return path.join(ARTIFACTS, `${name}.png`);
}
