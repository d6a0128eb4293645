/** USD amounts kept as integer micro-dollars and shown as Sendmux does: DECIMAL(19,6) strings. */
export function micros(usd: string | number): number {
	return Math.round(Number(usd) * 1_000_000);
}

export function usd(amountMicros: number): string {
	const sign = amountMicros < 0 ? '-' : '';
	const abs = Math.abs(amountMicros);
	return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, '0')}`;
}
