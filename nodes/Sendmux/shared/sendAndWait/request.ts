import {
	NodeOperationError,
	WAIT_INDEFINITELY,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { escapeHtml, textToHtml } from '../html';
import type { LimitWaitTime, WaitOptionValues } from './description';
import { parseFormFields, type FormFieldParameter } from './form';
import { readMessage } from './message';

export type ResponseType = 'approval' | 'freeText' | 'customForm';

export interface ApprovalValues {
	approvalType?: 'single' | 'double';
	approveLabel?: string;
	disapproveLabel?: string;
}

/** One link of the email: a signed resume URL and its label. */
export interface RequestLink {
	label: string;
	url: string;
	primary: boolean;
}

/** The email asking the question: its bodies, and the links they carry. */
export interface RequestEmail {
	html: string;
	text: string;
	links: RequestLink[];
}

/** The item every Send and Wait request is built from: n8n waits once per execution. */
export const REQUEST_ITEM = 0;

export function readResponseType(value: unknown): ResponseType {
	return value === 'freeText' || value === 'customForm' ? value : 'approval';
}

/** The labels of the Approval buttons, with n8n's defaults. */
export function approvalLabels(values: ApprovalValues): { approve: string; decline: string; double: boolean } {
	return {
		approve: String(values.approveLabel ?? '').trim() || 'Approve',
		decline: String(values.disapproveLabel ?? '').trim() || 'Decline',
		double: values.approvalType === 'double',
	};
}

/**
 * The links of the request, each n8n's signed resume URL (`getSignedResumeUrl`): n8n checks
 * the signature before the node sees the request, so a changed or unsigned link is refused.
 * Opening a link only shows a page; the answer is the POST from that page.
 */
function requestLinks(ctx: IExecuteFunctions, responseType: ResponseType, options: WaitOptionValues): RequestLink[] {
	if (responseType !== 'approval') {
		const label = String(options.messageButtonLabel ?? '').trim() || 'Respond';
		return [{ label, url: ctx.getSignedResumeUrl(), primary: true }];
	}
	const values = ctx.getNodeParameter('approvalOptions.values', REQUEST_ITEM, {}) as ApprovalValues;
	const labels = approvalLabels(values);
	const links = [{ label: labels.approve, url: ctx.getSignedResumeUrl({ approved: 'true' }), primary: true }];
	if (labels.double) links.push({ label: labels.decline, url: ctx.getSignedResumeUrl({ approved: 'false' }), primary: false });
	return links;
}

const BUTTON_STYLE = {
	primary:
		'display:inline-block;margin:4px 8px 4px 0;padding:10px 20px;border-radius:6px;background:#1f6feb;color:#ffffff;font-weight:600;text-decoration:none;',
	secondary:
		'display:inline-block;margin:4px 8px 4px 0;padding:9px 19px;border-radius:6px;border:1px solid #8c959f;background:#ffffff;color:#1f2328;font-weight:600;text-decoration:none;',
};

const SAFETY_NOTE = 'The link opens a page where you confirm your answer; opening it alone decides nothing.';

/**
 * The request email: the question, then the links, in HTML and in plain text so that every
 * mail client shows a usable message. Everything from parameters is escaped.
 */
export function requestEmail(ctx: IExecuteFunctions): RequestEmail {
	const node = ctx.getNode();
	const message = readMessage(ctx);
	if (!message.trim()) {
		throw new NodeOperationError(node, 'Message is empty', {
			itemIndex: REQUEST_ITEM,
			description: 'Write the question the person should answer in Message.',
		});
	}
	const responseType = readResponseType(ctx.getNodeParameter('responseType', REQUEST_ITEM, 'approval'));
	if (responseType === 'customForm') {
		const values = ctx.getNodeParameter('formFields.values', REQUEST_ITEM, []) as FormFieldParameter[];
		const { problems } = parseFormFields(values);
		if (problems.length) {
			throw new NodeOperationError(node, `The Custom Form cannot be built: ${problems[0]}`, {
				itemIndex: REQUEST_ITEM,
				description: `Fix the form under Form Fields; nothing was sent.${problems.length > 1 ? ` Also: ${problems.slice(1).join('; ')}.` : ''}`,
			});
		}
	}
	const options = ctx.getNodeParameter('options', REQUEST_ITEM, {}) as WaitOptionValues;
	const links = requestLinks(ctx, responseType, options);

	const buttons = links
		.map(
			(link) =>
				`<a href="${escapeHtml(link.url)}" target="_blank" rel="noopener" style="${link.primary ? BUTTON_STYLE.primary : BUTTON_STYLE.secondary}">${escapeHtml(link.label)}</a>`,
		)
		.join('\n');
	const html = [
		'<div style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;max-width:600px;">',
		textToHtml(message),
		`<p style="margin:24px 0;">${buttons}</p>`,
		`<p style="font-size:12px;color:#656d76;">${escapeHtml(SAFETY_NOTE)}</p>`,
		'</div>',
	].join('\n');
	const text = [message.trim(), '', ...links.map((link) => `${link.label}: ${link.url}`), '', SAFETY_NOTE].join('\n');
	return { html, text, links };
}

const UNIT_MS: Record<NonNullable<LimitWaitTime['resumeUnit']>, number> = {
	seconds: 1_000,
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

/**
 * Until when the execution waits: forever, or until Limit Wait Time passes (then n8n resumes
 * it without an answer). Checked before sending, so a bad limit sends nothing.
 */
export function waitTill(ctx: IExecuteFunctions, now: Date = new Date()): Date {
	const options = ctx.getNodeParameter('options', REQUEST_ITEM, {}) as WaitOptionValues;
	const limit = options.limitWaitTime?.values;
	if (!limit) return WAIT_INDEFINITELY;
	const refuse = (problem: string, fix: string) =>
		new NodeOperationError(ctx.getNode(), `Limit Wait Time ${problem}`, { itemIndex: REQUEST_ITEM, description: fix });
	if (limit.limitType === 'atSpecifiedTime') {
		const until = new Date(String(limit.maxDateAndTime ?? ''));
		if (Number.isNaN(until.getTime())) {
			throw refuse('has no valid Max Date and Time', 'Pick a date and time, or an ISO 8601 value such as 2026-12-31T17:00:00Z.');
		}
		return until;
	}
	const amount = Number(limit.resumeAmount ?? 1);
	const unit = UNIT_MS[limit.resumeUnit ?? 'hours'];
	if (!Number.isFinite(amount) || amount <= 0 || unit === undefined) {
		throw refuse('needs an Amount above 0', 'Give how long to wait, such as 45 minutes, or remove Limit Wait Time to wait without limit.');
	}
	return new Date(now.getTime() + amount * unit);
}
