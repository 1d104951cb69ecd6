import { z } from 'zod';
import { ErrorCode } from '../errors';
import { IsoDateTime, StoreId } from './common';
import { OdooUrlInput } from './odoo-url';

/**
 * Profiles: which Odoo (and SendGrid) a console works against. Non-secret settings only — API keys
 * live in the OS keychain and the contract only ever says whether one is set.
 */
export const ProfileId = z.string().regex(/^p_[A-Za-z0-9]{6,40}$/, 'must look like p_… (the id the console gave the profile)');
export type ProfileId = z.infer<typeof ProfileId>;

/** markket-default: Markket's shared Odoo; own-odoo: the store's own instance (HIPAA customers); demo: the built-in workspace. */
export const ProfileKind = z.enum(['markket-default', 'own-odoo', 'demo']);
export type ProfileKind = z.infer<typeof ProfileKind>;

export const OdooProtocolChoice = z.enum(['auto', 'jsonrpc', 'json2']);
export const SendgridRegion = z.enum(['global', 'eu']);
/** SendGrid signs no BAA, so a HIPAA profile sends through the Odoo's own mail server unless the owner acknowledges that. */
export const DeliveryChoice = z.enum(['sendgrid-relay', 'odoo-mail-server']);
export type DeliveryChoice = z.infer<typeof DeliveryChoice>;

const ProfileName = z.string().trim().min(1, 'is required').max(80);
const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(2048);

export const OdooSettings = z.object({
  /** Empty for the demo profile: the demo workspace's address is only known once it runs. */
  url: z.union([z.literal(''), HttpUrl]),
  database: z.string().trim().max(128),
  login: z.string().trim().max(256),
  protocol: OdooProtocolChoice,
});
export type OdooSettings = z.infer<typeof OdooSettings>;

/** What a user may enter (https://, or http:// to this computer); profiles already saved are read with OdooSettings as they are. */
const OdooSettingsInput = OdooSettings.strict().extend({ url: z.union([z.literal(''), OdooUrlInput]) });

export const SendgridSettings = z.object({
  region: SendgridRegion,
  /** The Event Webhook's verification key (public, not a secret): base64 of an ECDSA P-256 key. */
  webhookPublicKey: z.string().trim().min(1).max(1024).optional(),
  delivery: DeliveryChoice,
});
export type SendgridSettings = z.infer<typeof SendgridSettings>;

export const IdleLockMinutes = z.number().int().min(1, 'must be at least 1 minute').max(240, 'must be at most 240 minutes');
export const HipaaSettings = z.object({
  enabled: z.boolean(),
  idleLockMinutes: IdleLockMinutes,
  /** When the owner acknowledged that SendGrid signs no BAA (set only while a HIPAA profile delivers through SendGrid). */
  sendgridAcknowledgedAt: IsoDateTime.optional(),
});
export type HipaaSettings = z.infer<typeof HipaaSettings>;

/**
 * How much a profile's offline copies may take on this computer (Settings → General): past either
 * bound the copies fetched longest ago are removed. At least 50 copies (a few views' worth, so the
 * cache still serves offline) and 5 MB; at most 5,000 copies and 2,000 MB.
 */
export const OFFLINE_LIMIT_BOUNDS = { maxCopies: { min: 50, max: 5000 }, maxMegabytes: { min: 5, max: 2000 } } as const;
export const OfflineCopyLimits = z.object({
  maxCopies: z.number().int().min(OFFLINE_LIMIT_BOUNDS.maxCopies.min, `must be at least ${OFFLINE_LIMIT_BOUNDS.maxCopies.min} copies`).max(OFFLINE_LIMIT_BOUNDS.maxCopies.max, `must be at most ${OFFLINE_LIMIT_BOUNDS.maxCopies.max.toLocaleString('en-US')} copies`),
  maxMegabytes: z.number().int().min(OFFLINE_LIMIT_BOUNDS.maxMegabytes.min, `must be at least ${OFFLINE_LIMIT_BOUNDS.maxMegabytes.min} MB`).max(OFFLINE_LIMIT_BOUNDS.maxMegabytes.max, `must be at most ${OFFLINE_LIMIT_BOUNDS.maxMegabytes.max.toLocaleString('en-US')} MB`),
});
export type OfflineCopyLimits = z.infer<typeof OfflineCopyLimits>;
/** What a profile that never changed them keeps. */
export const DEFAULT_OFFLINE_LIMITS: OfflineCopyLimits = { maxCopies: 500, maxMegabytes: 50 };

const ProfileFields = z.object({
  id: ProfileId,
  name: ProfileName,
  kind: ProfileKind,
  odoo: OdooSettings,
  storeIds: z.array(StoreId).max(100),
  sendgrid: SendgridSettings,
  hipaa: HipaaSettings,
  /** Absent until the owner changes them: DEFAULT_OFFLINE_LIMITS apply (profiles saved before the setting existed too). */
  offline: OfflineCopyLimits.optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

/** A profile that talks to a real Odoo needs its address, database and login. */
function requireOdooWhenReal(profile: { kind: ProfileKind; odoo: OdooSettings }, ctx: z.RefinementCtx): void {
  if (profile.kind === 'demo') return;
  const missing = (['url', 'database', 'login'] as const).filter((key) => profile.odoo[key] === '');
  for (const key of missing) ctx.addIssue({ code: 'custom', path: ['odoo', key], message: 'is required for a profile that connects to Odoo' });
}

/** A profile as stored in the settings file. */
export const Profile = ProfileFields.superRefine(requireOdooWhenReal);
export type Profile = z.infer<typeof Profile>;

/** A profile as the contract shows it: whether each secret is set, never the secret. */
export const ProfileView = ProfileFields.extend({
  secrets: z.object({ odooApiKey: z.boolean(), sendgridApiKey: z.boolean() }),
});
export type ProfileView = z.infer<typeof ProfileView>;

/** An Odoo API key (or, as Odoo also accepts over RPC, the user's password: odoo18-wire/003) or a SendGrid key. Never trimmed. */
const ApiKeyValue = z.string().min(1, 'is required').max(4096);

export const CreateProfileInput = z
  .strictObject({
    name: ProfileName,
    kind: ProfileKind,
    odoo: OdooSettingsInput.partial().default({}),
    storeIds: z.array(StoreId).max(100).default([]),
    sendgrid: SendgridSettings.strict().partial().default({}),
    hipaa: HipaaSettings.strict().omit({ sendgridAcknowledgedAt: true }).partial().default({}),
    /** Write-only: saved to the keychain, never returned. */
    secrets: z.strictObject({ odooApiKey: ApiKeyValue.optional(), sendgridApiKey: ApiKeyValue.optional() }).default({}),
    /** Required to deliver a HIPAA profile's mail through SendGrid, which signs no BAA. */
    acknowledgeSendgridNoBaa: z.boolean().default(false),
    activate: z.boolean().default(false),
  });
export type CreateProfileInput = z.input<typeof CreateProfileInput>;

export const UpdateProfileInput = z.strictObject({
  id: ProfileId,
  name: ProfileName.optional(),
  odoo: OdooSettingsInput.partial().optional(),
  storeIds: z.array(StoreId).max(100).optional(),
  sendgrid: SendgridSettings.strict().partial().optional(),
  hipaa: HipaaSettings.strict().omit({ sendgridAcknowledgedAt: true }).partial().optional(),
  acknowledgeSendgridNoBaa: z.boolean().default(false),
  /**
   * Write-only, saved to the keychain. A new Odoo address or database without a new odooApiKey
   * deletes the saved key, so it is never sent to another server.
   */
  secrets: z.strictObject({ odooApiKey: ApiKeyValue.optional(), sendgridApiKey: ApiKeyValue.optional() }).optional(),
});
export type UpdateProfileInput = z.input<typeof UpdateProfileInput>;

export const SecretName = z.enum(['odoo', 'sendgrid']);
export type SecretName = z.infer<typeof SecretName>;
export const SetSecretInput = z.strictObject({ id: ProfileId, secret: SecretName, value: ApiKeyValue });

export const ProfileRef = z.strictObject({ id: ProfileId });
export const DeleteProfileResult = z.object({ id: ProfileId, deleted: z.literal(true), secretsRemoved: z.number().int().nonnegative() });
export const ProfilesList = z.object({ profiles: z.array(ProfileView), activeProfileId: ProfileId.nullable() });
export const ActiveProfile = z.object({
  profile: ProfileView.nullable(),
  /** No profile saved yet: the renderer offers "Explore the demo workspace" or "Connect your Odoo". */
  firstRun: z.boolean(),
});

export const MailingModel = z.enum(['mailing.list', 'mailing.contact', 'mailing.mailing', 'mailing.trace']);
export type MailingModel = z.infer<typeof MailingModel>;
export const ModelRights = z.object({
  model: MailingModel,
  /** null: the server could not tell (older Odoo without has_access, or the check itself was refused). */
  read: z.boolean().nullable(),
  create: z.boolean().nullable(),
  write: z.boolean().nullable(),
});
export type ModelRights = z.infer<typeof ModelRights>;

export const ConnectionProblem = z.object({ code: ErrorCode, message: z.string() });
export type ConnectionProblem = z.infer<typeof ConnectionProblem>;

/**
 * Which stores the key reaches on a shared Odoo: 'confined' (a store owner's key, record rules in
 * place), 'leaking' (a store owner's key that sees other stores' records: the rules are missing or
 * loosened), 'staff' (no store on the user, several stores visible: never hand it to an owner),
 * 'single' (one store or none visible, no store on the user), 'unknown' (the check could not run).
 */
export const StoreIsolation = z.object({
  level: z.enum(['confined', 'leaking', 'staff', 'single', 'unknown']),
  storeId: z.string().nullable(),
  /** The store's name as the store picker shows it (its list's name), for the sentences people read. */
  storeName: z.string().nullable(),
  otherStores: z.array(z.string()),
  message: z.string(),
});
export type StoreIsolation = z.infer<typeof StoreIsolation>;

export const ConnectionReport = z.object({
  profileId: ProfileId,
  ok: z.boolean(),
  /** One sentence for people, e.g. "Connected to Odoo 18.0 as admin; Email Marketing is ready." */
  summary: z.string(),
  checkedAt: IsoDateTime,
  serverVersion: z.string().nullable(),
  protocol: z.enum(['jsonrpc', 'json2']).nullable(),
  login: z.string(),
  uid: z.number().int().positive().nullable(),
  massMailingInstalled: z.boolean().nullable(),
  rights: z.array(ModelRights),
  problems: z.array(ConnectionProblem),
  /** Absent when the key could not read mailing lists at all. */
  isolation: StoreIsolation.optional(),
});
export type ConnectionReport = z.infer<typeof ConnectionReport>;
