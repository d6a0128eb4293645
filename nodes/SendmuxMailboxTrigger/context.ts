import type { IPollFunctions, ITriggerFunctions } from 'n8n-workflow';

/**
 * What the mailbox routines run in: version 1's `poll()` (IPollFunctions) or version 2's
 * `trigger()` (ITriggerFunctions, in both trigger modes). The routines use only what both
 * offer, so every rule of the trigger exists once for both versions.
 */
export type MailboxTriggerContext = IPollFunctions | ITriggerFunctions;
