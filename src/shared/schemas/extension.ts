import { z } from 'zod';
import { CampaignId, IsoDateTime } from './common';
import { CampaignStatus, Segment } from './marketing';
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
 * Where Odoo's RPC lives under an address a person gives. Odoo answers at the root of its host
 * (/jsonrpc, /json/2/…, /web/…); the spec's HIPAA record writes "https://healthcare-odoo.com/api",
 * an address of an API in front of Odoo rather than a path Odoo has. So a trailing /api, or an RPC
 * endpoint pasted whole, is taken off and the base URL is kept.
 */
const ODOO_ENDPOINT_SUFFIX = /\/(api|jsonrpc|json\/2|xmlrpc\/2|web|odoo)\/?$/i;
export function odooBaseUrl(address: string): string {
  const url = new URL(address);
  url.pathname = url.pathname.replace(ODOO_ENDPOINT_SUFFIX, '').replace(/\/+$/, '') || '/';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/$/, '');
}
export const OdooBaseUrlInput = OdooUrlInput.transform(odooBaseUrl);

/** A store's own Odoo: its address, database, and (once) its API key. */
export const OdooCredentialsInput = z
  .object({
    url: OdooBaseUrlInput,
    database: z.string().trim().min(1, 'is required'),
    login: z.string().trim().min(1).optional(),
    api_key: z.string().min(1).optional(),
  })
  .strict();

const UseDefaultCredentials = z.object({ use_default: z.literal(true) }).strict();
/** The spec's stats extension's own SendGrid key ("SG…"): `{ "api_key": "SG...." }`, for that extension only. */
const SendgridKeyCredentials = z.object({ api_key: z.string().trim().min(1, 'is required') }).strict();

/** Which kind of credentials an input means, read from its keys: an address or database means a store's own Odoo. */
type CredentialsKind = 'default' | 'own_odoo' | 'sendgrid_key';
function credentialsKind(raw: unknown): CredentialsKind {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'own_odoo';
  if ('use_default' in raw) return 'default';
  return 'url' in raw || 'database' in raw || 'login' in raw ? 'own_odoo' : 'sendgrid_key';
}

/**
 * A variant of the credentials union that steps aside when the input is plainly another kind. Without
 * this, three variants each fail on { url: "http://…", database, api_key } and zod can only say
 * "credentials: Invalid input"; with it, the own-Odoo variant alone is left and its own message
 * ("credentials.url — must be https://…") is what the person reads (invalidInput, shared/rpc.ts).
 */
function onlyFor<T extends z.ZodType>(kind: CredentialsKind, schema: T) {
  return z.preprocess((raw, ctx) => {
    if (credentialsKind(raw) !== kind) ctx.addIssue({ code: 'custom', message: `not ${kind} credentials`, params: { ruledOut: true } });
    return raw;
  }, schema);
}

/**
 * What a caller may send: an inline api_key is accepted once, moved to the keychain, and never stored.
 * A new url or database without an api_key drops the saved key (it belongs to the old server).
 */
export const CredentialsInput = z.union([
  onlyFor('default', UseDefaultCredentials),
  onlyFor('own_odoo', OdooCredentialsInput),
  onlyFor('sendgrid_key', SendgridKeyCredentials),
]);
export type CredentialsInput = z.infer<typeof CredentialsInput>;

/** What is stored and shown: whether a key is in the keychain, never the key. */
export const StoredCredentials = z.union([
  z.object({ use_default: z.literal(true) }),
  z.object({ url: z.string(), database: z.string(), login: z.string().optional(), api_key_set: z.boolean() }),
  /** The stats extension's own SendGrid key: the profile's Odoo, and a SendGrid key in the keychain. */
  z.object({ api_key_set: z.boolean() }),
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

/** One entry of the store-level record's `campaigns` ("Array of campaign configs" in the spec). */
const CampaignEntry = z
  .object({
    id: z.union([z.string().min(1).max(128), z.number().int().positive()]).optional(),
    campaign_id: CampaignId.nullable().optional(),
    subject: z.string().max(255).optional(),
    sendgrid_template_id: z.string().max(100).optional(),
    segment: Segment.optional(),
    schedule: IsoDateTime.nullable().optional(),
    scheduled_date: IsoDateTime.nullable().optional(),
    status: CampaignStatus.optional(),
  })
  .strict();

/** The store's campaign extension: its list, defaults for new campaigns, and the spec's `campaigns` array. */
export const StoreCampaignConfig = z
  .object({
    mailing_list_id: z.number().int().positive(),
    campaigns: z.array(CampaignEntry).max(1000).default([]),
    default_segment: z.string().default('all'),
    email_from: z.string().max(255).optional(),
    reply_to: z.string().max(255).optional(),
  })
  .strict();

/**
 * The spec's one-time campaign extension: one campaign, described in full, made in Odoo when it is
 * sent (campaign_id null until then). Sending fills meta the way the spec's handler does.
 */
export const OneTimeCampaignConfig = z
  .object({
    campaign_id: CampaignId.nullable().default(null),
    mailing_list_id: z.number().int().positive(),
    subject: z.string().trim().min(1, 'is required').max(255),
    sendgrid_template_id: z.string().trim().min(1, 'is required').max(100),
    segment: Segment.default('all'),
    status: CampaignStatus.default('draft'),
    scheduled_date: IsoDateTime.nullable().default(null),
    email_from: z.string().max(255).optional(),
    preview_text: z.string().max(255).optional(),
  })
  .strict();

/** A config that names its campaign (subject or template) is a one-time campaign; else the store's. */
export const CampaignConfig = z.union([OneTimeCampaignConfig, StoreCampaignConfig]);

export function isOneTimeCampaign(config: unknown): boolean {
  return typeof config === 'object' && config !== null && ('subject' in config || 'sendgrid_template_id' in config);
}

export const StatsConfig = z
  .object({
    /** The spec's switches: false ignores every open (or click) event; true counts them. */
    track_opens: z.boolean().default(true),
    track_clicks: z.boolean().default(true),
    /** false keeps the figures in the extension's own meta and writes no trace in Odoo. */
    store_in_odoo: z.boolean().default(true),
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
    /** sent / scheduled: a campaign send, logged as the spec's handler logs it (with `recipients`). */
    status: z.enum(['success', 'error', 'skipped', 'sent', 'scheduled']),
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

/**
 * The spec's HIPAA record puts the Odoo address beside the credentials:
 * `{ "credentials": { "database", "api_key" }, "url": "https://healthcare-odoo.com/api" }`.
 * It is read as the credentials' url; a record giving two different addresses is refused.
 */
function urlIntoCredentials(raw: unknown, ctx: { addIssue(issue: { code: 'custom'; message: string; path: PropertyKey[]; input: unknown }): void }): unknown {
  if (typeof raw !== 'object' || raw === null || !('url' in raw)) return raw;
  const { url, ...rest } = raw as Record<string, unknown> & { url: unknown };
  const credentials = rest.credentials ?? {};
  if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials) || 'use_default' in credentials) {
    ctx.addIssue({ code: 'custom', path: ['url'], input: url, message: 'belongs with credentials of an own Odoo ({ database, api_key }); a record on the profile’s Odoo has no address' });
    return rest;
  }
  if ('url' in credentials && (credentials as { url: unknown }).url !== url) {
    ctx.addIssue({ code: 'custom', path: ['url'], input: url, message: 'differs from credentials.url: give the Odoo address once' });
    return rest;
  }
  return { ...rest, credentials: { ...credentials, url } };
}

export const ExtensionRecordInput = z.preprocess(
  urlIntoCredentials,
  z.strictObject({
    key: ExtensionKey,
    /** [] is the spec's "Manual trigger only": the record runs when asked, never on an event. */
    triggers: z.array(Trigger).optional(),
    credentials: CredentialsInput.default({ use_default: true }),
    config: z.record(z.string(), z.unknown()),
    active: z.boolean().default(true),
  }),
);
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
