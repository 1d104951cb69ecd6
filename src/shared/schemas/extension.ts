import { z } from 'zod';
import { OdooUrlInput } from './odoo-url';

/**
 * Store extension records, exactly as the product spec writes them:
 * { key, triggers, credentials: { use_default: true } | { url, database, api_key }, config, active, meta }.
 */
export const ExtensionKey = z.enum(['markket:odoo:newsletter', 'markket:odoo:campaign', 'markket:sendgrid:stats']);
export type ExtensionKey = z.infer<typeof ExtensionKey>;

export const Trigger = z.enum(['trigger:new_subscriber', 'trigger:sendgrid_webhook', 'trigger:manual']);
export type Trigger = z.infer<typeof Trigger>;

/**
 * What a caller may send: an inline api_key is accepted once, moved to the keychain, and never stored.
 * A new url or database without an api_key drops the saved key (it belongs to the old server).
 */
export const CredentialsInput = z.union([
  z.object({ use_default: z.literal(true) }).strict(),
  z
    .object({
      url: OdooUrlInput,
      database: z.string().trim().min(1, 'is required'),
      login: z.string().trim().min(1).optional(),
      api_key: z.string().min(1).optional(),
    })
    .strict(),
]);
export type CredentialsInput = z.infer<typeof CredentialsInput>;

/** What is stored and shown: whether a key is in the keychain, never the key. */
export const StoredCredentials = z.union([
  z.object({ use_default: z.literal(true) }),
  z.object({ url: z.string(), database: z.string(), login: z.string().optional(), api_key_set: z.boolean() }),
]);
export type StoredCredentials = z.infer<typeof StoredCredentials>;

export const NewsletterConfig = z
  .object({
    mailing_list_id: z.number().int().positive(),
    auto_subscribe: z.boolean().default(true),
    tags: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    sync_to_sendgrid: z.boolean().default(false),
  })
  .strict();

export const CampaignConfig = z
  .object({
    mailing_list_id: z.number().int().positive(),
    default_segment: z.string().default('all'),
    email_from: z.string().max(255).optional(),
    reply_to: z.string().max(255).optional(),
  })
  .strict();

export const StatsConfig = z
  .object({
    /** Machine opens (Apple Mail Privacy Protection) are counted apart and, by default, not as opens. */
    count_machine_opens: z.boolean().default(false),
    /** Spam reports blacklist the address in Odoo so it is never mailed again. */
    blacklist_spam_reports: z.boolean().default(true),
  })
  .strict();

export const extensionConfigSchemas = {
  'markket:odoo:newsletter': NewsletterConfig,
  'markket:odoo:campaign': CampaignConfig,
  'markket:sendgrid:stats': StatsConfig,
} as const satisfies Record<ExtensionKey, z.ZodType>;

export type ExtensionConfig<K extends ExtensionKey> = z.infer<(typeof extensionConfigSchemas)[K]>;

export const defaultTriggers: Record<ExtensionKey, Trigger[]> = {
  'markket:odoo:newsletter': ['trigger:new_subscriber'],
  'markket:odoo:campaign': ['trigger:manual'],
  'markket:sendgrid:stats': ['trigger:sendgrid_webhook'],
};

export const ExecutionLogEntry = z
  .object({
    timestamp: z.iso.datetime({ offset: true }),
    status: z.enum(['success', 'error', 'skipped']),
    trigger: z.string(),
    duration_ms: z.number().nonnegative(),
    summary: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .catchall(z.unknown());
export type ExecutionLogEntry = z.infer<typeof ExecutionLogEntry>;

export const ExtensionMeta = z
  .object({
    execution_log: z.array(ExecutionLogEntry).default([]),
    last_run: z.iso.datetime({ offset: true }).optional(),
    last_error: z.object({ code: z.string(), message: z.string(), at: z.string() }).optional(),
  })
  .catchall(z.unknown());
export type ExtensionMeta = z.infer<typeof ExtensionMeta>;

export const ExtensionRecordInput = z.strictObject({
  key: ExtensionKey,
  triggers: z.array(Trigger).min(1).optional(),
  credentials: CredentialsInput.default({ use_default: true }),
  config: z.record(z.string(), z.unknown()),
  active: z.boolean().default(true),
});
export type ExtensionRecordInput = z.input<typeof ExtensionRecordInput>;

export const ExtensionRecord = z.object({
  id: z.string(),
  storeId: z.string(),
  key: ExtensionKey,
  triggers: z.array(Trigger),
  credentials: StoredCredentials,
  config: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  meta: ExtensionMeta,
});
export type ExtensionRecord = z.infer<typeof ExtensionRecord>;
