/**
 * The Sendmux Mailbox Trigger in Instant mode (version 2) when Sendmux refuses it, in a real n8n
 * 2.41.1: what the user sees in n8n when the key is revoked while the trigger runs, when
 * the key is refused at activation, and when Sendmux refuses new streams with 429 (too many
 * connections). n8n decides what becomes visible (an activation error, a failed execution,
 * the error workflow), so only a real n8n can prove it.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { control, credentialRef, e2e, eventually, injectInbound, node, outputOf, sendmux, useWorkflows } from './helpers.mjs';

const RUN = Date.now().toString(36);
const MAILBOX_TRIGGER = 'n8n-nodes-sendmux.sendmuxMailboxTrigger';
const TRIGGER_NAME = 'Sendmux Mailbox Trigger';
/** The credential's name in n8n's panel: the fix of a refused key names it. */
const CREDENTIAL = 'Sendmux Sending and Mailbox API';

interface StreamStats {
	open: number;
	refusing: unknown;
	counters: { opened: number; dropped: number; refused: number };
}

const streams = () => control<StreamStats>('GET', '/mailbox-events');

/** A fresh mailbox key for the seeded mailbox (Management API), so revoking it touches no other test. */
async function createMailboxKey(label: string): Promise<{ id: string; secret: string }> {
	const { status, body } = await sendmux<{ credential: { public_id: string; secret: string } }>('app', 'POST', `/mailboxes/${e2e().seeded.mailboxId}/keys`, {
		app_name: `e2e ${label} ${RUN}`,
	});
	expect(status).toBe(201);
	return { id: body.data.credential.public_id, secret: body.data.credential.secret };
}

async function revokeMailboxKey(keyId: string): Promise<void> {
	const { status } = await sendmux('app', 'DELETE', `/mailboxes/${e2e().seeded.mailboxId}/keys/${keyId}`);
	expect(status).toBe(200);
}

const credentialData = (apiKey: string) => ({ apiKey, sendingBaseUrl: e2e().sendingBaseUrl, appBaseUrl: e2e().appBaseUrl });

describe('e2e: Sendmux Mailbox Trigger, Instant mode, when Sendmux refuses it, in n8n', () => {
	const workflows = useWorkflows();
	const { client } = workflows;

	/** Credentials of the tests' own, deleted once their workflows are gone. */
	const ownCredentials: string[] = [];
	afterAll(async () => {
		for (const id of ownCredentials.splice(0)) await client.deleteCredential(id).catch(() => undefined);
	});
	async function ownCredential(label: string, apiKey: string) {
		const created = (await client.createCredential({ name: `Sendmux mailbox (${label} ${RUN})`, type: 'sendmuxMailboxApi', data: credentialData(apiKey) })) as {
			id: string;
			name: string;
		};
		ownCredentials.push(created.id);
		return created;
	}

	function instantWorkflow(name: string, credential: { id: string; name: string }, settings: Record<string, unknown> = {}) {
		return workflows.create({
			name,
			nodes: [node(TRIGGER_NAME, MAILBOX_TRIGGER, { triggerMode: 'instant', options: {} }, { typeVersion: 2, credentials: { sendmuxMailboxApi: credential } })],
			connections: {},
			settings,
		});
	}

	/** What n8n shows on a workflow it could not (keep) active: GET /rest/active-workflows/error/:id. */
	const activationError = async (workflowId: string) => (await client.rest('GET', `/active-workflows/error/${workflowId}`)) as string | null;

	it('activating with a key Sendmux refuses fails, and the error names the credential to fix', async () => {
		const key = await createMailboxKey('refused at activation');
		await revokeMailboxKey(key.id);
		const credential = await ownCredential('refused at activation', key.secret);
		const saved = await instantWorkflow('e2e instant trigger (refused key at activation)', credential);
		const opened = (await streams()).counters.opened;
		const failure = await client.activateWorkflow(saved.id).then(
			() => undefined,
			(error: unknown) => error as Error,
		);
		expect(failure, 'the activation must fail').toBeInstanceOf(Error);
		expect(failure?.message).toContain(`"${CREDENTIAL}" credential`);
		// What the editor shows for the failed publish: the trigger's error message.
		const publication = (await client.publicationStatus(saved.id)) as { status: string; triggers: Array<{ errorMessage?: string | null }> };
		expect(publication.status).toBe('failed');
		expect(publication.triggers.map((trigger) => trigger.errorMessage).join(' ')).toContain(
			`Sendmux did not accept the API key: replace it in the "${CREDENTIAL}" credential`,
		);
		expect((await streams()).counters.opened, 'no stream opened with a refused key').toBe(opened);
	});

	it('the key revoked while the trigger runs: n8n shows the credential fix and runs the error workflow; a new key in the credential brings the stream back', async () => {
		await eventually(async () => (await streams()).open === 0, { what: 'no stream left from earlier tests' });
		const key = await createMailboxKey('revoked while running');
		const credential = await ownCredential('revoked while running', key.secret);
		const errorWorkflow = await workflows.create({
			name: 'e2e instant trigger error workflow',
			nodes: [node('Error Trigger', 'n8n-nodes-base.errorTrigger', {})],
			connections: {},
		});
		// n8n 2.41 runs only a published error workflow.
		await client.activateWorkflow(errorWorkflow.id);
		const saved = await instantWorkflow('e2e instant trigger (key revoked)', credential, { errorWorkflow: errorWorkflow.id });
		await client.activateWorkflow(saved.id);
		await eventually(async () => (await streams()).open === 1, { what: 'the trigger to open its stream' });

		// Revoked: the open stream carries on until the connection breaks, then every request is refused.
		await revokeMailboxKey(key.id);
		const { dropped } = await control<{ dropped: number }>('POST', '/mailbox-events/drop');
		expect(dropped).toBe(1);

		// Not a silent stop: the workflow shows an activation error naming the fix...
		const shown = await eventually(async () => (await activationError(saved.id)) ?? undefined, { what: 'n8n to show the trigger error', timeoutMs: 60_000 });
		expect(shown).toContain(`"${CREDENTIAL}" credential`);
		// ...its error workflow runs, with the trigger's failure...
		const [errorRun] = await client.waitForExecutions({ workflowId: errorWorkflow.id, count: 1, timeoutMs: 60_000 });
		const reported = outputOf(errorRun, 'Error Trigger')[0].json as { trigger?: { error?: { message?: string } }; workflow?: { id?: string } };
		expect(reported.workflow?.id).toBe(saved.id);
		expect(JSON.stringify(reported.trigger?.error ?? null)).toContain(TRIGGER_NAME);
		// ...no stream is held with the refused key, and the workflow stays active (n8n retries it).
		expect((await streams()).open).toBe(0);
		expect((await client.getWorkflow(saved.id)).active).toBe(true);

		// The user pastes a new key while n8n still retries the failed trigger (5 attempts over
		// about 15 s): the next attempt starts it again, the error clears, no re-publish needed.
		const replacement = await createMailboxKey('replacement');
		await client.api('PATCH', `/credentials/${credential.id}`, { data: credentialData(replacement.secret) });
		await eventually(async () => (await streams()).open === 1, { what: 'the stream to come back with the new key', timeoutMs: 120_000 });
		await eventually(async () => !(await activationError(saved.id)), { what: 'the activation error to clear' });
		const message = await injectInbound(`After new key ${RUN}`, RUN);
		const [run] = await client.waitForExecutions({ workflowId: saved.id, count: 1, timeoutMs: 30_000 });
		expect(outputOf(run, TRIGGER_NAME).map((item) => item.json.id)).toEqual([message.id]);

		// Deactivating closes the stream of the trigger n8n started again (and no other is left).
		await client.deactivateWorkflow(saved.id);
		await eventually(async () => (await streams()).open === 0, { what: 'the stream to close on deactivation' });
	}, 240_000);

	it('Sendmux refuses new streams with 429: one failed execution explains the limit, mail still arrives through the change feed, the stream comes back once allowed', async () => {
		const saved = await workflows.create({
			name: 'e2e instant trigger (429)',
			nodes: [node(TRIGGER_NAME, MAILBOX_TRIGGER, { triggerMode: 'instant', options: {} }, { typeVersion: 2, credentials: credentialRef('mailbox') })],
			connections: {},
		});
		// Counted from here: a stream another workflow left open does not change what is asserted.
		const openBefore = (await streams()).open;
		await client.activateWorkflow(saved.id);
		await eventually(async () => (await streams()).open === openBefore + 1, { what: 'the trigger to open its stream' });
		const refusedBefore = (await streams()).counters.refused;

		// Too many connections for 25 s (Retry-After 2 s), and the open stream is cut.
		await control('POST', '/mailbox-events/refuse', { status: 429, forMs: 25_000, retryAfterSeconds: 2 });
		expect((await control<{ dropped: number }>('POST', '/mailbox-events/drop')).dropped).toBe(openBefore + 1);
		const message = await injectInbound(`During 429 ${RUN}`, RUN);

		// The message arrives while no stream is allowed: the change feed is checked after every wait.
		const delivered = await eventually(
			async () => {
				const executions = await client.listExecutions({ workflowId: saved.id });
				return executions.find((execution) => execution.status === 'success');
			},
			{ what: 'the message through the change feed', timeoutMs: 20_000 },
		);
		expect(outputOf(delivered, TRIGGER_NAME).map((item) => item.json.id)).toEqual([message.id]);
		const during = await streams();
		expect(during.open, 'delivered while Sendmux still refused the stream').toBe(0);
		expect(during.counters.refused).toBeGreaterThan(refusedBefore);

		// One failed execution for the streak, explaining the limit and what to change.
		const failed = await eventually(
			async () => (await client.listExecutions({ workflowId: saved.id, status: 'error' }))[0],
			{ what: 'a failed execution explaining the 429' },
		);
		const error = (failed.data?.resultData.error ?? {}) as { message?: string; description?: string };
		expect(error.message).toContain('too many realtime connections');
		expect(error.description).toContain('Trigger Mode "Polling"');

		// Allowed again: the trigger takes the stream up again by itself.
		await eventually(async () => (await streams()).open === openBefore + 1, { what: 'the stream to come back', timeoutMs: 90_000 });
		const refusedStreak = (await streams()).counters.refused - refusedBefore;
		expect(refusedStreak).toBeGreaterThan(1);
		expect(await client.listExecutions({ workflowId: saved.id, status: 'error' }), `${refusedStreak} refusals, one failed execution`).toHaveLength(1);
		const after = await injectInbound(`After 429 ${RUN}`, RUN);
		const runs = await client.waitForExecutions({ workflowId: saved.id, count: 3, timeoutMs: 30_000 });
		const ids = runs.filter((run) => run.status === 'success').flatMap((run) => outputOf(run, TRIGGER_NAME).map((item) => item.json.id));
		expect(ids.sort()).toEqual([message.id, after.id].sort());
	}, 180_000);
});
