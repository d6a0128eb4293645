import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { WaitOptionValues } from './description';
import { parseFormFields, readAnswers, submittedFields, type FormField, type FormFieldParameter } from './form';
import { readMessage } from './message';
import { ANSWER_FIELD, PAGE_HEADERS, approvalPage, formPage, recordedPage, refusedPage, type PageText } from './page';
import { approvalLabels, readResponseType, type ApprovalValues } from './request';

/** n8n's query parameter holding the resume URL's signature (n8n-core's WAITING_TOKEN_QUERY_PARAM). */
const SIGNATURE_PARAM = 'signature';

/** The one field of a Free Text answer. */
const FREE_TEXT_FIELD: FormField = { label: 'Response', type: 'textarea', required: true, choices: [], name: 'field-0' };

function respond(ctx: IWebhookFunctions, status: number, html: string): void {
	const response = ctx.getResponseObject();
	response.status(status);
	for (const [name, value] of Object.entries(PAGE_HEADERS)) response.setHeader(name, value);
	response.send(html);
}

/** A parameter read in the webhook, where an expression may not resolve as it did when sending. */
function readText(ctx: IWebhookFunctions, name: string, fallback: string): string {
	try {
		const value = ctx.getNodeParameter(name, fallback);
		return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
	} catch {
		return fallback;
	}
}

function pageText(ctx: IWebhookFunctions): PageText {
	const options = (ctx.getNodeParameter('options', {}) ?? {}) as WaitOptionValues;
	const subject = readText(ctx, 'subject', '').trim();
	const title = String(options.responseFormTitle ?? '').trim() || subject || 'Your answer is requested';
	let message = '';
	try {
		message = readMessage(ctx);
	} catch {
		// Shown again on the page only; the email already carried the question.
	}
	return { title, message: message.trim() || 'Please review this request.' };
}

/** Only what a browser sent as text (a file input would be ignored anyway). */
function formValues(fields: FormField[], body: IDataObject): Record<string, string> {
	const values: Record<string, string> = {};
	for (const field of fields) {
		const value = body[field.name];
		values[field.name] = Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
	}
	return values;
}

/**
 * The waiting webhook of Send and Wait. n8n calls it only for an execution waiting on this
 * node and only after checking the URL's signature (`getSignedResumeUrl`); it refuses a changed
 * link and answers a link whose request is over with its own "No action required" page.
 *
 * Safe against link scanners: a GET (or HEAD) never decides, it shows the page; only a POST
 * from that page (which carries its answer field) resumes the execution.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const query = this.getQueryData() as IDataObject;
	const signature = query[SIGNATURE_PARAM];
	if (typeof signature !== 'string' || signature === '') {
		// n8n checks the signature before calling us; an n8n that did not would still be refused here.
		respond(this, 401, refusedPage('This link is not signed. Open the link from the email you received.'));
		return { noWebhookResponse: true };
	}

	const method = this.getRequestObject().method;
	const responseType = readResponseType(this.getNodeParameter('responseType', 'approval'));
	const text = pageText(this);
	const options = (this.getNodeParameter('options', {}) ?? {}) as WaitOptionValues;
	const buttonLabel = String(options.responseFormButtonLabel ?? '').trim() || 'Submit';

	let fields: FormField[] = [];
	if (responseType === 'freeText') fields = [FREE_TEXT_FIELD];
	if (responseType === 'customForm') {
		const parsed = parseFormFields(this.getNodeParameter('formFields.values', []) as FormFieldParameter[]);
		fields = parsed.fields;
	}

	if (responseType === 'approval') {
		const labels = approvalLabels(this.getNodeParameter('approvalOptions.values', {}) as ApprovalValues);
		const approve = query.approved !== 'false';
		const decision = { approve, label: approve ? labels.approve : labels.decline };
		const page = approvalPage(text, decision);
		if (method !== 'POST') {
			respond(this, 200, page);
			return { noWebhookResponse: true };
		}
		const answer = submittedFields(this.getBodyData())[ANSWER_FIELD];
		if (answer !== (approve ? 'approve' : 'decline')) {
			// Not the page's own button: show the page instead of deciding.
			respond(this, 400, page);
			return { noWebhookResponse: true };
		}
		const respondedAt = new Date().toISOString();
		respond(this, 200, recordedPage(text.title, `Your answer: ${decision.label}.`));
		return { noWebhookResponse: true, workflowData: [[{ json: { data: { approved: approve, respondedAt } } }]] };
	}

	if (method !== 'POST') {
		respond(this, 200, formPage(text, fields, buttonLabel));
		return { noWebhookResponse: true };
	}
	const body = submittedFields(this.getBodyData());
	if (body[ANSWER_FIELD] !== 'form') {
		respond(this, 400, formPage(text, fields, buttonLabel));
		return { noWebhookResponse: true };
	}
	const { answers, errors } = readAnswers(fields, body);
	if (Object.keys(errors).length) {
		respond(this, 400, formPage(text, fields, buttonLabel, { values: formValues(fields, body), errors }));
		return { noWebhookResponse: true };
	}
	const respondedAt = new Date().toISOString();
	const data: IDataObject =
		responseType === 'freeText' ? { text: answers[FREE_TEXT_FIELD.label], respondedAt } : { ...answers, respondedAt };
	respond(this, 200, recordedPage(text.title, 'Your answer was sent.'));
	return { noWebhookResponse: true, workflowData: [[{ json: { data } }]] };
}
