/** Bulk data for benchmarks: delivery logs by the hundred thousand, generated in one pass. */
import { randomToken } from './ids';
import type { DeliveryLogRecord, DeliveryStatus, SimState } from './state';

export interface SeedLogsOptions {
	/** Timestamp of the newest seeded row (default: now minus one second). */
	newestAt?: number;
	/** Milliseconds between consecutive rows (default 1,000). */
	spacingMs?: number;
	/** Statuses, cycled through in order (default: sent ×8, failed, rejected). */
	statuses?: DeliveryStatus[];
	fromEmail?: string;
}

const DEFAULT_STATUSES: DeliveryStatus[] = ['sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'failed', 'rejected'];

/** Adds `count` delivery logs, older than anything the simulator made itself; returns the newest and oldest IDs. */
export function seedDeliveryLogs(state: SimState, now: number, count: number, options: SeedLogsOptions = {}): { newestId?: string; oldestId?: string } {
	const newestAt = options.newestAt ?? now - 1000;
	const spacing = options.spacingMs ?? 1000;
	const statuses = options.statuses ?? DEFAULT_STATUSES;
	const from = options.fromEmail ?? 'bench@example.com';
	const rows: DeliveryLogRecord[] = new Array<DeliveryLogRecord>(count);
	const batch = randomToken(6);
	for (let i = 0; i < count; i++) {
		const createdAt = newestAt - i * spacing;
		const status = statuses[i % statuses.length];
		const to = `recipient${i}@example.net`;
		rows[i] = {
			id: `dlog_${batch}${String(i).padStart(18, '0')}`,
			createdAt,
			messageId: `<seed${batch}${i}@example.com>`,
			fromEmail: from,
			toEmail: to,
			subject: `Seeded message ${i}`,
			status,
			statusReason: status === 'failed' ? 'Bounced: mailbox does not exist' : status === 'rejected' ? 'Rejected by the receiving server' : null,
			sentAt: status === 'sent' || status === 'failed' ? createdAt + 200 : null,
			sizeBytes: 2048,
			attempts: 1,
			providerId: null,
			providerName: null,
			recipients: [{ email: to, type: 'to', status: status === 'rejected' ? 'rejected' : 'accepted', reason: status === 'rejected' ? 'Rejected' : null }],
		};
	}
	state.deliveryLogs.insertMany(rows);
	return { newestId: rows[0]?.id, oldestId: rows[count - 1]?.id };
}
