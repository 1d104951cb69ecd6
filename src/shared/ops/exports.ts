import { z } from 'zod';
import { op } from '../rpc';
import { CampaignId, IsoDateTime, PositiveId, StoreId } from '../schemas/common';
import { ExportFormat, ExportProgress, RecipientColumnKey, SubscriberColumnKey } from '../schemas/export';
import { Segment, SubscriberStatus } from '../schemas/marketing';

/** Where the file goes: a path from the desktop save dialog, or (browser mode, no path) a one-time download. */
const Destination = {
  /** Absolute path chosen in the save dialog (desktop). Absent: the host keeps the file for one download. */
  path: z.string().min(1).max(4096).optional(),
  csvBom: z.boolean().default(false),
  /** Password-protected AES-256 ZIP. Defaults to true for a HIPAA profile. */
  encrypted: z.boolean().optional(),
  password: z.string().max(1024).optional(),
};

export const ExportOutput = z.object({
  format: ExportFormat,
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  encrypted: z.boolean(),
  /** The file name as saved or offered for download. */
  fileName: z.string(),
  /** Desktop: where the file was written. */
  path: z.string().nullable(),
  /** Browser mode: fetch `url` once (GET, same origin) before `expiresAt`; the file is deleted afterwards. */
  download: z.object({ url: z.string(), expiresAt: IsoDateTime }).nullable(),
  /** Said to the user before they share the file. */
  warning: z.string(),
});

/** Subscriber and recipient reports (CSV, XLSX, PDF summary), streamed with progress and a Cancel that leaves no file. */
export const exportOps = {
  'export.subscribers': op({
    summary: "Exports the subscriber browser's selection (list, segment, search, tag, status) as CSV, XLSX or a PDF summary.",
    input: z.strictObject({
      storeId: StoreId,
      list_id: PositiveId.optional(),
      segment: Segment.optional(),
      search: z.string().trim().max(200).optional(),
      tag: z.string().trim().max(100).optional(),
      status: SubscriberStatus.optional(),
      columns: z.array(SubscriberColumnKey).min(1).optional(),
      format: ExportFormat,
      ...Destination,
    }),
    output: ExportOutput,
    events: ExportProgress,
  }),
  'export.campaignRecipients': op({
    summary: 'Exports who received one campaign and whether they opened, clicked or bounced (CSV or XLSX).',
    input: z.strictObject({ storeId: StoreId, campaignId: CampaignId, columns: z.array(RecipientColumnKey).min(1).optional(), format: z.enum(['csv', 'xlsx']), ...Destination }),
    output: ExportOutput,
    events: ExportProgress,
  }),
  'export.chooseDestination': op({
    summary: 'Asks the user where to save a file (desktop save dialog); in browser mode there is none and exports download.',
    input: z.strictObject({ suggestedName: z.string().min(1).max(255) }),
    output: z.object({ available: z.boolean(), path: z.string().nullable() }),
  }),
};
