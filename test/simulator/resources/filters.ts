/** Sender filters, shared by domains and mailboxes: read with ETag, replaced atomically by PUT. */
import type { Reply, SimRequest } from '../context';
import { unprocessable } from '../errors';
import { etagOf, requireIfMatch } from '../etag';
import type { FilterRule, FilterState } from '../state';
import { bodyOf } from './common';

const MAX_RULES = 1000;

function representation(filters: FilterState) {
	return {
		mode: filters.mode,
		rules: filters.rules.map((rule) => ({ type: rule.type, pattern: rule.pattern, note: rule.note ?? null })),
	};
}

export function readFilters(filters: FilterState): Reply {
	const data = representation(filters);
	return { data, etag: etagOf(data) };
}

/** Validates and applies a PUT body; returns the new state's reply. */
export function replaceFilters(request: SimRequest, target: { filters: FilterState }): Reply {
	requireIfMatch(request.headers['if-match'], etagOf(representation(target.filters)));
	const body = bodyOf<{ mode: FilterState['mode']; rules: FilterRule[] }>(request);
	if (body.rules.length > MAX_RULES) {
		throw unprocessable(`At most ${MAX_RULES} rules per request (got ${body.rules.length}).`, 'rules', 'too_big');
	}
	body.rules.forEach((rule, index) => {
		const pattern = rule.pattern.trim();
		if (!pattern || /\s/.test(pattern) || pattern.length > 255 || !/^[^@\s]*@?[A-Za-z0-9*.-]+$/.test(pattern)) {
			throw unprocessable(`Rule ${index + 1}: "${rule.pattern}" is not an address, domain or wildcard pattern.`, `rules.${index}.pattern`, 'invalid_string');
		}
	});
	target.filters = { mode: body.mode, rules: body.rules.map((r) => ({ type: r.type, pattern: r.pattern.trim().toLowerCase(), note: r.note ?? null })) };
	return readFilters(target.filters);
}
