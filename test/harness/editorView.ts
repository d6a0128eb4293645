import { FilterXSS } from 'xss';

/**
 * What n8n 2.41's editor shows for an error description: the text goes through its HTML
 * sanitiser (the `xss` package, with this allow-list of tags, from n8n-editor-ui's htmlUtils)
 * and is rendered as HTML; this returns the visible text, `<br>` as a line break.
 */
const ALLOWED_TAGS = ['p', 'strong', 'b', 'code', 'a', 'br', 'i', 'ul', 'li', 'em', 'small', 'details', 'summary', 'mark'];

const sanitiser = new FilterXSS({
	onTag: (tag) => (ALLOWED_TAGS.includes(tag) ? undefined : ''),
});

export function shownInEditor(description: string | null | undefined): string {
	const html = sanitiser.process((description ?? '').replace(/`(.*?)`/g, '<code>$1</code>'));
	return html
		.replace(/\s*<br\s*\/?>\s*/g, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/[ \t]*\n[ \t]*/g, '\n')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}
