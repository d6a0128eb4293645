import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { confirmedBySendmux } from './resync';
import { checkSignature, SIGNATURE_PROBLEMS } from './signature';
import { hasSeenEvent, rememberEvent, storedSubscription } from './state';

/** The parts of n8n's (Express) request this trigger reads. */
interface DeliveryRequest {
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	/** The body bytes exactly as received; n8n keeps them beside the parsed body. */
	rawBody?: Buffer;
}

/** The parts of n8n's (Express) response this trigger writes. */
interface DeliveryResponse {
	status(code: number): DeliveryResponse;
	json(body: unknown): unknown;
}

interface TriggerOptions {
	verifySignature?: boolean;
	ignoreRedelivered?: boolean;
	output?: 'simplified' | 'raw';
}

/** A Sendmux event (WebhookEventPayload). */
interface SendmuxEvent extends IDataObject {
	id: string;
	type: string;
	team_public_id: string;
	occurred_at: string;
	data: IDataObject;
}

function singleHeader(value: string | string[] | undefined): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Answers the request here and tells n8n not to answer it again. */
function answer(res: DeliveryResponse, status: number, body: IDataObject): IWebhookResponseData {
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/** The event from the bytes that were verified, or n8n's parsed body when there are none. */
function readEvent(request: DeliveryRequest): SendmuxEvent | undefined {
	let body: unknown = request.body;
	if (Buffer.isBuffer(request.rawBody) && request.rawBody.length > 0) {
		try {
			body = JSON.parse(request.rawBody.toString('utf8')) as unknown;
		} catch {
			return undefined;
		}
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const event = body as Partial<SendmuxEvent>;
	if (typeof event.id !== 'string' || typeof event.type !== 'string') return undefined;
	return event as SendmuxEvent;
}

function deliveryAttempt(request: DeliveryRequest): number {
	const attempt = Number(singleHeader(request.headers['x-sendmux-delivery-attempt']));
	return Number.isInteger(attempt) && attempt > 0 ? attempt : 1;
}

function simplified(event: SendmuxEvent, request: DeliveryRequest): IDataObject {
	return {
		id: event.id,
		type: event.type,
		occurred_at: event.occurred_at,
		team_public_id: event.team_public_id,
		data: withoutNulls(event.data),
		delivery_attempt: deliveryAttempt(request),
	};
}

/**
 * The event's data without the fields that do not apply to its type (Sendmux sends every
 * field, `null` where it does not apply: a delivery has no bounce type). Raw keeps them all.
 */
function withoutNulls(data: SendmuxEvent['data']): IDataObject {
	if (!data || typeof data !== 'object') return {};
	return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null)) as IDataObject;
}

/**
 * One delivery from Sendmux: verify it came from Sendmux, drop what the workflow does not
 * want (other event types, repeats), and start the workflow with the event.
 *
 * Every path answers the request itself and returns `noWebhookResponse`, also the one that
 * starts the workflow: only then does n8n 2.41 save the static data changed here (the event
 * ID remembered, a re-synchronised secret) before it starts the run. Returning the items for
 * n8n to answer (`onReceived`) would start the run first, which clears n8n's "changed" mark,
 * and the remembered IDs would never reach the database.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const request = this.getRequestObject() as unknown as DeliveryRequest;
	const response = this.getResponseObject() as unknown as DeliveryResponse;
	const nodeName = this.getNode().name;

	const event = readEvent(request);

	if (options.verifySignature !== false) {
		const check = checkSignature(
			request.rawBody,
			request.headers['x-sendmux-signature'],
			storedSubscription(this).secret,
		);
		const confirmed =
			!check.valid &&
			check.reason === 'mismatch' &&
			event !== undefined &&
			Buffer.isBuffer(request.rawBody) &&
			(await confirmedBySendmux(this, request.rawBody, event, deliveryAttempt(request)));
		if (!check.valid && !confirmed) {
			this.logger.warn(`Sendmux Trigger "${nodeName}": refused a delivery (${check.reason}); the workflow did not run`);
			return answer(response, 401, { error: 'invalid_signature', message: SIGNATURE_PROBLEMS[check.reason] });
		}
	}

	if (!event) {
		this.logger.warn(`Sendmux Trigger "${nodeName}": the request body is not a Sendmux event; the workflow did not run`);
		return answer(response, 400, {
			error: 'invalid_payload',
			message: 'The body is not a Sendmux event: a JSON object with id and type.',
		});
	}

	const selected = this.getNodeParameter('events', []) as string[];
	if (!selected.includes(event.type)) {
		return answer(response, 200, { received: true, ignored: 'event type not selected in this trigger' });
	}

	if (options.ignoreRedelivered !== false) {
		// The body's ID, not the X-Sendmux-Event-Id header: both carry the same value, but only
		// the body is signed, so a replayed request with an edited header is still caught.
		const eventId = event.id;
		if (hasSeenEvent(this, eventId)) {
			this.logger.debug(`Sendmux Trigger "${nodeName}": event ${eventId} was already delivered; skipped`);
			return answer(response, 200, { received: true, ignored: 'event already delivered' });
		}
		rememberEvent(this, eventId);
	}

	const json =
		options.output === 'raw'
			? { headers: request.headers as IDataObject, body: event }
			: simplified(event, request);
	response.status(200).json({ received: true });
	return { noWebhookResponse: true, workflowData: [[{ json }]] };
}
