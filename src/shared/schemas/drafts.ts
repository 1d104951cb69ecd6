import { z } from 'zod';
import { ErrorPayload } from '../errors';
import { CampaignId, IsoDateTime, PositiveId, StoreId } from './common';
import { Segment } from './marketing';
import { EmailDocument } from '../email/document';

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
  emailFrom: z.string().optional(),
  listId: PositiveId.nullable().optional(),
  templateId: z.string().nullable().optional(),
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

/** What the editor sends on every (debounced) edit. */
export const DraftContent = z.object({
  storeId: StoreId,
  subject: z.string().max(255),
  previewText: z.string().max(255).default(''),
  /** The sender ("Store <news@store.com>"); absent = Odoo's default. Optional: drafts saved before it existed still parse. */
  emailFrom: z.string().max(255).optional(),
  templateId: z.string().max(100).nullable().default(null),
  listId: PositiveId.nullable().default(null),
  segment: Segment.default('all'),
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
