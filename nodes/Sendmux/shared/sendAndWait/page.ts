import { escapeHtml, textToHtml } from '../html';
import type { FormField } from './form';

/**
 * The pages a person sees when they open a link of a Send and Wait email. Self-contained HTML
 * (no scripts, no external resources), every value from parameters escaped. Forms post back
 * to the page's own URL (no `action`), so the signed query string travels with the answer.
 */

/** The field the page's form sends, so a bare POST without the page decides nothing. */
export const ANSWER_FIELD = 'sendmux-answer';

/** Headers of every page: not cached, not indexed, the signed URL never sent on as a referrer. */
export const PAGE_HEADERS: Record<string, string> = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'no-store',
	'Referrer-Policy': 'no-referrer',
	'X-Robots-Tag': 'noindex, nofollow',
	'X-Content-Type-Options': 'nosniff',
	'Content-Security-Policy':
		"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

const STYLE = `
body{margin:0;background:#f6f8fa;font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;}
main{max-width:560px;margin:48px auto;padding:32px;background:#fff;border:1px solid #d0d7de;border-radius:12px;}
h1{font-size:22px;margin:0 0 16px;}
.message{font-size:15px;line-height:1.55;margin-bottom:24px;}
label{display:block;font-weight:600;margin:16px 0 6px;}
input,select,textarea{box-sizing:border-box;width:100%;padding:9px 10px;font:inherit;border:1px solid #8c959f;border-radius:6px;}
textarea{min-height:120px;}
.error{color:#cf222e;font-size:13px;margin-top:4px;}
button{margin-top:24px;padding:11px 22px;font:inherit;font-weight:600;border-radius:6px;border:0;background:#1f6feb;color:#fff;cursor:pointer;}
button.decline{background:#fff;color:#1f2328;border:1px solid #8c959f;}
.note{margin-top:28px;font-size:12px;color:#656d76;}
.required{color:#cf222e;}
`;

function layout(title: string, body: string): string {
	return [
		'<!DOCTYPE html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		'<meta name="robots" content="noindex, nofollow">',
		`<title>${escapeHtml(title)}</title>`,
		`<style>${STYLE}</style>`,
		'</head>',
		`<body><main>${body}</main></body>`,
		'</html>',
	].join('\n');
}

export interface PageText {
	/** The page title: Response Form Title, or the subject. */
	title: string;
	/** The question, plain text. */
	message: string;
}

const SCANNER_NOTE =
	'Nothing has been decided yet: opening the link only shows this page. Your answer counts when you press the button.';

/** The page of an Approval link: the question and one button that sends this link's answer. */
export function approvalPage(text: PageText, decision: { approve: boolean; label: string }): string {
	const answer = decision.approve ? 'approve' : 'decline';
	return layout(
		text.title,
		[
			`<h1>${escapeHtml(text.title)}</h1>`,
			`<div class="message">${textToHtml(text.message)}</div>`,
			'<form method="post" enctype="multipart/form-data">',
			`<input type="hidden" name="${ANSWER_FIELD}" value="${answer}">`,
			`<button type="submit"${decision.approve ? '' : ' class="decline"'}>${escapeHtml(decision.label)}</button>`,
			'</form>',
			`<p class="note">${escapeHtml(SCANNER_NOTE)}</p>`,
		].join('\n'),
	);
}

function fieldInput(field: FormField, value: string): string {
	const common = `id="${field.name}" name="${field.name}"${field.required ? ' required' : ''}`;
	switch (field.type) {
		case 'textarea':
			return `<textarea ${common}>${escapeHtml(value)}</textarea>`;
		case 'dropdown':
			return [
				`<select ${common}>`,
				`<option value="">Choose…</option>`,
				...field.choices.map(
					(choice) =>
						`<option value="${escapeHtml(choice)}"${choice === value ? ' selected' : ''}>${escapeHtml(choice)}</option>`,
				),
				'</select>',
			].join('');
		case 'number':
			return `<input type="number" step="any" ${common} value="${escapeHtml(value)}">`;
		default:
			return `<input type="${field.type}" ${common} value="${escapeHtml(value)}">`;
	}
}

/** The page of a Free Text or Custom Form link, with what was typed and errors after a bad submit. */
export function formPage(
	text: PageText,
	fields: FormField[],
	buttonLabel: string,
	state: { values?: Record<string, string>; errors?: Record<string, string> } = {},
): string {
	const inputs = fields.map((field) => {
		const error = state.errors?.[field.name];
		return [
			`<label for="${field.name}">${escapeHtml(field.label)}${field.required ? ' <span class="required">*</span>' : ''}</label>`,
			fieldInput(field, state.values?.[field.name] ?? ''),
			error ? `<div class="error">${escapeHtml(error)}</div>` : '',
		].join('\n');
	});
	return layout(
		text.title,
		[
			`<h1>${escapeHtml(text.title)}</h1>`,
			`<div class="message">${textToHtml(text.message)}</div>`,
			'<form method="post" enctype="multipart/form-data">',
			`<input type="hidden" name="${ANSWER_FIELD}" value="form">`,
			...inputs,
			`<button type="submit">${escapeHtml(buttonLabel)}</button>`,
			'</form>',
		].join('\n'),
	);
}

/** After the answer was taken. */
export function recordedPage(title: string, summary: string): string {
	return layout(
		title,
		[
			'<h1>Thank you, your answer was recorded</h1>',
			`<p class="message">${escapeHtml(summary)}</p>`,
			'<p class="note">You can close this page.</p>',
		].join('\n'),
	);
}

/** A request the page did not make (no answer field, or a link without n8n's signature). */
export function refusedPage(reason: string): string {
	return layout('Link not usable', `<h1>This link cannot be used</h1>\n<p class="message">${escapeHtml(reason)}</p>`);
}
