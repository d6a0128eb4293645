/**
 * What the README's Install section says about n8n 3.0's verified-only default, checked in the
 * real n8n 2.41.1 with that default applied (`N8N_UNVERIFIED_PACKAGES_ENABLED=false`, which 3.0
 * makes the default): the Community Nodes screen is told unverified packages are off, and
 * installing this package by name is refused with n8n's message. The suite's own n8n, started
 * with 2.x's default, allows them. n8n 3.x itself is not run here (Docker only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { N8nClient } from '../../scripts/n8n/client.mjs';
import { getFreePort, startN8n } from '../../scripts/n8n/start.mjs';
import { temporaryFolder } from '../harness/host.mjs';
import { n8n } from './helpers.mjs';

type RunningN8n = Awaited<ReturnType<typeof startN8n>>;

describe('e2e: installing with n8n 3.0’s default, N8N_UNVERIFIED_PACKAGES_ENABLED=false', () => {
	let verifiedOnly: RunningN8n | undefined;
	let client: N8nClient;

	beforeAll(async () => {
		verifiedOnly = await startN8n({
			port: await getFreePort(),
			userFolder: temporaryFolder('sendmux-verified-only-'),
			packages: [],
			env: { N8N_UNVERIFIED_PACKAGES_ENABLED: 'false', N8N_RUNNERS_BROKER_PORT: String(await getFreePort()) },
		});
		client = await N8nClient.bootstrap(verifiedOnly.url);
	});

	afterAll(async () => {
		await verifiedOnly?.stop();
	});

	it('the editor is told unverified packages are off, and installing n8n-nodes-sendmux by name is refused', async () => {
		const settings = (await client.rest('GET', '/settings')) as { unverifiedCommunityNodesEnabled?: boolean; communityNodesEnabled?: boolean };
		expect(settings).toMatchObject({ communityNodesEnabled: true, unverifiedCommunityNodesEnabled: false });

		// What Settings → Community Nodes → Install sends (the README's first install route).
		const refusal = await client.rest('POST', '/community-packages', { name: 'n8n-nodes-sendmux' }).then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(String((refusal as Error | undefined)?.message)).toContain('Installation of unverified community packages is forbidden!');
		expect(await client.rest('GET', '/community-packages')).toEqual([]);
	});

	it('n8n 2.x’s default (the variable unset, as in the rest of this suite) allows unverified packages', async () => {
		const settings = (await n8n().rest('GET', '/settings')) as { unverifiedCommunityNodesEnabled?: boolean };
		expect(settings.unverifiedCommunityNodesEnabled).toBe(true);
	});
});
