import { describe, expect, it } from 'vitest';

import { MAX_EMAIL_LENGTH, MAX_RECIPIENTS } from '../../nodes/Sendmux/shared/addresses';
import { MAX_DISPLAY_NAME_LENGTH } from '../../nodes/Sendmux/shared/displayNames';
import { MAX_HEADER_VALUE_LENGTH } from '../../nodes/Sendmux/shared/headers';
import { SPEC_CONSTRAINTS } from '../../nodes/Sendmux/shared/specConstraints';
import { fieldLabel, routeOf, specViolation } from '../../nodes/Sendmux/shared/specRules';
import { MAX_SUBJECT_LENGTH } from '../../nodes/Sendmux/shared/subjects';
import { readPackageFile, readPackageJson } from '../harness/host.mjs';
import { renderConstraintsModule } from './specConstraints';

describe('the constraints the node checks are the specs’ own', () => {
	it('shared/specConstraints.ts is exactly what the specs say (regenerate: npx tsx scripts/spec-constraints.mts)', () => {
		const file = readPackageFile('nodes', 'Sendmux', 'shared', 'specConstraints.ts').toString('utf8');
		expect(file).toBe(renderConstraintsModule());
	});

	it('every constrained field has a label the user recognises, and every pattern compiles', () => {
		const missing: string[] = [];
		for (const [route, list] of Object.entries(SPEC_CONSTRAINTS)) {
			for (const constraint of list) {
				if (!fieldLabel(route, constraint.at)) missing.push(`${route} ${constraint.at}`);
				if (constraint.pattern) expect(() => new RegExp(constraint.pattern as string, 'u')).not.toThrow();
			}
		}
		expect(missing).toEqual([]);
	});

	it('the limits of shared/ (addresses, subjects, display names, headers) equal the Sending API’s', () => {
		type Schema = { properties: Record<string, { maxLength?: number; maxItems?: number; additionalProperties?: { maxLength?: number } }> };
		const spec = readPackageJson<{ components: { schemas: Record<string, Schema> } }>('test', 'contract', 'specs', 'openapi-sending.json');
		const { EmailSendRequest: send, Address: address } = spec.components.schemas;
		expect(MAX_SUBJECT_LENGTH).toBe(send.properties.subject.maxLength);
		expect(MAX_DISPLAY_NAME_LENGTH).toBe(address.properties.name.maxLength);
		expect(MAX_EMAIL_LENGTH).toBe(address.properties.email.maxLength);
		expect(MAX_HEADER_VALUE_LENGTH).toBe(send.properties.custom_headers.additionalProperties?.maxLength);
		// cc and bcc each allow 49: one To plus 49 others is the cap of 50 "To, CC and BCC recipients".
		expect(MAX_RECIPIENTS).toBe((send.properties.cc.maxItems ?? 0) + 1);
	});

	it('finds the route of a request path, literal paths before templated ones', () => {
		expect(routeOf('GET', '/emails/metrics')).toBe('GET /emails/metrics');
		expect(routeOf('GET', '/mailbox/messages/count')).toBe('GET /mailbox/messages/count');
		expect(routeOf('PATCH', '/mailboxes/mbx_abc')).toBe('PATCH /mailboxes/{public_id}');
		expect(routeOf('GET', '/billing/balance')).toBeUndefined();
	});

	it('names the field and what is allowed', () => {
		expect(specViolation({ method: 'GET', path: '/emails/metrics', qs: { granularity: 'weekly' } })).toEqual({
			field: 'Granularity',
			problem: 'is "weekly"',
			allowed: 'one of "hourly", "daily"',
		});
		expect(specViolation({ method: 'GET', path: '/billing/summary', qs: { days: '30' } })).toBeUndefined();
		expect(specViolation({ method: 'PATCH', path: '/mailboxes/mbx_a', body: { quota_bytes: -5 } })?.allowed).toBe('1 or more');
		expect(specViolation({ method: 'PUT', path: '/domains/dom_a/filters', body: { mode: 'off', rules: [{ type: 'block', pattern: 'a.com' }] } })?.field).toBe('Rules → Type (entry 1)');
	});
});
