/**
 * The Sending API's exactly-once behaviour, faked: a repeated Idempotency-Key with the same
 * body gets the original reply (no new message), with another body a 409. Tests count the
 * messages Sendmux would really have created, not the requests.
 */
import { createHash } from 'node:crypto';

import { errorEnvelope, okEnvelope, type RecordedRequest, type Reply } from '../harness/sendmuxApi';

export interface MessageErrorDetail {
	code: string;
	message: string;
	retryable: boolean;
	param?: string;
	doc_url?: string;
	errors?: Array<{ field: string; code: string; message: string }>;
}

interface SentMessage {
	id: string;
	to: string;
	subject: string;
	key: string;
}

type Outcome = 'queued' | MessageErrorDetail;

export function messageIdFor(seed: string): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	const digest = createHash('sha256').update(seed).digest();
	return `eml_${[...digest.subarray(0, 24)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

export class FakeSending {
	/** Every message Sendmux queued, once each. */
	readonly sent: SentMessage[] = [];
	private readonly replies = new Map<string, { bodyHash: string; reply: Reply }>();

	/** What happens to each message; queued unless told otherwise. */
	constructor(private readonly outcome: (message: { to: { email: string } }) => Outcome = () => 'queued') {}

	/** A reply function for `POST /emails/send`. */
	single(): (request: RecordedRequest) => Reply {
		return (request) =>
			this.idempotent(request, () => {
				const message = request.body as { to: { email: string }; subject: string };
				const id = this.queue(message, request.idempotencyKey ?? '');
				return [200, okEnvelope({ message_id: id, status: 'queued' })];
			});
	}

	/** A reply function for `POST /emails/send/batch`, partial success as Sendmux does it. */
	batch(): (request: RecordedRequest) => Reply {
		return (request) =>
			this.idempotent(request, () => {
				const { messages } = request.body as { messages: Array<{ to: { email: string }; subject: string }> };
				const results = messages.map((message, index) => {
					const outcome = this.outcome(message);
					if (outcome === 'queued') {
						return { index, status: 'queued', message_id: this.queue(message, `${request.idempotencyKey}#${index}`) };
					}
					return { index, status: 'failed', message_id: null, error: outcome };
				});
				const queued = results.filter((r) => r.status === 'queued').length;
				return [
					200,
					okEnvelope({ results, summary: { total: results.length, queued, failed: results.length - queued } }),
				];
			});
	}

	private queue(message: { to: { email: string }; subject: string }, key: string): string {
		const id = messageIdFor(`${key}:${this.sent.length}`);
		this.sent.push({ id, to: message.to.email, subject: message.subject, key });
		return id;
	}

	private idempotent(request: RecordedRequest, create: () => Reply): Reply {
		const key = request.idempotencyKey;
		const bodyHash = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
		if (key === undefined) return create();
		const earlier = this.replies.get(key);
		if (earlier) {
			if (earlier.bodyHash === bodyHash) return earlier.reply;
			return [409, errorEnvelope('idempotency_conflict', 'Idempotency-Key reused with a different body')];
		}
		const reply = create();
		this.replies.set(key, { bodyHash, reply });
		return reply;
	}
}

export const fail = (code: string, message: string, extra: Partial<MessageErrorDetail> = {}): MessageErrorDetail => ({
	code,
	message,
	retryable: false,
	doc_url: `https://docs.sendmux.ai/errors/${code}`,
	...extra,
});
