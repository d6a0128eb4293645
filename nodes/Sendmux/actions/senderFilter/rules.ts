import { NodeOperationError, jsonParse, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { isValidDomain, isValidEmail } from '../../shared/addresses';
import { listForMessage } from '../../shared/lists';

/** Sendmux replaces at most this many rules in one request. */
export const MAX_RULES = 1000;

export interface FilterRule extends IDataObject {
	type: 'allow' | 'deny';
	pattern: string;
	note?: string | null;
}

const RULE_FIELDS = new Set(['type', 'pattern', 'note']);

function refuse(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), `${message} (item ${itemIndex})`, { itemIndex, description });
}

/** What Sendmux accepts as a pattern (RFC 5321 address or RFC 1035 domain; `*@domain` allowed). */
function isSenderPattern(pattern: string): boolean {
	if (pattern.startsWith('*@')) return isValidDomain(pattern.slice(2));
	return pattern.includes('@') ? isValidEmail(pattern) : isValidDomain(pattern);
}

/** One rule as Sendmux takes it, or a refusal naming the rule and what to fix. */
function checkRule(ctx: IExecuteFunctions, itemIndex: number, entry: unknown, position: number): FilterRule {
	const where = `Rule ${position + 1}`;
	if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
		refuse(ctx, itemIndex, `${where} is not an object`, 'Each rule looks like {"type": "allow", "pattern": "partner.com", "note": "optional"}.');
	}
	const rule = entry as IDataObject;
	const unknown = Object.keys(rule).filter((key) => !RULE_FIELDS.has(key));
	if (unknown.length) {
		refuse(ctx, itemIndex, `${where} has unknown field(s): ${listForMessage(unknown)}`, 'A rule has only type, pattern and note.');
	}
	const type = String(rule.type ?? '').trim().toLowerCase();
	if (type !== 'allow' && type !== 'deny') {
		refuse(ctx, itemIndex, `${where} has type "${String(rule.type ?? '')}"`, 'The type of a rule is "allow" or "deny".');
	}
	const pattern = typeof rule.pattern === 'string' ? rule.pattern.trim() : '';
	if (!pattern) {
		refuse(ctx, itemIndex, `${where} has no pattern`, 'The pattern is an email address (ceo@partner.com) or a domain (partner.com).');
	}
	if (!isSenderPattern(pattern)) {
		refuse(
			ctx,
			itemIndex,
			`${where} has the pattern "${pattern.slice(0, 100)}", which is neither an email address nor a domain`,
			'Sendmux checks patterns as an email address (ceo@partner.com), a bare domain (partner.com) or *@domain (*@partner.com, the same as partner.com).',
		);
	}
	const result: FilterRule = { type, pattern };
	if (rule.note !== undefined && rule.note !== null && rule.note !== '') {
		if (typeof rule.note !== 'string') {
			refuse(ctx, itemIndex, `${where} has a note that is not text`, 'Write the note as text or leave it out.');
		}
		// Its length is the spec's rule, checked with the rest of the request (shared/specRules).
		result.note = rule.note;
	}
	return result;
}

/** Rules typed in the Rules list. */
function rulesFromFields(ctx: IExecuteFunctions, itemIndex: number): unknown[] {
	const rules = ctx.getNodeParameter('rules', itemIndex, {}) as { rule?: IDataObject[] };
	return (rules.rule ?? []).map((rule) => ({
		type: rule.type,
		pattern: rule.pattern,
		...(rule.note ? { note: rule.note } : {}),
	}));
}

/** Rules given as JSON: an array of rules, or an object with a rules array (a Get's output). */
function rulesFromJson(ctx: IExecuteFunctions, itemIndex: number): unknown[] {
	const raw = ctx.getNodeParameter('rulesJson', itemIndex, '[]') as unknown;
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = jsonParse(raw.trim() === '' ? '[]' : raw);
		} catch {
			refuse(ctx, itemIndex, 'Rules (JSON) is not valid JSON', 'Give an array such as [{"type": "deny", "pattern": "spam.example"}].');
		}
	}
	if (Array.isArray(parsed)) return parsed;
	if (parsed && typeof parsed === 'object' && Array.isArray((parsed as IDataObject).rules)) {
		return (parsed as { rules: unknown[] }).rules;
	}
	return refuse(
		ctx,
		itemIndex,
		'Rules (JSON) is neither an array of rules nor an object with a rules array',
		'Give an array such as [{"type": "deny", "pattern": "spam.example"}], or the output of Sender Filter → Get.',
	);
}

/** The replacement rule set, checked whole before anything is sent. */
export function replacementRules(ctx: IExecuteFunctions, itemIndex: number): FilterRule[] {
	const source = ctx.getNodeParameter('rulesSource', itemIndex, 'fields') as string;
	const entries = source === 'json' ? rulesFromJson(ctx, itemIndex) : rulesFromFields(ctx, itemIndex);
	if (entries.length > MAX_RULES) {
		refuse(
			ctx,
			itemIndex,
			`${entries.length} rules are more than the ${MAX_RULES} Sendmux accepts`,
			'Use domain rules (partner.com) instead of one rule per address, or split the senders between the domain-wide filter and mailbox filters.',
		);
	}
	return entries.map((entry, position) => checkRule(ctx, itemIndex, entry, position));
}
