import { z } from 'zod';
import { ErrorPayload } from '../errors';
import { CampaignId, IsoDateTime, PositiveId, StoreId } from './common';
import { Segment } from './marketing';
import { EmailDocument } from '../email/document';
import { TemplateValues } from '../email/template-values';

export const DraftId = z.uuid({ message: 'must be a draft id (a UUID)' });

export const DraftSyncState = z.enum(['local', 'synced', 'pending', 'conflict', 'error']);
export type DraftSyncState = z.infer<typeof DraftSyncState>;

/** The mailing as Odoo holds it, kept on a draft in conflict so the user can compare and pick. */
export const RemoteMailing = z.object({
  odooId: PositiveId,
  subject: z.string(),
  previewText: z.string(),
  state: z.string(),
  writeDate: z.string(),
  /** What else Odoo holds, so "take Odoo's version" takes all of it (absent in drafts saved before). */
  body: z.string().optional(),
  /** A template's campaign-wide values Odoo keeps (then body is the template's rendering, unfilled). */
  templateValues: TemplateValues.optional(),
  emailFrom: z.string().optional(),
  listId: PositiveId.nullable().optional(),
  templateId: z.string().nullable().optional(),
  /** Odoo's audience as held: its domain and lists, and (when no segment names it) Odoo's count of it then. */
  mailingDomain: z.string().optional(),
  listIds: z.array(PositiveId).optional(),
  recipients: z.number().int().nonnegative().optional(),
});
export type RemoteMailing = z.infer<typeof RemoteMailing>;

export const DraftSync = z.object({
  state: DraftSyncState,
  odooId: PositiveId.optional(),
  /** Odoo's write_date ('YYYY-MM-DD HH:MM:SS', UTC) as of our last successful push or pull. */
  odooWriteDate: z.string().optional(),
  lastError: ErrorPayload.optional(),
  remote: RemoteMailing.optional(),
});
export type DraftSync = z.infer<typeof DraftSync>;

/**
 * An audience Odoo holds that no segment of the picker names (a domain set in Odoo, or one the
 * segment builder wrote): a draft keeps it exactly as Odoo held it, and its push writes it back
 * unchanged (or not at all when Odoo still holds it). Picking a segment in the editor drops it.
 */
export const KeptAudience = z.object({
  /** Odoo's mailing_domain, as Odoo wrote it. */
  domain: z.string().min(2).max(200_000),
  listIds: z.array(PositiveId).min(1).max(500),
  /** What the editor calls it ("Custom audience (set in Odoo)", "Built segment"). */
  label: z.string().max(200),
  /** Odoo's count of it when it was kept (offline, the editor shows this one). */
  recipients: z.number().int().nonnegative(),
});
export type KeptAudience = z.infer<typeof KeptAudience>;

/** What the editor sends on every (debounced) edit. */
export const DraftContent = z.object({
  storeId: StoreId,
  subject: z.string().max(255),
  previewText: z.string().max(255).default(''),
  /** The sender ("Store <news@store.com>"); absent = Odoo's default. Optional: drafts saved before it existed still parse. */
  emailFrom: z.string().max(255).optional(),
  templateId: z.string().max(100).nullable().default(null),
  /** The SendGrid template's campaign-wide values (`discount_code`, `ends_on`), written into the body when the draft syncs. */
  templateValues: TemplateValues.optional(),
  listId: PositiveId.nullable().default(null),
  segment: Segment.default('all'),
  /** When set, the draft's audience (and `segment` is not used): kept from Odoo as it was. */
  keptAudience: KeptAudience.strict().optional(),
  schedule: IsoDateTime.nullable().default(null),
  body: z.string().max(2_000_000).optional(),
  /**
   * An email written in the console's editor (issue 11): kept here while offline, rendered into the
   * mailing's body when the draft syncs. When present it is the body, whatever templateId says.
   */
  document: EmailDocument.optional(),
});
export type DraftContent = z.infer<typeof DraftContent>;

export const DraftSaveInput = DraftContent.strict().extend({
  /** Absent for a new draft. */
  id: DraftId.optional(),
  /** The version the editor started from; a save based on an older version is rejected. */
  baseVersion: z.number().int().nonnegative().optional(),
  /**
   * A new campaign being written stays on this computer (no Odoo mailing, no ghost draft if it is
   * abandoned) until the person saves it to Odoo or reviews it. Ignored once the draft is on its
   * way to Odoo: its later edits follow it there.
   */
  keepLocal: z.boolean().optional(),
});
export type DraftSaveInput = z.input<typeof DraftSaveInput>;

export const Draft = DraftContent.extend({
  id: DraftId,
  campaignId: CampaignId.optional(),
  version: z.number().int().positive(),
  updatedAt: IsoDateTime,
  sync: DraftSync,
});
export type Draft = z.infer<typeof Draft>;
