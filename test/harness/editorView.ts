/**
 * What n8n 2.41's editor shows for an error description: it replaces `text` in backticks with
 * <code>, passes the result through its HTML sanitiser (the `xss` package, which drops every tag
 * outside this allow-list, from n8n-editor-ui's htmlUtils) and renders it as HTML. A lone
 * `<name@example.com>` is read as a tag and dropped. This returns the visible text, `<br>` as a
 * line break.
 */
const ALLOWED_TAGS = ['p', 'strong', 'b', 'code', 'a', 'br', 'i', 'ul', 'li', 'em', 'small', 'details', 'summary', 'mark'];

export function shownInEditor(description: string | null | undefined): string {
	const html = (description ?? '')
		.replace(/`(.*?)`/g, '<code>$1</code>')
		.replace(/<\/?([a-zA-Z][^\s/>]*)[^<>]*>/g, (tag, name: string) => (ALLOWED_TAGS.includes(name.toLowerCase()) ? tag : ''));
	return html
		.replace(/\s*<br\s*\/?>\s*/g, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/[ \t]*\n[ \t]*/g, '\n')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}
