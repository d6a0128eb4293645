import { describe, expect, it } from 'vitest';

import { openApiContract } from '../contract/openapi';
import { call, useSimulator } from './testing.mjs';

interface Block {
	id?: string;
	event?: string;
	data?: Record<string, unknown>;
}

function blocks(stream: string): Block[] {
	return stream
		.split('\n\n')
		.filter((chunk) => chunk.trim() && !chunk.startsWith(':'))
		.map((chunk) => {
			const block: Block = {};
			for (const line of chunk.split('\n')) {
				const [field, ...rest] = line.split(': ');
				const value = rest.join(': ');
				if (field === 'id') block.id = value;
				if (field === 'event') block.event = value;
				if (field === 'data') block.data = JSON.parse(value) as Record<string, unknown>;
			}
			return block;
		});
}

describe('simulator: Mailbox API event stream (bounded)', () => {
	const sim = useSimulator();

	const stream = (query: Record<string, string> = {}, headers: Record<string, string> = {}) => call(sim(), 'app', { path: '/mailbox/events', query, headers });

	it('starts at the current position, then replays received mail since Last-Event-ID, each event as the spec shapes it', async () => {
		const start = await stream();
		expect(start.status).toBe(200);
		expect(start.headers['content-type']).toMatch(/^text\/event-stream/);
		const [position] = blocks(start.text);
		expect(position.data).toBeUndefined();
		sim().control.injectInbound({ mailbox: 'agent@example.com', from: { email: 'customer@example.net' }, subject: 'Order 7', text: 'Where is it?' });
		sim().control.injectInbound({ mailbox: 'agent@example.com', from: { email: 'spammer@example.net' }, subject: 'Win', text: 'Prize', spam: true });
		const replay = blocks((await stream({}, { 'Last-Event-ID': position.id as string })).text);
		const events = replay.filter((b) => b.data);
		expect(events.map((e) => [e.event, (e.data?.message as { subject: string }).subject])).toEqual([
			['message.received', 'Order 7'],
			['message.received.spam', 'Win'],
		]);
		for (const event of events) expect(openApiContract().validateComponent('app', 'MailboxRealtimeEvent', event.data)).toEqual([]);
		const last = replay[replay.length - 1].id as string;
		expect(blocks((await stream({ last_event_id: last })).text).filter((b) => b.data)).toEqual([]);
		const onlySpam = blocks((await stream({ last_event_id: position.id as string, event_types: 'message.received.spam' })).text).filter((b) => b.data);
		expect(onlySpam.map((e) => e.event)).toEqual(['message.received.spam']);
	});

	it('refuses an event ID it never issued and an unknown event type with 400', async () => {
		expect((await stream({ last_event_id: 's999999' })).status).toBe(400);
		expect((await stream({ event_types: 'message.sent' })).status).toBe(400);
	});
});
