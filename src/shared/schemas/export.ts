import { z } from 'zod';

export const SubscriberColumnKey = z.enum([
  'email', 'name', 'subscribed_date', 'tags', 'lists', 'status', 'campaigns_received', 'opened', 'clicked', 'last_opened',
]);
export type SubscriberColumnKey = z.infer<typeof SubscriberColumnKey>;

export const RecipientColumnKey = z.enum(['email', 'name', 'status', 'sent_at', 'opened', 'opened_at', 'clicked', 'clicked_at', 'bounced', 'failure']);
export type RecipientColumnKey = z.infer<typeof RecipientColumnKey>;

export const SubscriberStatus = z.enum(['active', 'opted_out', 'blacklisted', 'bounced']);
export type SubscriberStatus = z.infer<typeof SubscriberStatus>;

export const ExportFormat = z.enum(['csv', 'xlsx', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportProgress = z.object({ rowsDone: z.number().int().nonnegative(), total: z.number().int().nonnegative().nullable() });
export type ExportProgress = z.infer<typeof ExportProgress>;

export const ExportResult = z.object({
  /** Where the file was written (desktop) or its temporary name (browser mode, then downloaded). */
  path: z.string(),
  format: ExportFormat,
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  encrypted: z.boolean(),
});
export type ExportResult = z.infer<typeof ExportResult>;
