import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { MailboxAddress } from './types';

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/**
 * Splits "a@x.com, Ann Lee <ann@y.com>, "Doe, John" <j@z.com>" at the commas and
 * semicolons that separate recipients (not those inside quotes or angle brackets).
 */
function splitRecipients(text: string): string[] {
	const parts: string[] = [];
	let current = '';
	let inQuotes = false;
	let inAngle = false;
	for (const char of text) {
		if (char === '"') inQuotes = !inQuotes;
		else if (char === '<' && !inQuotes) inAngle = true;
		else if (char === '>' && !inQuotes) inAngle = false;
		if ((char === ',' || char === ';' || char === '\n') && !inQuotes && !inAngle) {
			parts.push(current);
			current = '';
		} else {
			current += char;
		}
	}
	parts.push(current);
	return parts.map((part) => part.trim()).filter(Boolean);
}

function parseOne(text: string): MailboxAddress | undefined {
	const angled = /^(.*)<([^<>]+)>$/.exec(text);
	if (angled) {
		const email = angled[2].trim();
		const name = angled[1].trim().replace(/^"(.*)"$/, '$1').trim();
		return EMAIL.test(email) ? { email, name: name || null } : undefined;
	}
	return EMAIL.test(text) ? { email: text, name: null } : undefined;
}

/**
 * Recipients as the Mailbox API wants them: `{ email, name }` with `name: null` when none was
 * given (the API requires the field). Accepts a comma-separated text, an array of such texts,
 * or `{ email, name }` objects from an expression.
 */
export function parseAddresses(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): MailboxAddress[] {
	const entries: unknown[] = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
	const addresses: MailboxAddress[] = [];
	for (const entry of entries) {
		if (entry && typeof entry === 'object' && typeof (entry as { email?: unknown }).email === 'string') {
			const { email, name } = entry as { email: string; name?: unknown };
			const parsed = parseOne(email.trim());
			if (!parsed) throw invalidAddress(ctx, email, field, itemIndex);
			addresses.push({ email: parsed.email, name: typeof name === 'string' && name.trim() ? name.trim() : null });
			continue;
		}
		for (const text of splitRecipients(String(entry ?? ''))) {
			const parsed = parseOne(text);
			if (!parsed) throw invalidAddress(ctx, text, field, itemIndex);
			addresses.push(parsed);
		}
	}
	return addresses;
}

function invalidAddress(ctx: IExecuteFunctions, text: string, field: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field} of item ${itemIndex} has an invalid address: "${text}"`, {
		itemIndex,
		description: 'Write addresses as ann@example.com or Ann Lee <ann@example.com>, separated by commas.',
	});
}

/** Addresses without repeats (by lowercase email) and without any in `exclude`. */
export function uniqueAddresses(addresses: MailboxAddress[], exclude: Iterable<string> = []): MailboxAddress[] {
	const seen = new Set([...exclude].map((email) => email.toLowerCase()));
	const out: MailboxAddress[] = [];
	for (const address of addresses) {
		const key = address.email.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(address);
	}
	return out;
}

/** "Ann Lee <ann@example.com>" or "ann@example.com". */
export function formatAddress(address: MailboxAddress | null | undefined): string {
	if (!address) return '';
	return address.name ? `${address.name} <${address.email}>` : address.email;
}
