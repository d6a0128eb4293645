import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The execute context with some parameters answered by the caller. Send and Wait sends its
 * request through the resource's own Send operation (same checks, same Idempotency-Key, same
 * error reporting); only the body, which it generates, is handed in this way.
 */
export function withParameters(ctx: IExecuteFunctions, values: Record<string, unknown>): IExecuteFunctions {
	const read = ctx.getNodeParameter.bind(ctx) as (...args: unknown[]) => unknown;
	const getNodeParameter = (name: string, ...rest: unknown[]): unknown =>
		Object.prototype.hasOwnProperty.call(values, name) ? values[name] : read(name, ...rest);
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
