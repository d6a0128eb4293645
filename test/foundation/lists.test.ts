import { describe, expect, it } from 'vitest';

import { listForMessage, MAX_LISTED_VALUES } from '../../nodes/Sendmux/shared/lists';

describe('listForMessage: values in error messages', () => {
	it('lists short lists whole, says what an empty list is', () => {
		expect(listForMessage(['a', 'b'])).toBe('a, b');
		expect(listForMessage([])).toBe('none');
		expect(listForMessage([], { none: 'no folders' })).toBe('no folders');
	});

	it('caps long lists and counts the rest', () => {
		const values = Array.from({ length: 100 }, (_, i) => `v${i}`);
		expect(MAX_LISTED_VALUES).toBe(10);
		expect(listForMessage(values)).toBe('v0, v1, v2, v3, v4, v5, v6, v7, v8, v9 … and 90 more');
		expect(listForMessage(values, { max: 2 })).toBe('v0, v1 … and 98 more');
		expect(listForMessage(values.slice(0, 10))).not.toContain('more');
	});
});
