import type { INodeParameters } from 'n8n-workflow';

import { PollingTriggerUnderTest } from '../harness/poll';
import { SendmuxApi } from '../harness/sendmuxApi';
import { FakeMailbox } from './fakeMailbox';

/** A trigger on a fresh fake mailbox; parameters as the editor would store them. */
export function mailboxTrigger(parameters: INodeParameters = {}) {
	const api = new SendmuxApi();
	const mailbox = new FakeMailbox(api);
	const trigger = new PollingTriggerUnderTest({
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
	});
	return { api, mailbox, trigger };
}

/** The IDs the stored position remembers as emitted. */
export function rememberedIds(staticData: Record<string, unknown>): string[] {
	const position = staticData.position as { emitted?: Array<[string, number | null]> } | undefined;
	return (position?.emitted ?? []).map(([id]) => id);
}

/** The IDs of emitted items (every output mode carries `id`). */
export function idsOf(items: Array<{ json: Record<string, unknown> }> | null): string[] {
	return (items ?? []).map((item) => String(item.json.id));
}
