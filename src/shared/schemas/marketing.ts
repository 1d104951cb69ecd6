import { z } from 'zod';
import { SegmentRule } from './segments';
import { TemplateValues } from '../email/template-values';
import { CampaignId, IsoDateTime, PositiveId, QueryInt, Rate, StoreId } from './common';

/**
 * Added to an answer served from the offline cache because Odoo (or SendGrid) could not be reached:
 * the screen says "as of <time>". Absent on fresh answers.
 */
export const Freshness = { stale: z.literal(true).optional(), as_of: IsoDateTime.optional() };

export const Store = z.object({ id: StoreId, name: z.string(), list_ids: z.array(PositiveId) });
export const StoresResult = z.object({ stores: z.array(Store) });

export const CampaignStatus = z.enum(['draft', 'scheduled', 'sending', 'sent', 'failed', 'canceled']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const LastCampaign = z.object({ campaign_id: CampaignId.nullable(), subject: z.string(), sent_date: IsoDateTime.nullable() });
export const MailingListSummary = z.object({
  id: PositiveId,
  name: z.string(),
  contact_count: z.number().int().nonnegative(),
  active_contacts: z.number().int().nonnegative(),
  /** As the spec answers it: when the list last got a campaign ("2025-11-20T14:00:00Z"). */
  last_campaign: IsoDateTime.nullable(),
  /** Which campaign that was (an addition to the spec). */
  last_campaign_detail: LastCampaign.nullable(),
});
export const ListsResult = z.object({ lists: z.array(MailingListSummary), ...Freshness });

export const SubscriberStatus = z.enum(['active', 'opted_out', 'blacklisted', 'bounced']);
export const Subscriber = z.object({
  id: PositiveId,
  email: z.string(),
  name: z.string(),
  subscribed_date: IsoDateTime.nullable(),
  tags: z.array(z.string()),
  campaigns_received: z.number().int().nonnegative(),
  last_opened: IsoDateTime.nullable(),
  status: SubscriberStatus,
});
export const SubscribersQuery = z.strictObject({
  storeId: StoreId,
  list_id: QueryInt(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: QueryInt(1, 500).default(50),
  offset: QueryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  search: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(100).optional(),
  status: SubscriberStatus.optional(),
});
export const SubscribersResult = z.object({
  subscribers: z.array(Subscriber),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pages: z.number().int().nonnegative(),
  /** Offline: the page as last fetched, and when. */
  ...Freshness,
});

/** all | buyers | subscribers | opened_last_campaign | tag:<name> | saved:<id> (a saved segment, marketing.segments.list) */
export const Segment = z.union([
  z.enum(['all', 'buyers', 'subscribers', 'opened_last_campaign']),
  z.string().regex(/^(tag:.{1,100}|saved:[1-9]\d{0,9})$/, 'must be all, buyers, subscribers, opened_last_campaign, tag:<name> or saved:<id>'),
]);
export type Segment = z.infer<typeof Segment>;

export const CreateCampaignInput = z.strictObject({
  storeId: StoreId,
  subject: z.string().trim().min(1, 'is required').max(255),
  sendgrid_template_id: z.string().trim().min(1, 'is required').max(100),
  /** The template's campaign-wide values (`discount_code`, `ends_on`): the same for every recipient. */
  template_values: TemplateValues.optional(),
  list_id: PositiveId,
  segment: Segment.default('all'),
  schedule: IsoDateTime.nullable().default(null),
  preview_text: z.string().max(255).optional(),
  email_from: z.string().max(255).optional(),
  /** The caller's idempotency key: the same key never creates a second mailing. */
  client_request_id: z.string().min(8).max(128).optional(),
});
export const CreateCampaignResult = z.object({
  campaign_id: CampaignId,
  odoo_campaign_id: PositiveId,
  /** "draft" for a new campaign; a create retried with the same client_request_id answers the campaign's current status. */
  status: CampaignStatus,
  estimated_recipients: z.number().int().nonnegative(),
});

export const CampaignRef = z.strictObject({ storeId: StoreId, campaignId: CampaignId });
export const SendCampaignResult = z.object({
  campaign_id: CampaignId,
  /** "sending" or "scheduled"; a retried send answers where the first one got to (possibly "sent"). */
  status: CampaignStatus.exclude(['draft']),
  scheduled_for: IsoDateTime.nullable(),
  estimated_recipients: z.number().int().nonnegative(),
});

export const CampaignStats = z.object({
  sent: z.number().int().nonnegative(),
  delivered: z.number().int().nonnegative(),
  bounced: z.number().int().nonnegative(),
  opened: z.number().int().nonnegative(),
  unique_opened: z.number().int().nonnegative(),
  clicked: z.number().int().nonnegative(),
  unique_clicked: z.number().int().nonnegative(),
  unsubscribed: z.number().int().nonnegative(),
  open_rate: Rate,
  click_rate: Rate,
});
/**
 * Where a sending campaign stands, from its traces and state in Odoo. Odoo makes the mails when its
 * mass-mailing queue picks the campaign up (`waiting_for: mailing_queue`), then sends them itself at
 * once when there are few, or leaves them to its mail queue cron, which sends them in batches
 * (`mail_queue`). `next_batch_at` is when that happens next, read from Odoo where the user may read
 * it (null otherwise); `can_process_now` says the user may run the queue by hand.
 */
export const SendProgress = z.object({
  expected: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  queued: z.number().int().nonnegative(),
  waiting_for: z.enum(['mailing_queue', 'mail_queue']).nullable(),
  next_batch_at: IsoDateTime.nullable().optional(),
  can_process_now: z.boolean().optional(),
});
/** What every campaign answer starts with: which campaign, and where it stands. */
const CampaignHeading = {
  campaign_id: CampaignId,
  odoo_campaign_id: PositiveId,
  subject: z.string(),
  status: CampaignStatus,
  sent_date: IsoDateTime.nullable(),
  scheduled_for: IsoDateTime.nullable(),
};
/**
 * Who a campaign goes to, as Odoo holds it. `segment` when the console can name the mailing's
 * domain; `custom` (segment null) for any domain it cannot, e.g. one edited in Odoo: shown as
 * `label` and kept as it is unless the person picks another audience.
 */
export const CampaignAudience = z.object({
  /** `built`: a domain the segment builder wrote (a saved segment), read back into `rule`. */
  kind: z.enum(['segment', 'built', 'custom']),
  segment: Segment.nullable(),
  label: z.string(),
  list_ids: z.array(PositiveId),
  /** mailing_domain as Odoo stores it (a Python literal). */
  domain: z.string(),
  /** Odoo's live count of who it reaches now, opted-out and blacklisted contacts left out. */
  recipients: z.number().int().nonnegative(),
  /** Changes when the audience changes in Odoo; give it back as `base_audience` when changing the audience. */
  version: z.string(),
  /** The segment builder's conditions, for a `built` audience. */
  rule: SegmentRule.nullable().optional(),
});
export const CampaignDetail = z.object({
  ...CampaignHeading,
  stats: CampaignStats,
  /**
   * Why the people this campaign's unsubscribe link took off the list left, as they picked it on
   * Odoo's unsubscribe page, most given first; last, how many gave none (reason null). Only when someone left.
   */
  unsubscribe_reasons: z.array(z.object({ reason: z.string().nullable(), count: z.number().int().positive() })).optional(),
  sendgrid_template_id: z.string().nullable(),
  /** What the editor opens with: everything Odoo holds that the console edits. */
  preview_text: z.string(),
  /** The sender Odoo will use; null when the mailing has none. */
  email_from: z.string().nullable(),
  list_ids: z.array(PositiveId),
  audience: CampaignAudience,
  /** Made in Odoo itself: shown, but edited, sent and deleted in Odoo. */
  made_in_odoo: z.boolean(),
  /** The winner Odoo copied from an A/B test's best version: the test it belongs to (version A's id). */
  ab_winner_of: CampaignId.optional(),
  /** Only while the campaign is sending. */
  progress: SendProgress.optional(),
  /**
   * A SendGrid template campaign's campaign-wide fields (`ends_on`, `discount_code`) and the values
   * kept for them, while it is a draft or scheduled (marketing.campaigns.update's template_values).
   */
  template_value_names: z.array(z.string()).optional(),
  template_values: TemplateValues.optional(),
  ...Freshness,
});

/** How the campaign list is ordered: by Odoo's calendar date (sent or scheduled), or by a rate. */
export const CampaignSort = z.enum(['date', 'open_rate', 'click_rate']);

export const CampaignsQuery = z.strictObject({
  storeId: StoreId,
  status: CampaignStatus.optional(),
  search: z.string().trim().max(200).optional(),
  limit: QueryInt(1, 200).default(20),
  offset: QueryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  sort: CampaignSort.default('date'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  /** Only campaigns sent or scheduled from / before these instants (Odoo's calendar_date); drafts have none. */
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  /** Only campaigns whose open rate (a fraction, as the rows answer it) is at least this. */
  min_open_rate: z.coerce.number().min(0).max(1).optional(),
  /** Only campaigns whose click rate (a fraction, as the rows answer it) is at least this. */
  min_click_rate: z.coerce.number().min(0).max(1).optional(),
});

/** An A/B test shown as one campaign: its versions and whether the winner went to everyone else. */
export const CampaignAbSummary = z.object({
  versions: z.number().int().positive(),
  winner: z.enum(['sending', 'sent']).nullable(),
});
export const ProcessQueueResult = z.object({
  campaign_id: CampaignId,
  /** Which Odoo queue was run once: null when the campaign waited in none (nothing was run). */
  ran: z.enum(['mailing_queue', 'mail_queue']).nullable(),
  progress: SendProgress.nullable(),
});
export const CampaignRow = z.object({
  ...CampaignHeading,
  recipients: z.number().int().nonnegative(),
  open_rate: Rate,
  click_rate: Rate,
  /** Present when the campaign is an A/B test: its other versions and its winner are not rows of their own. */
  ab_test: CampaignAbSummary.optional(),
  /** Only while the campaign is sending. */
  progress: SendProgress.optional(),
});
export const CampaignsResult = z.object({ campaigns: z.array(CampaignRow), total: z.number().int().nonnegative(), ...Freshness });

export const Overview = z.object({
  subscribers: z.number().int().nonnegative(),
  campaigns_sent: z.number().int().nonnegative(),
  average_open_rate: Rate,
  average_click_rate: Rate,
  recent_campaigns: z.array(CampaignRow),
  ...Freshness,
});
