import { z } from 'zod';
import { CampaignId, IsoDateTime, PositiveId, StoreId } from './common';
import { Segment } from './marketing';
import { TemplateValues } from '../email/template-values';

/**
 * The product spec's flow section names three more routes, with their own shapes, for operations
 * the Dashboard API already has: "Create Campaign", "Send Campaign" and "View Campaign Stats".
 */

/** POST /api/stores/:storeId/campaigns/create — the spec's `template_id`; the list defaults to the store's. */
export const FlowCreateInput = z.strictObject({
  storeId: StoreId,
  subject: z.string().trim().min(1, 'is required').max(255),
  template_id: z.string().trim().min(1, 'is required').max(100),
  segment: Segment.default('all'),
  /** Optional in the spec; absent or null leaves the draft unscheduled. */
  schedule: IsoDateTime.nullable().default(null),
  list_id: PositiveId.optional(),
  /** The template's campaign-wide values (`discount_code`, `ends_on`), as on marketing.campaigns.create. */
  template_values: TemplateValues.optional(),
  client_request_id: z.string().min(8).max(128).optional(),
});

const Count = z.number().int().nonnegative();

/** GET /api/stores/:storeId/campaigns/:campaignId/stats — the spec's flat answer. */
export const FlowStats = z.object({
  campaign_id: CampaignId,
  subject: z.string(),
  sent: Count,
  delivered: Count,
  opened: Count,
  clicked: Count,
  bounced: Count,
  unsubscribed: Count,
  sent_date: IsoDateTime.nullable(),
  sendgrid_stats: z.object({ opens: Count, unique_opens: Count, clicks: Count, unique_clicks: Count }),
});
