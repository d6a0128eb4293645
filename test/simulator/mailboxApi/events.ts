/**
 * `GET /mailbox/events`: a held-open server-sent event stream (see ./realtime.ts). It opens
 * with a `retry:` hint; without a position it then sends an `id:`-only block carrying the
 * current one; with `Last-Event-ID` (header) or `last_event_id` (query) it replays what arrived
 * since, then pushes `message.received` / `message.received.spam` live, each with an `id:`
 * (a mailbox state, `s<n>`, valid for the change feed too). An ID this mailbox never issued
 * → 400; one older than the retained history → a `sync_required` event with a fresh `id:`.
 * `event_types` filters, `ping` (10–300 s) spaces the `: ping` comments, `close_after`
 * (30–3600 s) ends the stream. One mailbox holds at most `maxStreamsPerMailbox` streams (429).
 */
import type { HandlerMap } from '../context';
import { SimError } from '../errors';
import { text } from '../resources/common';
import { STREAM_EVENT_TYPES, type StreamEventType } from './realtime';
import { scopeOf } from './scope';

export const eventStreamHandlers: HandlerMap = {
	mailboxStreamEvents(request, sim) {
		const { mailbox, store } = scopeOf(request, sim);
		const listed = text(request.query.event_types)?.split(',').map((t) => t.trim()).filter(Boolean);
		const wanted = listed && listed.length > 0 ? listed : [...STREAM_EVENT_TYPES];
		const unknown = wanted.filter((t) => !(STREAM_EVENT_TYPES as readonly string[]).includes(t));
		if (unknown.length > 0) throw new SimError(400, 'invalid_parameter', `event_types may list ${STREAM_EVENT_TYPES.join(', ')} (unknown: ${unknown.join(', ')}).`, { param: 'event_types' });
		const since = request.headers['last-event-id'] ?? text(request.query.last_event_id);
		// Checks the position now, so an unknown one is a 400 rather than a broken stream.
		if (since !== undefined) store.messagesCreatedSince(since, request.headers['last-event-id'] !== undefined ? 'Last-Event-ID' : 'last_event_id');
		const seconds = (name: string) => {
			const value = text(request.query[name]);
			return value === undefined ? undefined : Number(value);
		};
		const attach = sim.streams.open({
			mailbox,
			store,
			teamId: sim.state.teamId,
			appBaseUrl: sim.baseUrls.app,
			wanted: wanted as StreamEventType[],
			since,
			pingSeconds: seconds('ping'),
			closeAfterSeconds: seconds('close_after'),
		});
		return { stream: attach, headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' } };
	},
};
