import { describe, expect, it } from 'vitest';

import { SseParser, type StreamSignal } from '../../nodes/SendmuxMailboxTrigger/instant/sse';

function parseAll(chunks: Array<string | Uint8Array>, lastEventId = ''): StreamSignal[] {
	const parser = new SseParser(lastEventId);
	return chunks.flatMap((chunk) => parser.push(chunk));
}

const events = (signals: StreamSignal[]) => signals.flatMap((s) => (s.kind === 'event' ? [s.event] : []));

const STREAM =
	': hello\n' +
	'retry: 2500\n' +
	'\n' +
	'id: s101\n' +
	'event: message.received\n' +
	'data: {"a":1,\n' +
	'data:  "b":"x"}\n' +
	'\n' +
	': ping\n' +
	'\n' +
	'id: s102\n' +
	'\n' +
	'event: sync_required\n' +
	'data: {}\n' +
	'\n';

const EXPECTED: StreamSignal[] = [
	{ kind: 'comment', text: 'hello' },
	{ kind: 'retry', ms: 2500 },
	{ kind: 'event', event: { type: 'message.received', data: '{"a":1,\n "b":"x"}', lastEventId: 's101' } },
	{ kind: 'comment', text: 'ping' },
	{ kind: 'id', lastEventId: 's102' },
	{ kind: 'event', event: { type: 'sync_required', data: '{}', lastEventId: 's102' } },
];

describe('Mailbox Trigger (instant): server-sent events parser', () => {
	it('reads comments, retry, id, event and multi-line data as the standard says', () => {
		expect(parseAll([STREAM])).toEqual(EXPECTED);
	});

	it('gives the same signals with CRLF and with lone CR line ends', () => {
		expect(parseAll([STREAM.replace(/\n/g, '\r\n')])).toEqual(EXPECTED);
		expect(parseAll([STREAM.replace(/\n/g, '\r')])).toEqual(EXPECTED);
	});

	it('gives the same signals whatever the chunking: every split point, CRLF split between chunks, UTF-8 split inside a character', () => {
		const text = STREAM.replace(/\n/g, '\r\n').replace('"x"', '"Grüße 📬"');
		const bytes = Buffer.from(text, 'utf8');
		const whole = parseAll([bytes]);
		expect(events(whole)[0].data).toBe('{"a":1,\n "b":"Grüße 📬"}');
		for (let split = 1; split < bytes.length; split++) {
			expect(parseAll([bytes.subarray(0, split), bytes.subarray(split)]), `split at byte ${split}`).toEqual(whole);
		}
		// One byte at a time.
		expect(parseAll([...bytes].map((byte) => Uint8Array.of(byte)))).toEqual(whole);
	});

	it('ignores unknown fields, a non-numeric retry, a leading BOM, "data" without a colon as an empty line of data, and an id holding NUL', () => {
		const signals = parseAll(['\uFEFFfoo: bar\nretry: 10s\ndata\ndata\n\nid: a\u0000b\ndata: x\n\n'], 'keep');
		expect(signals).toEqual([
			{ kind: 'event', event: { type: 'message', data: '\n', lastEventId: 'keep' } },
			{ kind: 'event', event: { type: 'message', data: 'x', lastEventId: 'keep' } },
		]);
	});

	it('dispatches nothing for a block the stream ended inside, and keeps the last event ID it was given', () => {
		const parser = new SseParser('s7');
		expect(parser.push('id: s8\ndata: {"half":')).toEqual([]);
		parser.end();
		expect(parser.eventId).toBe('s8');
		expect(parser.push('data: next\n\n')).toEqual([{ kind: 'event', event: { type: 'message', data: 'next', lastEventId: 's8' } }]);
	});

	it('a field value keeps everything after the first space: colons and further spaces', () => {
		expect(events(parseAll(['data:  two spaces: and colon\n\n']))[0].data).toBe(' two spaces: and colon');
		expect(events(parseAll(['data:nospace\n\n']))[0].data).toBe('nospace');
	});
});

describe('Mailbox Trigger (instant): what the stream signals mean', () => {
	it('announces message IDs, tolerates a null message and data that is not JSON, and spots sync_required as event, data or comment', async () => {
		const { readSignals } = await import('../../nodes/SendmuxMailboxTrigger/instant/events');
		const parser = new SseParser();
		const signals = parser.push(
			[
				'event: message.received',
				'data: {"event_type":"message.received","message":{"id":"msg_1"}}',
				'',
				'data: {"event_type":"message.received.spam","message":null}',
				'',
				'data: not json',
				'',
				'data: {"event_type":"message.received","message":{"id":"msg_1"}}',
				'',
				'retry: 3000',
				'',
			].join('\n') + '\n',
		);
		expect(readSignals(signals)).toEqual({ announced: ['msg_1'], received: true, syncRequired: false, retryMs: 3000, unreadable: 1 });
		for (const text of ['event: sync_required\ndata: {}\n\n', 'data: {"event_type":"sync_required"}\n\n', ': sync_required: gone\n\n']) {
			expect(readSignals(new SseParser().push(text))).toMatchObject({ syncRequired: true, received: false, announced: [] });
		}
		expect(readSignals(new SseParser().push(': ping\n\nid: e9\n\n'))).toMatchObject({ received: false, syncRequired: false });
	});
});
