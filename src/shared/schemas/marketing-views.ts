import { z } from 'zod';
import { CampaignId, IsoDateTime, PositiveId, QueryInt, Rate, StoreId } from './common';
import { CampaignStatus, Freshness, Segment, SubscriberStatus } from './marketing';
import { TemplateValues } from '../email/template-values';

/**
 * What the console's views need beyond the spec's Dashboard API (issue 6): the editor's live
 * estimate and pre-send check, draft editing, the stats view's report and recipient table,
 * the subscriber drawer, tags and bulk actions. Field names follow the spec's snake_case.
 */

const CampaignRefFields = { storeId: StoreId, campaignId: CampaignId };

export const EstimateInput = z.strictObject({ storeId: StoreId, list_id: PositiveId, segment: Segment.default('all') });
export const EstimateResult = z.object({
  /** Who the campaign would reach: Odoo's count of the segment's domain (opted-out and blacklisted excluded). */
  estimated_recipients: z.number().int().nonnegative(),
  /** Everyone reachable on the list (the "all" segment), to show "312 of 1,250". */
  list_total: z.number().int().nonnegative(),
  /** Offline: the last count Odoo gave for this list and segment, "as of" when. */
  ...Freshness,
});

export const UpdateCampaignInput = z.strictObject({
  ...CampaignRefFields,
  subject: z.string().trim().min(1, 'is required').max(255).optional(),
  preview_text: z.string().max(255).optional(),
  email_from: z.string().max(255).optional(),
  /** A new template re-renders the body from its active version. */
  sendgrid_template_id: z.string().trim().min(1).max(100).optional(),
  /**
   * The template's campaign-wide values (`discount_code`, `ends_on`), written into the body for
   * every recipient. Given values replace the kept ones by name; an empty one clears it.
   */
  template_values: TemplateValues.optional(),
  /** The body_version the editor opened (marketing.campaigns.body.get): a new template is refused if Odoo's email changed since. */
  base_body: z.string().min(1).max(64).optional(),
  /** Needed for a new template to replace an email that was changed or written in Odoo. */
  replace_odoo_edits: z.boolean().optional(),
  list_id: PositiveId.optional(),
  segment: Segment.optional(),
  /**
   * The audience `version` the editor opened (marketing.campaigns.get): a list or segment change is
   * refused as a conflict when Odoo's audience has changed since, instead of overwriting it.
   */
  base_audience: z.string().min(1).max(64).optional(),
  /** A future instant keeps the draft scheduled for it; null makes it a send-now draft. */
  schedule: IsoDateTime.nullable().optional(),
});
export const UpdateCampaignResult = z.object({
  campaign_id: CampaignId,
  odoo_campaign_id: PositiveId,
  status: CampaignStatus,
  scheduled_for: IsoDateTime.nullable(),
  estimated_recipients: z.number().int().nonnegative(),
  changed: z.boolean(),
  /** Handlebars fields of the body Odoo has no value for (shown by the pre-send check too). */
  unmapped_fields: z.array(z.string()),
  /** The audience version Odoo holds after this edit: the `base_audience` of the next audience change. */
  audience_version: z.string(),
});

export const PrecheckCode = z.enum([
  'not_draft', 'made_in_odoo', 'empty_subject', 'empty_body', 'placeholder_body', 'foreign_body', 'no_unsubscribe_link', 'unmapped_template_fields',
  'insecure_links', 'no_recipients', 'suppressed_recipients', 'suppressions_unchecked',
  // A/B tests (issue 17): checked on the version sent and on every other version of its test.
  'ab_single_version', 'ab_versions_identical', 'ab_version_problem', 'ab_share_too_large', 'ab_winner_date_past', 'ab_small_test',
]);

export const SendCampaignInput = z.strictObject({
  ...CampaignRefFields,
  /** Absent: the draft's own schedule decides. An instant: schedule for it. null: send now. */
  schedule: IsoDateTime.nullable().optional(),
  /**
   * The pre-send check's warnings the sender has read and accepts, by code. The server runs the
   * check again on every send: an error, or a warning not named here, refuses it (precheck.failed).
   */
  acknowledge: z.array(PrecheckCode).max(20).optional(),
});

/** The calendar's move: another date (and time) for a scheduled campaign or a dated draft; nothing else changes. */
export const MoveCampaignInput = z.strictObject({
  ...CampaignRefFields,
  /** The new instant; it must be ahead. The calendar keeps the time of day and changes the day. */
  schedule: IsoDateTime,
  /** Warnings of the pre-send check the person accepts for a scheduled campaign, as for a send. */
  acknowledge: z.array(PrecheckCode).max(20).optional(),
});
export const MoveCampaignResult = z.object({
  campaign_id: CampaignId,
  odoo_campaign_id: PositiveId,
  /** Still what it was: scheduled stays scheduled, a draft stays a draft. */
  status: CampaignStatus,
  scheduled_for: IsoDateTime,
  estimated_recipients: z.number().int().nonnegative(),
  /** false when it already was on that date. */
  changed: z.boolean(),
});

/** A draft deleted from Odoo (its mailing unlinked); sent, scheduled and Odoo-made mailings are refused. */
export const DeleteCampaignResult = z.object({ campaign_id: CampaignId, odoo_campaign_id: PositiveId, deleted: z.literal(true) });

export const CancelCampaignResult = z.object({ campaign_id: CampaignId, odoo_campaign_id: PositiveId, status: CampaignStatus, changed: z.boolean() });

export const DuplicateCampaignInput = z.strictObject({ ...CampaignRefFields, client_request_id: z.string().min(8).max(128).optional() });
export const DuplicateCampaignResult = z.object({
  campaign_id: CampaignId,
  odoo_campaign_id: PositiveId,
  duplicated_from: CampaignId,
  status: CampaignStatus,
});

export const PrecheckIssue = z.object({
  code: PrecheckCode,
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export const PrecheckResult = z.object({
  campaign_id: CampaignId,
  /** No error: the campaign may be sent (warnings are shown and acknowledged). */
  ok: z.boolean(),
  recipients: z.number().int().nonnegative(),
  issues: z.array(PrecheckIssue),
});

const Count = z.number().int().nonnegative();
export const TimeBucket = z.object({ at: IsoDateTime, opens: Count, clicks: Count });
export const CampaignReport = z.object({
  campaign_id: CampaignId,
  odoo_campaign_id: PositiveId,
  made_in_odoo: z.boolean(),
  funnel: z.object({ expected: Count, canceled: Count, sent: Count, delivered: Count, opened: Count, clicked: Count, bounced: Count, failed: Count }),
  /** First opens and first clicks per recipient, by hour for the first two days after sending, by day after. */
  timeline: z.object({ granularity: z.enum(['hour', 'day']), buckets: z.array(TimeBucket) }),
  bounces: z.object({ hard: Count, soft: Count, block: Count, dropped: Count }),
  /** Human opens apart from machine opens (Apple Mail Privacy Protection), from SendGrid's events. */
  opens: z.object({ unique: Count, total: Count.nullable(), human: Count.nullable(), machine: Count.nullable() }),
  clicks: z.object({ unique: Count, total: Count.nullable() }),
  top_links: z.array(z.object({ url: z.string(), clicks: Count, unique_clicks: Count.nullable() })),
  unsubscribes_from_events: Count.nullable(),
  /** Where the figures came from: Odoo always; SendGrid's stats and the webhook's events when there. */
  sources: z.array(z.enum(['odoo', 'sendgrid', 'events'])),
  ...Freshness,
});

export const RecipientFilter = z.enum(['all', 'opened', 'clicked', 'bounced', 'not_opened']);
export const RecipientStatus = z.enum(['queued', 'sent', 'opened', 'clicked', 'replied', 'bounced', 'failed', 'canceled']);
export const RecipientsQuery = z.strictObject({
  ...CampaignRefFields,
  filter: RecipientFilter.default('all'),
  limit: QueryInt(1, 500).default(50),
  offset: QueryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  search: z.string().trim().max(200).optional(),
});
export const Recipient = z.object({
  email: z.string(),
  name: z.string(),
  contact_id: PositiveId.nullable(),
  status: RecipientStatus,
  sent_at: IsoDateTime.nullable(),
  opened_at: IsoDateTime.nullable(),
  clicked_at: IsoDateTime.nullable(),
  bounce_reason: z.string().nullable(),
});
export const RecipientsResult = z.object({ recipients: z.array(Recipient), total: Count });

export const SubscriberRef = z.strictObject({ storeId: StoreId, id: QueryInt(1, Number.MAX_SAFE_INTEGER) });
export const SubscriberHistoryEntry = z.object({
  campaign_id: CampaignId,
  subject: z.string(),
  sent_at: IsoDateTime.nullable(),
  opened_at: IsoDateTime.nullable(),
  clicked_at: IsoDateTime.nullable(),
  bounced: z.boolean(),
  status: RecipientStatus,
});
export const SubscriberDetail = z.object({
  id: PositiveId,
  email: z.string(),
  name: z.string(),
  created_at: IsoDateTime.nullable(),
  status: SubscriberStatus,
  blacklisted: z.boolean(),
  bounces: Count,
  tags: z.array(z.string()),
  lists: z.array(z.object({
    id: PositiveId, name: z.string(), opted_out: z.boolean(), subscribed_date: IsoDateTime.nullable(), opted_out_date: IsoDateTime.nullable(),
    /** Why they left this list, as they picked it on Odoo's unsubscribe page; null when none was given. */
    opted_out_reason: z.string().nullable().optional(),
  })),
  campaigns: z.array(SubscriberHistoryEntry),
});

export const TagsResult = z.object({ tags: z.array(z.object({ name: z.string(), count: Count })) });

export const BulkInput = z.strictObject({
  storeId: StoreId,
  ids: z.array(PositiveId).min(1).max(5000),
  action: z.enum(['tag', 'untag', 'unsubscribe']),
  tag: z.string().trim().min(1).max(100).optional(),
}).refine((v) => v.action === 'unsubscribe' || v.tag !== undefined, { path: ['tag'], message: 'is required to tag or untag' });
export const BulkResult = z.object({ changed: Count });

const Trend = z.object({ current: z.number(), previous: z.number() });
/** Last `period_days` against the `period_days` before, for the overview's headline figures. */
export const OverviewTrends = z.object({
  period_days: z.number().int().positive(),
  subscribers: Trend,
  campaigns_sent: Trend,
  average_open_rate: z.object({ current: Rate, previous: Rate }),
  average_click_rate: z.object({ current: Rate, previous: Rate }),
});
