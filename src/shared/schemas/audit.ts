import { z } from 'zod';

export const AuditAction = z.enum([
  'profile.connect',
  'profile.switched',
  'subscribers.list_viewed',
  'subscriber.opened',
  'subscribers.imported',
  'subscriber.changed',
  'export.created',
  'campaign.sent',
  'campaign.scheduled',
  'campaign.test_sent',
  'campaign.queue_processed',
  'setup.changed',
  'delivery.sendgrid_acknowledged',
  'audit.exported',
  'session.locked',
  'session.unlocked',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** Genesis value of prevHash: the first entry has no predecessor. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  /** Who did it: the OS user / profile login, never a secret. */
  actor: z.string().min(1).max(200),
  action: AuditAction,
  /** What, how many, where — ids and counts, not patient data. */
  details: z.record(z.string(), z.unknown()),
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  /**
   * True when entries are sealed with a key kept in the OS keychain and the newest entry is anchored
   * there too, so an edit, a re-computed hash or entries cut off the end show. False without a
   * lasting keychain (browser mode): then only a plain hash chain protects the log.
   */
  keyed: z.boolean(),
  entries: z.number().int().nonnegative(),
  /** The line number (1-based) of the first entry that breaks the chain. */
  brokenAt: z.number().int().positive().optional(),
  reason: z.string().optional(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), total: z.number().int().nonnegative() });
export type AuditPage = z.infer<typeof AuditPage>;
