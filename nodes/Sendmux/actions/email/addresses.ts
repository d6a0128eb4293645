/** Email addresses as users type them: `a@x.com`, `Ann <a@x.com>`, `"Doe, Ann" <a@x.com>`. */

export interface Address {
	email: string;
	name?: string;
}

/**
 * What the Sending API accepts (JSON Schema `format: email`, as Sendmux validates it): a dotted
 * local part of the usual characters and a domain of dot-separated labels. Checking the same
 * shape here refuses a typo before any request instead of after a 422.
 */
const EMAIL_PATTERN =
	/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export const MAX_EMAIL_LENGTH = 254;

export function isValidEmail(email: string): boolean {
	return email.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(email);
}

/** One address: `a@x.com` or `Name <a@x.com>` (the name may be quoted). */
export function parseAddress(text: string): Address {
	const trimmed = text.trim();
	const angled = /^(.*?)<([^<>]*)>$/s.exec(trimmed);
	if (!angled) return { email: trimmed };
	const name = unquote(angled[1].trim());
	return name ? { email: angled[2].trim(), name } : { email: angled[2].trim() };
}

function unquote(name: string): string {
	if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
		return name.slice(1, -1).replace(/\\(["\\])/g, '$1');
	}
	return name;
}

/**
 * A recipient list from a field: text separated by commas, semicolons or line breaks (commas
 * inside quotes or angle brackets do not split), or an array from an expression holding
 * such strings or `{ email, name }` objects.
 */
export function parseAddressList(value: unknown): Address[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.flatMap((entry) => parseAddressList(entry));
	if (typeof value === 'object') {
		const { email, name } = value as { email?: unknown; name?: unknown };
		const address: Address = { email: String(email ?? '').trim() };
		if (typeof name === 'string' && name.trim()) address.name = name.trim();
		return [address];
	}
	return splitList(String(value)).map(parseAddress);
}

function splitList(text: string): string[] {
	const parts: string[] = [];
	let current = '';
	let inQuotes = false;
	let inAngles = false;
	for (const char of text) {
		if (char === '"' && !inAngles) inQuotes = !inQuotes;
		else if (char === '<' && !inQuotes) inAngles = true;
		else if (char === '>' && !inQuotes) inAngles = false;
		if (!inQuotes && !inAngles && (char === ',' || char === ';' || char === '\n' || char === '\r')) {
			parts.push(current);
			current = '';
			continue;
		}
		current += char;
	}
	parts.push(current);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}
