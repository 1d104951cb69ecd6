import { z } from 'zod';
import type { CampaignStats } from '../../../shared/schemas/marketing';

/**
 * mailing.mailing's statistics are computed from its mailing.trace rows in one SQL query per read
 * (odoo18-wire/112, 125), so reading them for many mailings in one search_read costs one call.
 * In Odoo 18 (112, 125):
 * - expected = every trace; canceled = traces canceled before sending (opt-out, blacklist, invalid)
 * - sent = traces with a sent_datetime (bounced ones included); delivered = sent/open/reply
 * - opened = open/reply (a click also marks the trace opened, 121-122); clicked = traces with a click
 * Each figure counts recipients, one trace per recipient: Odoo has no "total opens". Our
 * `opened` and `unique_opened` are therefore the same number until SendGrid's event counts are
 * merged in (issue 4); likewise clicked / unique_clicked.
 */
export const STAT_FIELDS = ['expected', 'scheduled', 'process', 'pending', 'sent', 'delivered', 'opened', 'clicked', 'replied', 'bounced', 'failed', 'canceled'] as const;

const count = z.number().int().nonnegative();
export const MailingStats = z.object({
  expected: count, scheduled: count, process: count, pending: count, sent: count, delivered: count,
  opened: count, clicked: count, replied: count, bounced: count, failed: count, canceled: count,
});
export type MailingStats = z.infer<typeof MailingStats>;

/** Percent, 0–100 with one decimal; 0 when there is nothing to divide by. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(100, Math.round((1000 * part) / whole) / 10);
}

/**
 * Odoo's own denominators (odoo18-wire/125: delivered 4, opened 3, clicked 2, bounced 1,
 * expected 8, canceled 3 → opened_ratio 75.0, clicks_ratio 50.0, bounced_ratio 20.0,
 * received_ratio 80.0): open and click rates are over *delivered* mails, bounce and reception
 * rates over the mails Odoo tried to send (expected − canceled). We use the same, so our
 * figures match what the store owner sees in Odoo, rounded to one decimal.
 */
export const openRate = (s: MailingStats): number => percent(s.opened, s.delivered);
export const clickRate = (s: MailingStats): number => percent(s.clicked, s.delivered);

/** The people Odoo tried to mail: every recipient but those canceled before sending. */
export const attempted = (s: MailingStats): number => Math.max(0, s.expected - s.canceled);

export function campaignStats(s: MailingStats, unsubscribed: number): z.infer<typeof CampaignStats> {
  return {
    sent: s.sent,
    delivered: s.delivered,
    bounced: s.bounced,
    opened: s.opened,
    unique_opened: s.opened,
    clicked: s.clicked,
    unique_clicked: s.clicked,
    unsubscribed,
    open_rate: openRate(s),
    click_rate: clickRate(s),
  };
}
