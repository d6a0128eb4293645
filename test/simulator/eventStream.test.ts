import { describe, expect, it } from 'vitest';

import { openApiContract } from '../contract/openapi';
import { HANDLERS } from './routes';
import { openStream, until, type Block } from './sseClient.mjs';
import { call, useSimulator } from './testing.mjs';

const subjectOf = (block: Block) => (block.data?.message as { subject: string } | null)?.subject;

describe('simulator: Mailbox API live event stream', () => {
	// One stream second lasts 10 ms here: `ping=10` pings every 100 ms, `close_after=30` ends after 300 ms.
	const sim = useSimulator({ mailboxEvents: { msPerSecond: 10 } });
	const inject = (subject: string, spam = false) =>
		sim().control.injectInbound({ mailbox: 'agent@example.com', from: { email: 'customer@example.net' }, subject, text: `About ${subject}`, spam });
	const openStreams = () => sim().control.mailboxEvents().open;

	it('holds the stream open and pushes mail as it arrives, each event with an id and data the spec allows', async () => {
		const stream = await openStream(sim());
		expect(stream.status).toBe(200);
		expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
		expect(stream.headers['content-length']).toBeUndefined();
		const [retry, position] = await until(() => stream.blocks().length >= 2 && stream.blocks());
		expect(retry.retry).toBe('3000');
		expect(position).toEqual({ id: expect.stringMatching(/^s\d+$/) });
		expect(openStreams()).toBe(1);

		inject('Order 7');
		const [first] = await until(() => stream.events().length === 1 && stream.events());
		expect([first.event, subjectOf(first)]).toEqual(['message.received', 'Order 7']);
		inject('Win', true);
		const events = await until(() => stream.events().length === 2 && stream.events());
		expect([events[1].event, subjectOf(events[1])]).toEqual(['message.received.spam', 'Win']);
		for (const event of events) {
			expect(event.id).toMatch(/^s\d+$/);
			expect(openApiContract().validateComponent('app', 'MailboxRealtimeEvent', event.data)).toEqual([]);
		}
		expect(Number(events[1].id?.slice(1))).toBeGreaterThan(Number(events[0].id?.slice(1)));

		// Mail the mailbox sends itself arrives through the delivery flow, and is pushed too.
		const sent = await call(sim(), 'app', { method: 'POST', path: '/mailbox/messages/send', headers: { 'Idempotency-Key': 'self-1' }, body: { to: [{ email: 'agent@example.com', name: null }], subject: 'Note to self', text_body: 'Remember' } });
		expect(sent.status).toBeLessThan(300);
		const third = await until(() => stream.events()[2]);
		expect(subjectOf(third)).toBe('Note to self');

		stream.close();
		await until(() => openStreams() === 0);
		expect(sim().control.mailboxEvents().counters).toMatchObject({ opened: 1, closedByClient: 1, dropped: 0, eventsSent: 3 });
	});

	it('replays what arrived since Last-Event-ID (header) or last_event_id (query), then carries on live; event_types filters both', async () => {
		const start = await openStream(sim());
		const position = (await until(() => start.blocks()[1])).id as string;
		start.close();
		inject('A');
		inject('B (spam)', true);
		inject('C');

		const byHeader = await openStream(sim(), {}, { 'Last-Event-ID': position });
		const replayed = await until(() => byHeader.events().length === 3 && byHeader.events());
		expect(replayed.map(subjectOf)).toEqual(['A', 'B (spam)', 'C']);
		expect(byHeader.blocks().filter((b) => b.id && !b.data)).toEqual([]);

		const fromB = await openStream(sim(), { last_event_id: replayed[0].id as string });
		expect((await until(() => fromB.events().length === 2 && fromB.events())).map(subjectOf)).toEqual(['B (spam)', 'C']);

		const spamOnly = await openStream(sim(), { last_event_id: position, event_types: 'message.received.spam' });
		expect((await until(() => spamOnly.events().length === 1 && spamOnly.events())).map(subjectOf)).toEqual(['B (spam)']);

		inject('D (spam)', true);
		await until(() => byHeader.events().length === 4);
		await until(() => spamOnly.events().length === 2);
		expect(byHeader.events().map(subjectOf)).toEqual(['A', 'B (spam)', 'C', 'D (spam)']);
		expect(spamOnly.events().map(subjectOf)).toEqual(['B (spam)', 'D (spam)']);
		expect(fromB.events().map(subjectOf)).toEqual(['B (spam)', 'C', 'D (spam)']);
		for (const s of [byHeader, fromB, spamOnly]) s.close();
		await until(() => openStreams() === 0);
	});

	it('sends a `: ping` comment every `ping` seconds and ends the stream cleanly after `close_after`', async () => {
		const stream = await openStream(sim(), { ping: '10', close_after: '30' });
		expect(await stream.ended).toBe('end');
		// 30 s of stream time with a ping every 10 s: two or three pings fit before the end.
		expect(stream.pings()).toBeGreaterThanOrEqual(2);
		expect(sim().control.mailboxEvents()).toMatchObject({ open: 0, counters: { closedByServer: 1, closedByClient: 0 } });
	});

	it('drop cuts every open stream without an end, as a network fault would', async () => {
		const one = await openStream(sim());
		const two = await openStream(sim(), { event_types: 'message.received' });
		await until(() => openStreams() === 2);
		expect(sim().control.mailboxEvents().openByMailbox).toEqual({ [sim().control.seeded.mailboxId]: 2 });
		const dropped = await fetch(`${sim().url}/__control/mailbox-events/drop`, { method: 'POST' });
		expect(await dropped.json()).toEqual({ ok: true, data: { dropped: 2 } });
		expect(await one.ended).toBe('aborted');
		expect(await two.ended).toBe('aborted');
		expect(sim().control.mailboxEvents()).toMatchObject({ open: 0, counters: { opened: 2, dropped: 2, closedByClient: 0 } });
	});

	it('a stalled stream stays open but sends nothing, pings included, while a healthy one carries on', async () => {
		const stalled = await openStream(sim(), { ping: '10' });
		await until(() => stalled.pings() >= 1);
		expect(sim().control.stallMailboxEvents()).toBe(1);
		const stalledRaw = stalled.raw();
		const healthy = await openStream(sim(), { ping: '10' });
		inject('While stalled');
		await until(() => healthy.events().length === 1 && healthy.pings() >= 3);
		expect(stalled.raw()).toBe(stalledRaw);
		expect(sim().control.mailboxEvents()).toMatchObject({ open: 2, stalled: 1 });
		stalled.close();
		healthy.close();
		await until(() => openStreams() === 0);
	});

	it('refuses one stream too many for the mailbox with 429 "Too many realtime connections"; a freed slot can be used again', async () => {
		sim().control.configure({ mailboxEvents: { maxStreamsPerMailbox: 2 } });
		const one = await openStream(sim());
		const two = await openStream(sim());
		const three = await openStream(sim());
		expect(three.status).toBe(429);
		const body = await three.errorBody();
		expect(body.error.code).toBe('rate_limit_exceeded');
		expect(body.error.message).toMatch(/^Too many realtime connections: .*limit 2/);
		expect(three.headers['retry-after']).toBeDefined();
		one.close();
		await until(() => openStreams() === 1);
		const again = await openStream(sim());
		expect(again.status).toBe(200);
		expect(sim().control.mailboxEvents().counters).toMatchObject({ opened: 3, refused: 1 });
		two.close();
		again.close();
		await until(() => openStreams() === 0);
	});

	it('refuses new streams with 503 (or 429) for a while when told to; open streams carry on', async () => {
		const open = await openStream(sim());
		const refused = await fetch(`${sim().url}/__control/mailbox-events/refuse`, { method: 'POST', body: JSON.stringify({ status: 503, forMs: 60_000, retryAfterSeconds: 7 }) });
		expect(refused.status).toBe(200);
		const unavailable = await openStream(sim());
		expect(unavailable.status).toBe(503);
		expect(unavailable.headers['retry-after']).toBe('7');
		expect((await unavailable.errorBody()).error.code).toBe('service_unavailable');
		sim().control.refuseMailboxEvents(429, 60_000);
		const tooMany = await openStream(sim());
		expect(tooMany.status).toBe(429);
		expect((await tooMany.errorBody()).error.message).toMatch(/^Too many realtime connections/);
		inject('Still flowing');
		await until(() => open.events().length === 1);
		sim().control.refuseMailboxEvents(503, 0);
		expect((await openStream(sim())).status).toBe(200);
		sim().control.reset();
		await until(() => openStreams() === 0);
	});

	it('answers 400 for an event ID the mailbox never issued, an unknown event type and a ping out of range; 403 for another mailbox', async () => {
		const never = await openStream(sim(), {}, { 'Last-Event-ID': 's999999' });
		expect(never.status).toBe(400);
		expect((await never.errorBody()).error).toMatchObject({ code: 'invalid_parameter', param: 'Last-Event-ID' });
		expect((await openStream(sim(), { last_event_id: 'not-an-id' })).status).toBe(400);
		expect((await openStream(sim(), { event_types: 'message.sent' })).status).toBe(400);
		expect((await openStream(sim(), { ping: '5' })).status).toBe(400);
		expect((await openStream(sim(), { close_after: '5' })).status).toBe(400);
		expect((await openStream(sim(), { mailbox_id: 'mbx_someone_else' })).status).toBe(403);
		expect(sim().control.mailboxEvents()).toMatchObject({ open: 0, counters: { opened: 0 } });
	});

	it('an ID older than the retained history gets a sync_required event with a fresh id, then live mail', async () => {
		sim().control.configure({ changeRetention: 5 });
		const start = await openStream(sim());
		const position = (await until(() => start.blocks()[1])).id as string;
		start.close();
		inject('Lost 1');
		inject('Lost 2');
		const stream = await openStream(sim(), {}, { 'Last-Event-ID': position });
		const [sync] = await until(() => stream.events().length === 1 && stream.events());
		expect(sync.event).toBe('sync_required');
		expect(sync.data).toMatchObject({ event_type: 'sync_required', message: null, mailbox_id: sim().control.seeded.mailboxId });
		expect(sync.id).toMatch(/^s\d+$/);
		inject('After the resync');
		const live = await until(() => stream.events()[1]);
		expect(subjectOf(live)).toBe('After the resync');
		const resumed = await openStream(sim(), { last_event_id: sync.id as string });
		expect((await until(() => resumed.events()[0])).data?.event_type).toBe('message.received');
		stream.close();
		resumed.close();
		await until(() => openStreams() === 0);
	});

	it('reset closes every open stream and starts the counters over', async () => {
		const stream = await openStream(sim());
		await until(() => openStreams() === 1);
		sim().control.reset();
		expect(await stream.ended).toBe('aborted');
		expect(sim().control.mailboxEvents()).toMatchObject({ open: 0, counters: { opened: 0 } });
	});

	it('self-checks every event it writes: data outside MailboxRealtimeEvent is reported as a violation', async () => {
		const real = HANDLERS.mailboxStreamEvents;
		HANDLERS.mailboxStreamEvents = () => ({
			headers: { 'Content-Type': 'text/event-stream' },
			stream(sink) {
				const broken = { event_type: 'message.deleted', mailbox_id: 42 };
				sink.checkEvent('MailboxRealtimeEvent', broken);
				sink.write(`id: s1\nevent: message.deleted\ndata: ${JSON.stringify(broken)}\n\n`);
				sink.end();
			},
		});
		try {
			const stream = await openStream(sim());
			expect(await stream.ended).toBe('end');
			expect(stream.events()).toHaveLength(1);
			const violations = sim().control.contractViolations();
			expect(violations.join('\n')).toMatch(/mailboxStreamEvents event\).*event_type/);
			expect(violations.join('\n')).toMatch(/mailbox_id/);
		} finally {
			HANDLERS.mailboxStreamEvents = real;
			// This test's violations were put there on purpose.
			sim().control.reset();
		}
	});
});
