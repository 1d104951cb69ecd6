import { z } from 'zod';
import { CampaignId, IsoDateTime, PositiveId, StoreId } from './common';
import { CampaignRef } from './marketing';
import { PrecheckCode } from './marketing-views';

/** How Odoo picks the winner (ab_testing_winner_selection): by open rate, click rate, or the person. */
export const WinnerSelection = z.enum(['opens', 'clicks', 'manual']);
export const VersionLabel = z.enum(['A', 'B', 'C']);

/**
 * One more version of the campaign. Each differs from version A in what it names; a body version
 * starts as a copy of A's email and is edited in the email editor under its own campaign id.
 */
export const VersionInput = z.strictObject({
  subject: z.string().trim().min(1, 'is required').max(250).optional(),
  sender_name: z.string().trim().min(1, 'is required').max(120).optional(),
});

export const SaveAbTestInput = z.strictObject({
  storeId: StoreId,
  campaignId: CampaignId,
  /** The other versions besides the campaign itself (A): one or two. */
  versions: z.array(VersionInput).min(1).max(2),
  /** The share of the audience that gets a test version, split evenly between versions (Odoo's ab_testing_pc each). */
  test_share_pc: z.number().int().min(2).max(100),
  winner_selection: WinnerSelection,
  /** When Odoo's A/B cron picks the winner and sends it to everyone else. */
  send_winner_at: IsoDateTime,
});

export const AbVersion = z.object({
  label: VersionLabel,
  campaign_id: CampaignId,
  odoo_campaign_id: PositiveId,
  subject: z.string(),
  sender: z.string(),
  status: z.string(),
  share_pc: z.number().int().nonnegative(),
  /** Before sending, the people this version would mail (Odoo's total); after, the mails it sent. */
  recipients: z.number().int().nonnegative(),
  delivered: z.number().int().nonnegative(),
  opened: z.number().int().nonnegative(),
  clicked: z.number().int().nonnegative(),
  open_rate: z.number(),
  click_rate: z.number(),
});

export const AbWinner = z.object({
  /** The version Odoo copied for everyone else. */
  from_label: VersionLabel.nullable(),
  campaign_id: z.string(),
  odoo_campaign_id: PositiveId,
  status: z.string(),
  sent_date: IsoDateTime.nullable(),
  /** Everyone the test versions did not reach (Odoo's remaining recipients), once sent: the mails it sent. */
  recipients: z.number().int().nonnegative(),
  chosen_by: z.enum(['opens', 'clicks', 'replies', 'manual']),
});

export const AbComparison = z.object({
  metric: z.enum(['open_rate', 'click_rate']),
  leader: VersionLabel.nullable(),
  /** Percentage points between the two best versions. */
  difference: z.number(),
  /** A two-proportion z-test at 95 %. */
  significant: z.boolean(),
  note: z.string(),
});

export const AbTest = z.object({
  campaign_id: CampaignId,
  enabled: z.boolean(),
  test_share_pc: z.number().int().nonnegative(),
  winner_selection: WinnerSelection.nullable(),
  send_winner_at: IsoDateTime.nullable(),
  versions: z.array(AbVersion),
  winner: AbWinner.nullable(),
  comparison: AbComparison.nullable(),
});

export const PickWinnerInput = CampaignRef.extend({
  /** The version to send to everyone else now; absent, Odoo picks by the test's winner selection. */
  version: VersionLabel.optional(),
  /** The winner's pre-send check warnings the person read and accepts, as for any send. */
  acknowledge: z.array(PrecheckCode).max(20).optional(),
});
