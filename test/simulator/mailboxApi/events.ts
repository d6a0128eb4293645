/**
 * `GET /mailbox/events`, bounded: the simulator answers the backlog since `Last-Event-ID`
 * (header) or `last_event_id` (query) at once and closes the stream, as Sendmux does when
 * `close_after` runs out; a client reconnects with the last `id:` it saw. Event IDs are
 * mailbox states (`s<n>`): a stream without one starts now (an `id:`-only block carries the
 * position), an ID this mailbox never issued → 400, one older than the retained history → a
 * `sync_required` comment and a fresh position. Events: `message.received` and
 * `message.received.spam` (mail that arrived in Junk), filtered by `event_types`.
 */
import type { HandlerMap } from '../context';
import { SimError } from '../errors';
import { text } from '../resources/common';
import { attachmentsOf, messageSummary } from './representation';
import { scopeOf } from './scope';

const EVENT_TYPES = ['message.received', 'message.received.spam'];
const BODY_MAX_BYTES = 16_384;

export const eventStreamHandlers: HandlerMap = {
	mailboxStreamEvents(request, sim) {
		const { mailbox, store } = scopeOf(request, sim);
		const wanted = text(request.query.event_types)?.split(',').map((t) => t.trim()).filter(Boolean) ?? EVENT_TYPES;
		const unknown = wanted.filter((t) => !EVENT_TYPES.includes(t));
		if (unknown.length > 0) throw new SimError(400, 'invalid_parameter', `event_types may list ${EVENT_TYPES.join(', ')} (unknown: ${unknown.join(', ')}).`, { param: 'event_types' });
		const since = request.headers['last-event-id'] ?? text(request.query.last_event_id);
		const chunks: string[] = [];
		if (since !== undefined) {
			const changes = store.changesSince('messages', since, Number.MAX_SAFE_INTEGER, 'last_event_id');
			if (changes.sync_required) chunks.push(': sync_required: events since this ID are gone; refetch the mailbox\n\n');
			const junk = store.folderByRole('junk').id;
			for (const id of changes.created) {
				const message = store.messages.get(id);
				if (!message || message.receivedAt === null) continue;
				const spam = message.folderIds.includes(junk);
				const eventType = spam ? 'message.received.spam' : 'message.received';
				if (!wanted.includes(eventType)) continue;
				const cap = (value: string | null) => (value === null ? null : value.slice(0, BODY_MAX_BYTES));
				const event = {
					event_type: eventType,
					team_public_id: sim.state.teamId,
					mailbox_id: mailbox.id,
					message_id: message.rfcMessageId,
					message_id_kind: 'rfc5322',
					sender: message.from.email,
					recipients: [mailbox.email],
					is_spam: spam,
					message: {
						...messageSummary(message, sim.baseUrls.app),
						attachments: attachmentsOf(message, sim.baseUrls.app),
						rfc5322_message_id: message.rfcMessageId,
						body: {
							text: cap(message.text),
							html: cap(message.html),
							is_truncated: (message.text?.length ?? 0) > BODY_MAX_BYTES || (message.html?.length ?? 0) > BODY_MAX_BYTES,
							max_bytes: BODY_MAX_BYTES,
						},
					},
					occurred_at: new Date(message.receivedAt).toISOString(),
				};
				chunks.push(`event: ${eventType}\ndata: ${JSON.stringify(event)}\n\n`);
			}
		}
		chunks.push(`id: ${store.state}\n\n`);
		return { raw: { contentType: 'text/event-stream', body: chunks.join('') }, headers: { 'Cache-Control': 'no-cache' } };
	},
};
