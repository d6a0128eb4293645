import { describe, expect, it } from 'vitest';

import { capturedLogs } from '../harness/logs';
import { PollingTriggerUnderTest } from '../harness/poll';
import { testCredentials } from '../harness/workflow';
import { useSimulator } from '../simulator/testing.mjs';
import { idsOf } from './support';

/** The trigger against the project's Sendmux simulator: the real HTTP path, a mailbox that behaves. */
describe('Sendmux Mailbox Trigger against the simulator', () => {
	const sim = useSimulator();

	function trigger(parameters = {}) {
		return new PollingTriggerUnderTest({
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
			credentials: testCredentials({
				sendmuxMailboxApi: { apiKey: sim().keys.mailbox, sendingBaseUrl: sim().sendingBaseUrl, appBaseUrl: sim().appBaseUrl },
			}),
		});
	}

	function inbound(subject: string, spam = false) {
		return sim().control.injectInbound({
			mailbox: sim().control.seeded.mailboxId,
			from: { email: 'ann@customer.test', name: 'Ann Lee' },
			subject,
			text: `Body of ${subject}`,
			spam,
		}).id;
	}

	it('one item per message, oldest first, none again after a restart, and a resync without duplicates', async () => {
		const mailbox = trigger();
		expect((await mailbox.poll()).items).toBeNull();
		const first = [inbound('one'), inbound('two'), inbound('three')];
		inbound('spam', true);
		const poll = await mailbox.poll();
		expect(poll.error).toBeUndefined();
		expect(idsOf(poll.items)).toEqual(first);
		expect(poll.items?.map((item) => item.json.text)).toEqual(['Body of one', 'Body of two', 'Body of three']);

		await mailbox.restart();
		expect((await mailbox.poll()).items).toBeNull();
		const fourth = inbound('four');
		expect(idsOf((await mailbox.poll()).items)).toEqual([fourth]);

		// The simulator forgets old changes: the stored state now needs a resync.
		sim().control.configure({ changeRetention: 3 });
		const later = [inbound('five'), inbound('six')];
		const resync = await mailbox.poll();
		expect(resync.error).toBeUndefined();
		expect(idsOf(resync.items)).toEqual(later);
		expect(capturedLogs.some((l) => l.level === 'warn' && l.message.includes('sync required'))).toBe(true);
		expect(mailbox.executions.flatMap((items) => idsOf(items))).toEqual([...first, fourth, ...later]);
		expect(sim().control.contractViolations()).toEqual([]);
	});
});
