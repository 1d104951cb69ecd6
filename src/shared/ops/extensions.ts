import { z } from 'zod';
import { op } from '../rpc';
import { StoreId, PositiveId } from '../schemas/common';
import { ExtensionRecord, Trigger } from '../schemas/extension';
import { ColumnRole, ImportField } from '../import-mapping';

const base = '/api/stores/:storeId/marketing';
const ExtensionRef = z.strictObject({ storeId: StoreId, extensionId: z.string().min(1).max(100) });

export const RunResult = z.object({
  extensionId: z.string(),
  key: z.string(),
  success: z.boolean(),
  meta: z.record(z.string(), z.unknown()),
  summary: z.string().optional(),
  output: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

const RowReport = z.object({
  row: z.number().int().positive(),
  email: z.string(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'resubscribed', 'skipped', 'invalid']),
  reason: z.string().optional(),
  contact_id: z.number().int().optional(),
});
const RowCounts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), resubscribed: z.number(), skipped: z.number(), invalid: z.number() });

export const SetupStep = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['ok', 'missing', 'created', 'updated', 'failed', 'skipped']),
  message: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const SetupReport = z.object({ ready: z.boolean(), steps: z.array(SetupStep) });
const SetupInput = z.strictObject({
  storeId: StoreId,
  storeName: z.string().trim().min(1).max(200).optional(),
  /** Markket's shared Odoo: also the "Isolate stores" step (store-owner group and record rules). */
  isolate: z.boolean().optional(),
});
const StoreOwnerInput = z.strictObject({
  storeId: StoreId,
  storeName: z.string().trim().min(1).max(200).optional(),
  login: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  /** For an existing user: send Odoo's password-reset email again (a new user is always invited). */
  invite: z.boolean().optional(),
});
export const StoreOwnerResult = z.object({
  userId: z.number().int().positive(),
  user: z.enum(['created', 'updated', 'unchanged']),
  invitationSent: z.boolean(),
  apiKeyPage: z.string(),
  handOver: z.array(z.string()),
});

const SuppressionKindCounts = z.object({ bounces: z.number(), blocks: z.number(), spam_reports: z.number(), invalid_emails: z.number(), unsubscribes: z.number() });
export const SuppressionSyncReport = z.object({
  pulled: SuppressionKindCounts,
  /**
   * readable false: a store owner's key, which Odoo lets add to Markket's blacklist but not read:
   * added/already count the store's own contacts, kept_off those an administrator took off (they
   * stay off), unconfirmed the other addresses handed over (new or not, the key cannot see).
   */
  blacklist: z.object({ added: z.number(), revived: z.number(), already: z.number(), added_emails: z.array(z.string()), revived_emails: z.array(z.string()), readable: z.boolean(), kept_off: z.number(), unconfirmed: z.number() }),
  temporary: z.object({ blocks: z.number(), soft_bounces: z.number() }),
  unusable: z.array(z.object({ kind: z.string(), email: z.string() })),
  changed: z.boolean(),
});

/** Store extensions (records, runs), subscriber sign-ups and imports, Odoo setup, suppressions. */
export const extensionOps = {
  'extensions.list': op({ summary: "The store's extension records (credentials show only whether a key is set).", input: z.strictObject({ storeId: StoreId }), output: z.object({ extensions: z.array(ExtensionRecord) }) }),
  'extensions.add': op({
    summary: 'Adds an extension record to the store; an inline api_key goes to the keychain.',
    input: z.strictObject({ storeId: StoreId, record: z.record(z.string(), z.unknown()) }),
    output: ExtensionRecord,
  }),
  'extensions.update': op({
    summary: "Changes an extension's configuration, credentials, triggers or whether it is active.",
    input: ExtensionRef.extend({ credentials: z.unknown().optional(), config: z.record(z.string(), z.unknown()).optional(), active: z.boolean().optional(), triggers: z.array(Trigger).optional() }),
    output: ExtensionRecord,
  }),
  'extensions.remove': op({ summary: 'Removes an extension record and its keychain entry.', input: ExtensionRef, output: z.object({ removed: z.boolean() }) }),
  'extensions.run': op({ summary: 'Runs one extension by hand on an entity (a campaign action, a subscriber…).', input: ExtensionRef.extend({ entity: z.unknown() }), output: RunResult }),
  'subscribers.add': op({
    summary: "Adds one subscriber through the store's newsletter extension (created with the store's list when missing).",
    input: z.strictObject({ storeId: StoreId, email: z.string().min(1).max(320), name: z.string().max(200).optional(), documentId: z.string().max(128).optional(), list_id: PositiveId.optional() }),
    output: z.object({ extension_id: z.string(), row: RowReport }),
    http: `POST ${base}/subscribers`,
  }),
  'subscribers.importFields': op({
    summary: "The Odoo contact fields an imported column can fill (read from this Odoo's fields_get).",
    input: z.strictObject({ storeId: StoreId }),
    output: z.object({ fields: z.array(ImportField) }),
  }),
  'subscribers.import': op({
    summary:
      'Imports subscribers from CSV text. `columns` gives each column a role (email, name, first_name, last_name, tags, document_id, field:<odoo field>, skip); ' +
      'without it the roles are guessed from the header. `permission` confirms the people agreed to be emailed. Answers a report for every row, numbered as in the spreadsheet.',
    input: z.strictObject({
      storeId: StoreId,
      csv: z.string().max(20 * 1024 * 1024),
      columns: z.array(ColumnRole).max(500).optional(),
      permission: z.literal(true, { error: 'Confirm that you have permission to email these people before importing them.' }),
      list_id: PositiveId.optional(),
    }),
    output: z.object({ extension_id: z.string(), counts: RowCounts, rows: z.array(RowReport), blank_lines: z.number().int().nonnegative() }),
    http: `POST ${base}/subscribers/import`,
    events: z.object({ phase: z.enum(['parsed', 'syncing', 'done']), done: z.number().int(), total: z.number().int() }),
  }),
  'setup.check': op({ summary: 'Checks what the store needs in Odoo (module, fields, list, SendGrid relay) without changing anything.', input: SetupInput, output: SetupReport }),
  'setup.apply': op({ summary: 'Creates what the store is missing in Odoo; running it again changes nothing.', input: SetupInput, output: SetupReport }),
  'setup.addStoreOwner': op({
    summary: "Creates or updates a store owner's Odoo user (store-owner group, store id, Odoo's invitation) and says what to hand over. Needs an Odoo administrator's key.",
    input: StoreOwnerInput,
    output: StoreOwnerResult,
  }),
  'suppressions.sync': op({ summary: "Pulls SendGrid's suppression lists into Odoo's blacklist so Odoo never mails those addresses.", input: z.strictObject({}), output: SuppressionSyncReport }),
};
