/** The signed PUT URLs of Mailbox API attachment uploads: outside both API surfaces, no API key. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Sim } from './context';
import { SimError } from './errors';
import { BodyTooLarge, lowerCaseHeaders, readBody, sendJson } from './http.mjs';
import { newRequestId } from './ids';
import { completeMailboxUpload, MAILBOX_UPLOAD_PATH } from './mailboxApi/uploads';

export { MAILBOX_UPLOAD_PATH };

export async function handleMailboxUpload(sim: Sim, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
	const requestId = newRequestId();
	const answer = (status: number, body: object) => sendJson(response, status, { ...body, meta: { request_id: requestId } }, { 'X-Request-Id': requestId });
	try {
		if (request.method !== 'PUT') throw new SimError(405, 'method_not_allowed', 'Upload URLs take PUT.');
		const headers = lowerCaseHeaders(request);
		const bytes = await readBody(request, sim.settings.maxAttachmentBytes + 1024).catch((error: unknown) => {
			if (error instanceof BodyTooLarge) throw new SimError(413, 'payload_too_large', 'The upload is larger than the upload size cap.');
			throw error;
		});
		const uploadId = decodeURIComponent(url.pathname.slice(MAILBOX_UPLOAD_PATH.length));
		answer(200, { ok: true, data: completeMailboxUpload(sim, uploadId, url.searchParams.get('signature'), headers['content-type'], bytes) });
	} catch (error) {
		if (!(error instanceof SimError)) throw error;
		answer(error.status, { ok: false, error: { code: error.code, message: error.message, param: error.options.param, retryable: error.retryable } });
	}
}
