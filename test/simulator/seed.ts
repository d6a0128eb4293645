/**
 * What a fresh simulator holds: one team with a verified send-and-receive domain, one
 * mailbox, a root key, a mailbox key and a send-only key, and an opening credit balance.
 * IDs and keys are fixed so scripts and documentation can name them.
 */
import type { KeyRing } from './auth';
import type { SimClock } from './clock';
import type { MailFlow } from './mail';
import { micros } from './money';
import type { SimState } from './state';

export const SEEDED = {
	teamId: 'team_simulator000000000000001',
	domainId: 'mdom_simulator000000000000001',
	domain: 'example.com',
	mailboxId: 'mbx_simulator0000000000000001',
	mailboxEmail: 'agent@example.com',
	keys: {
		root: 'smx_root_simulator00000000000000000000000001',
		mailbox: 'smx_mbx_simulator000000000000000000000000001',
		sendOnly: 'smx_mbx_simsendonly0000000000000000000000001',
	},
} as const;

export type SeededKeys = { root: string; mailbox: string; sendOnly: string };

export interface ExtraKeys {
	root?: string[];
	mailbox?: string[];
	sendOnly?: string[];
}

export function seed(state: SimState, keys: KeyRing, clock: SimClock, mail: MailFlow, credits: string, extra: ExtraKeys = {}): void {
	const openedAt = clock.tick();
	state.domains.insert({
		id: SEEDED.domainId,
		createdAt: openedAt,
		domain: SEEDED.domain,
		mode: 'send_receive',
		verificationStatus: 'verified',
		verifiedAt: openedAt,
		checkedAt: openedAt,
		filters: { mode: 'off', rules: [] },
	});
	const mailbox = state.mailboxes.insert({
		id: SEEDED.mailboxId,
		createdAt: clock.tick(),
		email: SEEDED.mailboxEmail,
		displayName: 'Simulated Agent',
		quotaBytes: 1_073_741_824,
		sendScope: { type: 'all' },
		status: 'active',
		filters: { mode: 'off', rules: [] },
	});
	mail.storeOf(mailbox);
	for (const secret of [SEEDED.keys.root, ...(extra.root ?? [])]) {
		keys.add({ secret, keyClass: 'root', sendOnly: false, label: 'Seeded root key' });
	}
	for (const secret of [SEEDED.keys.mailbox, ...(extra.mailbox ?? [])]) {
		keys.add({ secret, keyClass: 'mailbox', mailboxId: mailbox.id, sendOnly: false, label: 'Seeded mailbox key' });
	}
	for (const secret of [SEEDED.keys.sendOnly, ...(extra.sendOnly ?? [])]) {
		keys.add({ secret, keyClass: 'mailbox', sendOnly: true, label: 'Seeded send-only key' });
	}
	const amount = micros(credits);
	state.purchasedMicros = amount;
	state.transactions.insert({
		id: 'tx_simulator00000000000000001',
		createdAt: clock.tick(),
		type: 'PURCHASE',
		amountMicros: amount,
		balanceBeforeMicros: 0,
		balanceAfterMicros: amount,
		description: 'Opening credit (simulator)',
		quantity: null,
	});
}
