/**
 * `GET /emails/metrics`: delivery-log counts by status over a window (`24h`, `7d` default,
 * `30d`) or `from_date`..`to_date`, the same-length period before it for comparison, and a
 * time series (hourly for up to two days, else daily, unless `granularity` says otherwise).
 */
import type { HandlerMap } from '../context';
import { SimError } from '../errors';
import type { DeliveryLogRecord } from '../state';
import { text } from './common';

const HOUR_MS = 3_600_000;
const WINDOWS: Record<string, number> = { '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS, '30d': 30 * 24 * HOUR_MS };
type Counts = Record<'total' | 'sent' | 'failed' | 'rejected' | 'pending', number>;

function countsOf(logs: DeliveryLogRecord[]): Counts {
	const counts: Counts = { total: logs.length, sent: 0, failed: 0, rejected: 0, pending: 0 };
	for (const log of logs) counts[log.status]++;
	return counts;
}

function date(value: string | undefined, param: string): number | undefined {
	if (value === undefined) return undefined;
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw new SimError(400, 'invalid_parameter', `${param} must be an ISO 8601 date.`, { param });
	return ms;
}

const changePct = (now: number, before: number) => (before === 0 ? (now === 0 ? 0 : 100) : Math.round(((now - before) / before) * 10_000) / 100);

export const metricsHandlers: HandlerMap = {
	managementGetEmailMetrics(request, sim) {
		const now = sim.clock.peek();
		const to = date(text(request.query.to_date), 'to_date') ?? now;
		const from = date(text(request.query.from_date), 'from_date') ?? to - WINDOWS[text(request.query.window) ?? '7d'];
		if (from >= to) throw new SimError(400, 'invalid_parameter', 'from_date must be before to_date.', { param: 'from_date' });
		const providerId = text(request.query.provider_id);
		const span = to - from;
		const logs = sim.state.deliveryLogs.values().filter((log) => providerId === undefined || log.providerId === providerId);
		const within = (start: number, end: number) => logs.filter((log) => log.createdAt >= start && log.createdAt < end);
		const summary = countsOf(within(from, to));
		const previous = countsOf(within(from - span, from));
		const granularity = text(request.query.granularity) ?? (span <= 2 * 24 * HOUR_MS ? 'hourly' : 'daily');
		const step = granularity === 'hourly' ? HOUR_MS : 24 * HOUR_MS;
		const timeseries = [];
		for (let start = from - (from % step); start < to; start += step) {
			timeseries.push({ timestamp: new Date(start).toISOString(), ...countsOf(within(Math.max(start, from), Math.min(start + step, to))) });
		}
		return {
			data: {
				summary,
				comparison: {
					...previous,
					change_pct: {
						total: changePct(summary.total, previous.total),
						sent: changePct(summary.sent, previous.sent),
						failed: changePct(summary.failed, previous.failed),
						rejected: changePct(summary.rejected, previous.rejected),
						pending: changePct(summary.pending, previous.pending),
					},
				},
				timeseries,
			},
		};
	},
};
