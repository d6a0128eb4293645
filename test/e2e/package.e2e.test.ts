import { describe, expect, it } from 'vitest';

import { e2e, n8n, SENDMUX, SENDMUX_TRIGGER } from './helpers.mjs';

describe('e2e: the packed package in a real n8n', () => {
	it('registers the nodes and credentials under their package names', async () => {
		const client = n8n();
		const nodes = await client.nodeTypeNames();
		expect(nodes).toEqual(expect.arrayContaining([SENDMUX, SENDMUX_TRIGGER]));
		const credentials = await client.credentialTypeNames();
		expect(credentials).toEqual(expect.arrayContaining(['sendmuxRootApi', 'sendmuxMailboxApi']));
	});

	it('tests both credentials against the simulator as the credential screen does', async () => {
		const client = n8n();
		const { credentials } = e2e();
		for (const credential of [credentials.root, credentials.mailbox]) {
			const result = (await client.api('POST', `/credentials/${credential.id}/test`)) as { status: string; message: string };
			expect(result, credential.name).toEqual({ status: 'OK', message: 'Connection successful!' });
		}
	});
});
