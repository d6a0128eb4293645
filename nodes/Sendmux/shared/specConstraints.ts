// Written by `npx tsx scripts/spec-constraints.mts` from test/contract/specs/: do not edit by hand.
// test/contract/specConstraints.test.ts fails when this file and the specs drift apart.
import type { SpecConstraint } from './specRules';

/** Constraints of query parameters and JSON body fields, by `METHOD /path/{template}`. */
export const SPEC_CONSTRAINTS: Record<string, readonly SpecConstraint[]> = {
	"GET /billing/summary": [
		{"at":"query.days","enum":["7","30","90"]},
	],
	"GET /billing/transactions": [
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.type","enum":["PURCHASE","USAGE","AUTO_TOPUP","REFUND","ADJUSTMENT"]},
	],
	"GET /domains": [
		{"at":"query.limit","minimum":1,"maximum":100},
	],
	"GET /emails/logs": [
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.status","enum":["pending","sent","failed","rejected"]},
	],
	"GET /emails/metrics": [
		{"at":"query.window","enum":["24h","7d","30d"]},
		{"at":"query.granularity","enum":["hourly","daily"]},
	],
	"GET /inboxes/logs": [
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.event_type","enum":["message.received","message.received.spam"]},
	],
	"GET /mailbox/changes": [
		{"at":"query.limit","minimum":1,"maximum":500},
	],
	"GET /mailbox/events": [
		{"at":"query.ping","minimum":10,"maximum":300},
		{"at":"query.close_after","minimum":30,"maximum":3600},
	],
	"GET /mailbox/folders": [
		{"at":"query.limit","minimum":1,"maximum":100},
	],
	"GET /mailbox/folders/changes": [
		{"at":"query.limit","minimum":1,"maximum":500},
	],
	"GET /mailbox/folders/query-changes": [
		{"at":"query.limit","minimum":1,"maximum":500},
	],
	"GET /mailbox/identities": [
		{"at":"query.limit","minimum":1,"maximum":100},
	],
	"GET /mailbox/mailboxes": [
		{"at":"query.limit","minimum":1,"maximum":100},
	],
	"GET /mailbox/messages": [
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.min_size_bytes","minimum":0},
		{"at":"query.max_size_bytes","minimum":0},
		{"at":"query.sort_by","enum":["received_at","sent_at","subject","from","to","size_bytes"]},
		{"at":"query.sort_direction","enum":["asc","desc"]},
	],
	"GET /mailbox/messages/count": [
		{"at":"query.min_size_bytes","minimum":0},
		{"at":"query.max_size_bytes","minimum":0},
	],
	"GET /mailbox/messages/query-changes": [
		{"at":"query.limit","minimum":1,"maximum":500},
		{"at":"query.min_size_bytes","minimum":0},
		{"at":"query.max_size_bytes","minimum":0},
		{"at":"query.sort_by","enum":["received_at","sent_at","subject","from","to","size_bytes"]},
		{"at":"query.sort_direction","enum":["asc","desc"]},
	],
	"GET /mailbox/messages/search-snippets": [
		{"at":"query.min_size_bytes","minimum":0},
		{"at":"query.max_size_bytes","minimum":0},
		{"at":"query.limit","minimum":1,"maximum":100},
	],
	"GET /mailbox/messages/{message_id}/body": [
		{"at":"query.part","enum":["text","html","both"]},
		{"at":"query.max_body_chars","minimum":1,"maximum":1000000},
	],
	"GET /mailbox/messages/{message_id}/content": [
		{"at":"query.part","enum":["auto","text","html"]},
		{"at":"query.max_body_chars","minimum":1,"maximum":1000000},
		{"at":"query.include_headers","enum":["none","selected","full"]},
		{"at":"query.include_attachments","enum":["none","metadata"]},
	],
	"GET /mailbox/quotas": [
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.scope","enum":["account","domain","global"]},
		{"at":"query.resource_type","enum":["count","octets"]},
		{"at":"query.sort_by","enum":["name","used"]},
		{"at":"query.sort_direction","enum":["asc","desc"]},
	],
	"GET /mailbox/quotas/changes": [
		{"at":"query.limit","minimum":1,"maximum":500},
	],
	"GET /mailbox/submissions": [
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.undo_status","enum":["pending","final","canceled"]},
		{"at":"query.sort_by","enum":["send_at","email_id","thread_id"]},
		{"at":"query.sort_direction","enum":["asc","desc"]},
	],
	"GET /mailbox/submissions/changes": [
		{"at":"query.limit","minimum":1,"maximum":500},
	],
	"GET /mailbox/threads": [
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.sort_direction","enum":["asc","desc"]},
	],
	"GET /mailbox/threads/{thread_id}/content": [
		{"at":"query.part","enum":["auto","text","html"]},
		{"at":"query.max_body_chars","minimum":1,"maximum":1000000},
		{"at":"query.include_headers","enum":["none","selected","full"]},
		{"at":"query.include_attachments","enum":["none","metadata"]},
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.sort","enum":["asc","desc"]},
	],
	"GET /mailbox/threads/{thread_id}/messages": [
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.sort","enum":["asc","desc"]},
	],
	"GET /mailboxes": [
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.include_deleted","enum":["true"]},
	],
	"GET /providers": [
		{"at":"query.status","enum":["active","inactive","error","pending"]},
		{"at":"query.type","enum":["smtp","gmail_api","outlook_api","amazon_ses"]},
		{"at":"query.limit","minimum":1,"maximum":100},
	],
	"GET /webhooks": [
		{"at":"query.limit","minimum":1,"maximum":100},
	],
	"GET /webhooks/{public_id}/deliveries": [
		{"at":"query.limit","minimum":1,"maximum":100},
		{"at":"query.event_type","enum":["message.delivered","message.bounced","message.complained","message.rejected","message.delivery_delayed","message.received","message.received.spam","sendmux.test"]},
		{"at":"query.result","enum":["success","retrying","failed","permanent_failure"]},
	],
	"PATCH /domains/{public_id}": [
		{"at":"body.mode","enum":["send_receive"]},
	],
	"PATCH /mailbox/identity": [
		{"at":"body.html_signature","maxLength":2047},
		{"at":"body.name","maxLength":254},
		{"at":"body.text_signature","maxLength":2047},
	],
	"PATCH /mailboxes/{public_id}": [
		{"at":"body.display_name","minLength":1,"maxLength":254},
		{"at":"body.quota_bytes","minimum":1},
		{"at":"body.send_scope.group_public_ids[]","minLength":1,"maxLength":128},
		{"at":"body.send_scope.provider_public_ids[]","minLength":1,"maxLength":128},
		{"at":"body.send_scope.type","enum":["all","providers","group"]},
	],
	"PATCH /providers/{public_id}": [
		{"at":"body.from_email","maxLength":255},
		{"at":"body.from_name","maxLength":255},
		{"at":"body.name","minLength":1,"maxLength":255},
		{"at":"body.percentage","minimum":0,"maximum":100},
		{"at":"body.quotas.per_day","exclusiveMinimum":0},
		{"at":"body.quotas.per_day.max","exclusiveMinimum":0},
		{"at":"body.quotas.per_day.min","exclusiveMinimum":0},
		{"at":"body.quotas.per_hour","exclusiveMinimum":0},
		{"at":"body.quotas.per_hour.max","exclusiveMinimum":0},
		{"at":"body.quotas.per_hour.min","exclusiveMinimum":0},
		{"at":"body.quotas.per_minute","exclusiveMinimum":0},
		{"at":"body.quotas.per_minute.max","exclusiveMinimum":0},
		{"at":"body.quotas.per_minute.min","exclusiveMinimum":0},
		{"at":"body.quotas.per_second","exclusiveMinimum":0},
		{"at":"body.quotas.per_second.max","exclusiveMinimum":0},
		{"at":"body.quotas.per_second.min","exclusiveMinimum":0},
		{"at":"body.reply_to_email","maxLength":255},
		{"at":"body.reply_to_name","maxLength":255},
		{"at":"body.smtp_host","minLength":1,"maxLength":255},
		{"at":"body.smtp_password","minLength":1,"maxLength":500},
		{"at":"body.smtp_port","minimum":1,"maximum":65535},
		{"at":"body.smtp_protocol","enum":["tls","ssl","none","starttls"]},
		{"at":"body.smtp_username","minLength":1,"maxLength":255},
		{"at":"body.tracking_domain","maxLength":255},
	],
	"PATCH /webhooks/{public_id}": [
		{"at":"body.event_types","minItems":1},
		{"at":"body.event_types[]","enum":["message.delivered","message.bounced","message.complained","message.rejected","message.delivery_delayed","message.received","message.received.spam","sendmux.test"]},
		{"at":"body.name","maxLength":255},
	],
	"POST /domains": [
		{"at":"body.mode","enum":["send_only","send_receive"]},
	],
	"POST /emails/attachment-uploads": [
		{"at":"body.content_type","maxLength":255},
		{"at":"body.filename","minLength":1,"maxLength":255},
		{"at":"body.sha256","pattern":"^[a-f0-9]{64}$"},
		{"at":"body.size_bytes","exclusiveMinimum":0},
	],
	"POST /emails/attachments": [
		{"at":"query.filename","minLength":1,"maxLength":255},
		{"at":"query.content_type","maxLength":255},
	],
	"POST /mailbox/attachment-uploads": [
		{"at":"body.size_bytes","minimum":1},
	],
	"POST /mailbox/messages/send": [
		{"at":"body.to","minItems":1},
	],
	"POST /mailbox/messages:batch-delete": [
		{"at":"body.ids","minItems":1,"maxItems":100},
	],
	"POST /mailbox/messages:batch-get": [
		{"at":"body.body_mode","enum":["none","raw","clean_json"]},
		{"at":"body.ids","minItems":1,"maxItems":100},
		{"at":"body.include_attachments","enum":["none","metadata"]},
		{"at":"body.include_headers","enum":["none","selected","full"]},
		{"at":"body.max_body_chars","minimum":1,"maximum":1000000},
		{"at":"body.part","enum":["auto","text","html","both"]},
	],
	"POST /mailbox/messages:batch-update": [
		{"at":"body.ids","minItems":1,"maxItems":100},
	],
	"POST /mailboxes": [
		{"at":"body.display_name","minLength":1,"maxLength":254},
		{"at":"body.email","minLength":5,"maxLength":254},
		{"at":"body.quota_bytes","minimum":1},
		{"at":"body.send_scope.group_public_ids[]","minLength":1,"maxLength":128},
		{"at":"body.send_scope.provider_public_ids[]","minLength":1,"maxLength":128},
		{"at":"body.send_scope.type","enum":["all","providers","group"]},
	],
	"POST /mailboxes/{public_id}/keys": [
		{"at":"body.app_name","minLength":1,"maxLength":255},
	],
	"POST /providers": [
		{"at":"body.from_email","maxLength":255},
		{"at":"body.from_name","maxLength":255},
		{"at":"body.name","minLength":1,"maxLength":255},
		{"at":"body.percentage","minimum":0,"maximum":100},
		{"at":"body.quotas.per_day","exclusiveMinimum":0},
		{"at":"body.quotas.per_day.max","exclusiveMinimum":0},
		{"at":"body.quotas.per_day.min","exclusiveMinimum":0},
		{"at":"body.quotas.per_hour","exclusiveMinimum":0},
		{"at":"body.quotas.per_hour.max","exclusiveMinimum":0},
		{"at":"body.quotas.per_hour.min","exclusiveMinimum":0},
		{"at":"body.quotas.per_minute","exclusiveMinimum":0},
		{"at":"body.quotas.per_minute.max","exclusiveMinimum":0},
		{"at":"body.quotas.per_minute.min","exclusiveMinimum":0},
		{"at":"body.quotas.per_second","exclusiveMinimum":0},
		{"at":"body.quotas.per_second.max","exclusiveMinimum":0},
		{"at":"body.quotas.per_second.min","exclusiveMinimum":0},
		{"at":"body.reply_to_email","maxLength":255},
		{"at":"body.reply_to_name","maxLength":255},
		{"at":"body.smtp_host","minLength":1,"maxLength":255},
		{"at":"body.smtp_password","minLength":1,"maxLength":500},
		{"at":"body.smtp_port","minimum":1,"maximum":65535},
		{"at":"body.smtp_protocol","enum":["tls","ssl","none","starttls"]},
		{"at":"body.smtp_username","minLength":1,"maxLength":255},
		{"at":"body.tracking_domain","maxLength":255},
	],
	"POST /webhooks": [
		{"at":"body.event_types","minItems":1},
		{"at":"body.event_types[]","enum":["message.delivered","message.bounced","message.complained","message.rejected","message.delivery_delayed","message.received","message.received.spam","sendmux.test"]},
		{"at":"body.name","minLength":1,"maxLength":255},
	],
	"PUT /domains/{public_id}/filters": [
		{"at":"body.mode","enum":["off","allowlist","denylist"]},
		{"at":"body.rules","maxItems":1000},
		{"at":"body.rules[].note","maxLength":255},
		{"at":"body.rules[].type","enum":["allow","deny"]},
	],
	"PUT /mailboxes/{public_id}/filters": [
		{"at":"body.mode","enum":["off","allowlist","denylist"]},
		{"at":"body.rules","maxItems":1000},
		{"at":"body.rules[].note","maxLength":255},
		{"at":"body.rules[].type","enum":["allow","deny"]},
	],
};
