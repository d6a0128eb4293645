const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * The HTML part Sendmux requires, made from a plain-text body: every character escaped, blank
 * lines start a new paragraph, single line breaks stay line breaks. Nothing else is added, so
 * what the recipient sees is the text as written.
 */
export function textToHtml(text: string): string {
	const paragraphs = text
		.replace(/\r\n?/g, '\n')
		.split(/\n[ \t]*\n+/)
		.map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
		.filter((paragraph) => paragraph.trim() !== '');
	return paragraphs
		.map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>\n')}</p>`)
		.join('\n');
}
