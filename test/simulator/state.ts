/** Everything the simulated team owns, in memory. Representations live with their routes. */
import type { Address, EventType, WebhookEventPayload } from './types';
import { Collection, type Stored } from './collection';
import type { MailStore } from './mailboxApi/store';

export type FilterMode = 'off' | 'allowlist' | 'denylist';

export interface FilterRule {
	type: 'allow' | 'deny';
	pattern: string;
	note?: string | null;
}

export interface FilterState {
	mode: FilterMode;
	rules: FilterRule[];
}

export interface DomainRecord extends Stored {
	domain: string;
	mode: 'send_only' | 'send_receive';
	verificationStatus: 'pending' | 'verified' | 'failed';
	verifiedAt: number | null;
	checkedAt: number | null;
	filters: FilterState;
}

export interface SendScope {
	type: 'all' | 'providers' | 'group';
	provider_public_ids?: string[];
	group_public_ids?: string[];
}

export interface MailboxRecord extends Stored {
	email: string;
	displayName: string | null;
	quotaBytes: number | null;
	sendScope: SendScope | null;
	status: 'active' | 'suspended' | 'deleted';
	filters: FilterState;
}

export interface WebhookRecord extends Stored {
	url: string;
	name: string | null;
	enabled: boolean;
	eventTypes: EventType[];
	mailboxIds: string[];
	failing: boolean;
	secret: string;
	updatedAt: number;
}

export type DeliveryResult = 'success' | 'retrying' | 'failed' | 'permanent_failure';

export interface DeliveryAttemptRecord extends Stored {
	webhookId: string;
	payload: WebhookEventPayload;
	rawBody: string;
	attempt: number;
	maxAttempts: number;
	result: DeliveryResult;
	responseStatus: number | null;
	responseBody: string | null;
	responseMs: number;
	errorMessage: string | null;
	nextRetryAt: number | null;
	/** Headers as sent, for tests that check the signature independently. */
	headers: Record<string, string>;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'rejected';

export interface DeliveryLogRecord extends Stored {
	messageId: string | null;
	fromEmail: string | null;
	toEmail: string | null;
	subject: string | null;
	status: DeliveryStatus;
	statusReason: string | null;
	sentAt: number | null;
	sizeBytes: number | null;
	attempts: number;
	providerId: string | null;
	providerName: string | null;
	recipients: Array<{ email: string; type: 'to' | 'cc' | 'bcc'; status: 'accepted' | 'rejected'; reason: string | null }>;
}

export interface InboxLogRecord extends Stored {
	mailboxId: string;
	mailboxEmail: string;
	eventType: 'message.received' | 'message.received.spam';
	from: string | null;
	to: string[];
	subject: string | null;
	messageId: string | null;
	sizeBytes: number;
	amountMicros: number;
}

export interface QuotaRange {
	min: number;
	max: number;
}

export interface ProviderRecord extends Stored {
	name: string;
	status: 'active' | 'inactive' | 'error' | 'pending';
	statusReason: string | null;
	smtpHost: string;
	smtpPort: number;
	smtpProtocol: string;
	smtpUsername: string;
	smtpPassword: string;
	fromEmail: string | null;
	fromName: string | null;
	replyToEmail: string | null;
	replyToName: string | null;
	quotas: Record<'per_second' | 'per_minute' | 'per_hour' | 'per_day', QuotaRange | null>;
	percentage: number | null;
	trackingDomain: string | null;
	updatedAt: number;
	lastTestedAt: number | null;
}

export interface SesLimitRequestRecord extends Stored {
	status: 'pending' | 'approved' | 'denied' | 'cancelled';
	currentDailyLimit: number;
	currentDailySent: number;
	decidedAt: number | null;
}

export type TransactionType = 'PURCHASE' | 'USAGE' | 'AUTO_TOPUP' | 'REFUND' | 'ADJUSTMENT';

export interface TransactionRecord extends Stored {
	type: TransactionType;
	amountMicros: number;
	balanceBeforeMicros: number;
	balanceAfterMicros: number;
	description: string;
	quantity: number | null;
}

export interface AttachmentRecord {
	id: string;
	filename: string;
	contentType: string;
	bytes: Buffer;
	expiresAt: number;
}

export interface UploadIntentRecord {
	id: string;
	token: string;
	filename: string;
	contentType: string;
	sizeBytes: number;
	sha256?: string;
	expiresAt: number;
	attachmentId?: string;
}

/** A signed PUT URL for a Mailbox API attachment (`POST /mailbox/attachment-uploads`). */
export interface MailboxUploadIntentRecord {
	id: string;
	mailboxId: string;
	signature: string;
	filename: string;
	contentType: string;
	sizeBytes: number;
	expiresAt: number;
	blobId?: string;
}

/** One message the Sending or Mailbox API accepted: what exactly-once tests count. */
export interface AcceptedMessage {
	messageId: string;
	via: 'send' | 'batch' | 'mailbox';
	idempotencyKey?: string;
	requestId: string;
	keyId: string;
	mailboxId: string | null;
	from: Address;
	to: Address[];
	cc: Address[];
	bcc: Address[];
	subject: string;
	acceptedAt: number;
}

export class SimState {
	readonly domains = new Collection<DomainRecord>();
	readonly mailboxes = new Collection<MailboxRecord>();
	readonly webhooks = new Collection<WebhookRecord>();
	readonly deliveryAttempts = new Collection<DeliveryAttemptRecord>();
	readonly deliveryLogs = new Collection<DeliveryLogRecord>();
	readonly inboxLogs = new Collection<InboxLogRecord>();
	readonly transactions = new Collection<TransactionRecord>();
	readonly providers = new Collection<ProviderRecord>();
	readonly sesLimitRequests = new Collection<SesLimitRequestRecord>();
	/** The pending request for more sending accounts, if any. */
	sendingAccountIncreaseRequestId: string | null = null;
	readonly attachments = new Map<string, AttachmentRecord>();
	readonly uploads = new Map<string, UploadIntentRecord>();
	readonly mailboxUploads = new Map<string, MailboxUploadIntentRecord>();
	readonly mailStores = new Map<string, MailStore>();
	readonly accepted: AcceptedMessage[] = [];
	purchasedMicros = 0;
	consumedMicros = 0;

	constructor(readonly teamId: string) {}

	/** Forgets everything (the simulator then seeds afresh). */
	clear(): void {
		for (const collection of [this.domains, this.mailboxes, this.webhooks, this.deliveryAttempts, this.deliveryLogs, this.inboxLogs, this.transactions, this.providers, this.sesLimitRequests]) {
			collection.clear();
		}
		this.attachments.clear();
		this.uploads.clear();
		this.mailboxUploads.clear();
		this.mailStores.clear();
		this.accepted.length = 0;
		this.purchasedMicros = 0;
		this.consumedMicros = 0;
		this.sendingAccountIncreaseRequestId = null;
	}

	get balanceMicros(): number {
		return this.purchasedMicros - this.consumedMicros;
	}

	mailboxByEmail(email: string): MailboxRecord | undefined {
		const wanted = email.toLowerCase();
		return this.mailboxes.values().find((m) => m.email === wanted && m.status !== 'deleted');
	}
}
