/** Billing: balance, spend summary, transactions. Sending charges the balance as it goes. */
import type { HandlerMap } from '../context';
import { usd } from '../money';
import type { TransactionRecord } from '../state';
import { pageSize, text } from './common';

function transaction(record: TransactionRecord) {
	return {
		id: record.id,
		type: record.type,
		amount: usd(record.amountMicros),
		balance_before: usd(record.balanceBeforeMicros),
		balance_after: usd(record.balanceAfterMicros),
		description: record.description,
		quantity: record.quantity,
		created_at: new Date(record.createdAt).toISOString(),
	};
}

export const billingHandlers: HandlerMap = {
	managementListBalance(_request, sim) {
		return {
			data: {
				currency: 'USD',
				balance: usd(sim.state.balanceMicros),
				balance_purchased: usd(sim.state.purchasedMicros),
				balance_consumed: usd(sim.state.consumedMicros),
				auto_topup: { enabled: false, amount: null, threshold: null, monthly_limit: null, monthly_used: usd(0) },
			},
		};
	},

	managementGetSpendSummary(request, sim) {
		const days = Number(text(request.query.days) ?? '30');
		const since = sim.clock.peek() - days * 86_400_000;
		const recent = sim.state.transactions.values().filter((t) => t.createdAt >= since);
		const sum = (types: string[]) =>
			recent.filter((t) => types.includes(t.type)).reduce((total, t) => total + Math.abs(t.amountMicros), 0);
		return {
			data: {
				currency: 'USD',
				period_days: days,
				total_consumed: usd(sum(['USAGE'])),
				total_purchased: usd(sum(['PURCHASE', 'AUTO_TOPUP'])),
				transaction_count: recent.length,
			},
		};
	},

	managementListTransactions(request, sim) {
		const type = text(request.query.type);
		const page = sim.state.transactions.page({
			cursor: text(request.query.cursor),
			limit: pageSize(request),
			filter: type ? (t) => t.type === type : undefined,
		});
		return { data: page.items.map(transaction), pagination: page.pagination };
	},
};
