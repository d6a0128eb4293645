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

	for (const sparseMessageSummaries of [false, true]) {
		it(`every output mode emits, with and without Download Attachments${sparseMessageSummaries ? ', summaries without attachment lists' : ''}`, async () => {
			sim().control.configure({ sparseMessageSummaries });
			for (const output of ['cleanContent', 'simplified', 'raw']) {
				for (const downloadAttachments of [false, true]) {
					const mailbox = trigger({ output, options: { downloadAttachments } });
					expect((await mailbox.poll()).items).toBeNull();
					const id = sim().control.injectInbound({
						mailbox: sim().control.seeded.mailboxId,
						from: { email: 'ann@customer.test', name: 'Ann Lee' },
						subject: `Report for ${output}`,
						text: 'See the file.',
						attachments: [{ filename: 'report.csv', contentType: 'text/csv', content: Buffer.from('a,b\n1,2\n') }],
					}).id;
					const poll = await mailbox.poll();
					const label = `${output}, downloads ${downloadAttachments ? 'on' : 'off'}`;
					expect(poll.error, label).toBeUndefined();
					expect(idsOf(poll.items), label).toEqual([id]);
					const file = poll.items?.[0].binary?.attachment_0;
					if (downloadAttachments) {
						expect(file, label).toMatchObject({ fileName: 'report.csv', mimeType: 'text/csv' });
						expect(Buffer.from(file?.data ?? '', 'base64').toString(), label).toBe('a,b\n1,2\n');
					} else {
						expect(poll.items?.[0].binary, label).toBeUndefined();
					}
				}
			}
		});
	}

	it('600 messages in well under a second, then a resync: each emitted once', async () => {
		const mailbox = trigger({ maxMessagesPerPoll: 500 });
		expect((await mailbox.poll()).items).toBeNull();
		const burst = Array.from({ length: 600 }, (_, i) => inbound(`burst ${i}`));
		const emitted: string[] = [];
		for (let poll = 0; poll < 3; poll++) emitted.push(...idsOf((await mailbox.poll()).items));
		expect(emitted).toEqual(burst);
		// The simulator keeps only the last change from now on: the stored state needs a resync.
		sim().control.configure({ changeRetention: 1 });
		const later = [inbound('later 1'), inbound('later 2')];
		await mailbox.restart();
		const logged = capturedLogs.length;
		for (let poll = 0; poll < 3; poll++) emitted.push(...idsOf((await mailbox.poll()).items));
		expect(emitted).toEqual([...burst, ...later]);
		expect(capturedLogs.slice(logged).some((l) => l.level === 'warn' && l.message.includes('sync required'))).toBe(true);
	});
});
