/** Fixtures shared by the Sendmux Trigger tests. */
import { readPackageFile } from '../harness/host.mjs';
import { okEnvelope, type RecordedRequest, type Reply } from '../harness/sendmuxApi';

/** A fixture file's exact bytes. */
export function fixtureBytes(name: string): Buffer {
	return readPackageFile('test', 'trigger', 'fixtures', name);
}

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
	return JSON.parse(fixtureBytes(name).toString('utf8')) as T;
}

/** The signing secret the vectors were made with, and one they were not. */
export const SECRET = fixtureBytes('secret.txt').toString('utf8');
export const WRONG_SECRET = fixtureBytes('wrong-secret.txt').toString('utf8');

/** Signatures computed by openssl (scripts/make-signature-vectors.sh), not by the node. */
export const VECTORS = fixtureJson<Record<string, string>>('signatures.json');

export const SUBSCRIPTION_ID = 'whk_cm7q2b9x40010whk00000001';

export interface SubscriptionFields {
	id?: string;
	name?: string | null;
	url: string;
	event_types: string[];
	mailbox_ids?: string[];
	enabled?: boolean;
	failing?: boolean;
}

/** A WebhookSubscription as the Management API returns it. */
export function subscription(fields: SubscriptionFields) {
	return {
		id: fields.id ?? SUBSCRIPTION_ID,
		name: fields.name ?? 'n8n: Bounce handling (Sendmux Trigger)',
		url: fields.url,
		event_types: fields.event_types,
		filters: { mailbox_ids: fields.mailbox_ids ?? [] },
		enabled: fields.enabled ?? true,
		failing: fields.failing ?? false,
		created_at: '2026-11-20T09:00:00Z',
		updated_at: '2026-11-20T09:00:00Z',
	};
}

/** Sendmux's answer to POST /webhooks: the subscription as asked for, with its secret. */
export function createdReply(id = SUBSCRIPTION_ID, secret = SECRET) {
	return (request: RecordedRequest): Reply => {
		const body = request.body as {
			url: string;
			event_types: string[];
			name?: string;
			filters?: { mailbox_ids: string[] };
		};
		return [
			201,
			okEnvelope({
				...subscription({
					id,
					name: body.name ?? null,
					url: body.url,
					event_types: body.event_types,
					mailbox_ids: body.filters?.mailbox_ids ?? [],
				}),
				secret,
			}),
		];
	};
}
