/**
 * Email addresses as users type or map them: `a@x.com`, `Ann <a@x.com>`, `"Doe, Ann" <a@x.com>`,
 * lists of them, or `{ email, name }` objects from an expression. The one parser and the one
 * set of address rules of every operation.
 */
import { displayNameProblem } from './displayNames';
import { quoted, type Problem } from './problems';

export interface Address {
	email: string;
	name?: string;
}

/** Sendmux accepts at most this many recipients (To, CC and BCC together) per email. */
export const MAX_RECIPIENTS = 50;

export const MAX_EMAIL_LENGTH = 254;

/** A domain of dot-separated labels (RFC 1035), as in an address's domain part. */
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/**
 * What Sendmux accepts (JSON Schema `format: email`, as Sendmux validates it): a dotted local
 * part of the usual characters and a domain of dot-separated labels. Checking the same shape
 * here refuses a typo before any request instead of after a 422.
 */
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;

export function isValidDomain(domain: string): boolean {
	return domain.length <= 253 && DOMAIN.test(domain);
}

export function isValidEmail(email: string): boolean {
	if (email.length > MAX_EMAIL_LENGTH) return false;
	const at = email.lastIndexOf('@');
	return at > 0 && LOCAL_PART.test(email.slice(0, at)) && isValidDomain(email.slice(at + 1));
}

export const ADDRESS_FIX = 'Enter an address like name@example.com (or "Name <name@example.com>").';
export const LIST_FIX = 'Separate addresses with commas, e.g. "ann@example.com, Bob <bob@example.com>".';

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
		const address = parseAddress(typeof email === 'string' ? email : '');
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

/** Why a single address (From, To, Reply-To of the Sending API) cannot be used, for `field`. */
export function addressProblems(address: Address, field: string, nameField = field): Problem[] {
	const problems: Problem[] = [];
	if (!address.email) {
		problems.push({ field: quoted(field), problem: 'is empty', fix: ADDRESS_FIX });
	} else if (!isValidEmail(address.email)) {
		problems.push({
			field: quoted(field),
			problem: `is not a valid email address ("${address.email.slice(0, 254)}")`,
			fix: ADDRESS_FIX,
		});
	}
	const nameProblem = address.name === undefined ? undefined : displayNameProblem(address.name, nameField);
	if (nameProblem) problems.push(nameProblem);
	return problems;
}

/** Why an address list (To, CC, BCC, Reply-To of the Mailbox API) cannot be used, naming the bad entry. */
export function addressListProblems(list: Address[], field: string): Problem[] {
	const problems: Problem[] = [];
	list.forEach((address, index) => {
		if (!address.email || !isValidEmail(address.email)) {
			problems.push({
				field: quoted(field),
				problem: `has an invalid email address in entry ${index + 1} ("${address.email.slice(0, 254)}")`,
				fix: LIST_FIX,
			});
		}
		const nameProblem = address.name === undefined ? undefined : displayNameProblem(address.name, field);
		if (nameProblem) problems.push(nameProblem);
	});
	return problems;
}

/** The recipient cap: To, CC and BCC together make `count` recipients. */
export function recipientCountProblem(count: number): Problem | undefined {
	if (count <= MAX_RECIPIENTS) return undefined;
	return {
		field: '"To", "CC" and "BCC"',
		problem: `make ${count} recipients in all; Sendmux accepts at most ${MAX_RECIPIENTS} per email`,
		fix: 'Send several emails instead, e.g. one per recipient (Email → Send Batch sends up to 100 at once).',
	};
}

/** Addresses without repeats (by lowercase email) and without any in `exclude`. */
export function uniqueAddresses<T extends { email: string }>(addresses: T[], exclude: Iterable<string> = []): T[] {
	const seen = new Set([...exclude].map((email) => email.toLowerCase()));
	const out: T[] = [];
	for (const address of addresses) {
		const key = address.email.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(address);
	}
	return out;
}

/** "Ann Lee <ann@example.com>" or "ann@example.com". */
export function formatAddress(address: { email: string; name?: string | null } | null | undefined): string {
	if (!address) return '';
	return address.name ? `${address.name} <${address.email}>` : address.email;
}
