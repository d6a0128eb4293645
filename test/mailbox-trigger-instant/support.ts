import type { INodeParameters } from 'n8n-workflow';
import { afterEach, beforeEach } from 'vitest';

import { restoreInstantWaits, turn, until, useInstantWaits, type InstantWaits } from '../harness/instantWaits.mjs';
import { MailboxTriggerV2UnderTest } from '../harness/mailboxTriggerV2';
import { SendmuxApi } from '../harness/sendmuxApi';
import { FakeMailbox } from '../mailbox-trigger/fakeMailbox';
import { FakeEventStream } from './fakeEventStream.mjs';

const started: MailboxTriggerV2UnderTest[] = [];
let waits: InstantWaits;

/** Installs the test-decided waits and closes every trigger a test left running. */
export function useInstantTriggers(): () => InstantWaits {
	beforeEach(() => {
		waits = useInstantWaits();
	});
	afterEach(async () => {
		for (const trigger of started.splice(0)) await trigger.deactivate();
		restoreInstantWaits();
	});
	return () => waits;
}

/** A version 2 trigger (Instant by default) on a fresh fake mailbox and event stream. */
export function instantTrigger(parameters: INodeParameters = {}) {
	const api = new SendmuxApi();
	const mailbox = new FakeMailbox(api);
	const events = new FakeEventStream(api, mailbox);
	const trigger = new MailboxTriggerV2UnderTest({ parameters: { triggerMode: 'instant', ...parameters } });
	started.push(trigger);
	return { api, mailbox, events, trigger };
}

/** Another trigger node on the same fake (a switched mode, a version 1 node...). */
export function track(trigger: MailboxTriggerV2UnderTest): MailboxTriggerV2UnderTest {
	started.push(trigger);
	return trigger;
}

export function ids(trigger: MailboxTriggerV2UnderTest): string[] {
	return trigger.allItems().map((item) => String(item.json.id));
}

/** Waits until the stream has had `count` requests and the last one is open and being read. */
export async function connected(events: FakeEventStream, count = 1): Promise<void> {
	await until(() => events.connections.length >= count && events.open !== undefined, `stream connection ${count} is open`);
}

export { turn, until };
