/**
 * A stand-in for n8n's large context objects (IWorkflowExecuteAdditionalData): the fields a
 * test sets are real, any other function n8n-core calls is a no-op returning undefined. Plain
 * JavaScript, so the harness also runs outside vitest (the benchmarks run it under tsx).
 */
export function stubOf<T extends object>(fields: Partial<T> = {}): T {
	const noop = (): undefined => undefined;
	return new Proxy(fields as T, {
		get(target, property, receiver) {
			if (Reflect.has(target, property)) return Reflect.get(target, property, receiver) as unknown;
			// Not a promise, and no symbol protocols (iteration, inspection) it does not have.
			if (typeof property === 'symbol' || property === 'then') return undefined;
			return noop;
		},
	});
}
