import { z } from 'zod';
import type { ListsResult, Overview } from '../../../shared/schemas/marketing';
import type { OverviewTrends } from '../../../shared/schemas/marketing-views';
import { odooDatetimeField, parseRecords, toOdooDatetime, type OdooClient } from '../odoo';
import { AB_MARK_FIELDS, abTestsAsCampaigns } from './ab/as-campaigns';
import { CAMPAIGN_FIELD, campaignIdOf, MAILING_FIELDS, parseMailings, storeMailings, toCampaignRow } from './mailings';
import { estimateRecipients, reachableWhere } from './segments';
import { clickRate, openRate, percent } from './stats';
import { campaignStatus } from './status';
import { STORE_FIELD, storeLists, unknownStore } from './stores';

export const RECENT_CAMPAIGNS = 5;

/** The mean of the campaigns' own rates, one decimal: what "average open rate" means to a marketer. */
function average(values: number[]): number {
  if (values.length === 0) return 0;
  return percent(values.reduce((a, b) => a + b, 0), 100 * values.length);
}

/** The trend compares the last 30 days with the 30 before: a month is how owners read their newsletter. */
export const TREND_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Who was reachable `at` an earlier instant, as closely as Odoo can tell: in the store's lists
 * by then (the subscription's date, or the contact's when Odoo left it empty, odoo18-wire/060) and
 * not opted out then. The blacklist has no history, so today's one applies.
 */
function reachableAt(storeId: string, at: Date): unknown[] {
  const then = toOdooDatetime(at);
  return [
    ['create_date', '<=', then],
    ['subscription_ids', 'any', [
      [`list_id.${STORE_FIELD}`, '=', storeId],
      '|', ['create_date', '=', false], ['create_date', '<=', then],
      '|', ['opt_out', '=', false], ['opt_out_datetime', '>', then],
    ]],
    ['is_blacklisted', '=', false],
    ['email_normalized', '!=', false],
  ];
}

/**
 * Three calls whatever the store's size, all at once: Odoo's count of the people a campaign to all
 * the store's lists would reach, the same count as it was a period ago (the trend), and the
 * statistics of every sent campaign (computed in one query by Odoo, odoo18-wire/244), which also
 * give the campaign trends. A store with neither subscribers nor campaigns may not exist at all:
 * only then are its lists looked up (a fourth call) so an unknown store is not_found.
 */
export async function overview(odoo: OdooClient, storeId: string, now: Date): Promise<z.infer<typeof Overview> & { trends: z.infer<typeof OverviewTrends> }> {
  const periodStart = new Date(now.getTime() - TREND_DAYS * DAY_MS);
  const previousStart = new Date(now.getTime() - 2 * TREND_DAYS * DAY_MS);
  const [subscribers, subscribersBefore, rows] = await Promise.all([
    // The store's lists are reached through the subscription itself, so this needs no list ids first.
    estimateRecipients(odoo, reachableWhere([`list_id.${STORE_FIELD}`, '=', storeId])),
    odoo.searchCount('mailing.contact', reachableAt(storeId, periodStart)),
    odoo.searchRead('mailing.mailing', [...storeMailings(storeId), ['state', '=', 'done']], [...MAILING_FIELDS, ...AB_MARK_FIELDS], { order: 'sent_date desc, id desc' }),
  ]);
  if (subscribers === 0 && rows.length === 0) await storeLists(odoo, storeId);
  // An A/B test is one campaign sent, not one per version and winner.
  const { mailings, tests } = abTestsAsCampaigns(parseMailings(rows), rows);
  const sent = mailings.filter((m) => campaignStatus(m, now) === 'sent');
  const rated = sent.filter((m) => m.delivered > 0);
  const sentBetween = (from: Date, to: Date) => sent.filter((m) => m.sent_date !== null && m.sent_date > from && m.sent_date <= to);
  const current = sentBetween(periodStart, now);
  const previous = sentBetween(previousStart, periodStart);
  const ratedIn = (list: typeof sent) => list.filter((m) => m.delivered > 0);
  return {
    subscribers,
    campaigns_sent: sent.length,
    average_open_rate: average(rated.map(openRate)),
    average_click_rate: average(rated.map(clickRate)),
    recent_campaigns: mailings.slice(0, RECENT_CAMPAIGNS).map((m) => {
      const test = tests.get(m.id);
      return { ...toCampaignRow(m, now), ...(test ? { ab_test: test } : {}) };
    }),
    trends: {
      period_days: TREND_DAYS,
      subscribers: { current: subscribers, previous: subscribersBefore },
      campaigns_sent: { current: current.length, previous: previous.length },
      average_open_rate: { current: average(ratedIn(current).map(openRate)), previous: average(ratedIn(previous).map(openRate)) },
      average_click_rate: { current: average(ratedIn(current).map(clickRate)), previous: average(ratedIn(previous).map(clickRate)) },
    },
  };
}

const ListStats = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  contact_count: z.number().int().nonnegative(),
  contact_count_email: z.number().int().nonnegative(),
});
const LastSent = z.object({
  id: z.number().int().positive(),
  subject: z.union([z.string(), z.literal(false)]),
  sent_date: odooDatetimeField,
  contact_list_ids: z.array(z.number().int()),
  [CAMPAIGN_FIELD]: z.union([z.string(), z.literal(false)]),
});

/**
 * The store's lists with Odoo's own figures (odoo18-wire/040): contact_count counts every
 * subscription; contact_count_email those with a valid address, not opted out and not
 * blacklisted, which is who a campaign would reach: our active_contacts.
 * Two calls at once: the lists, and the sent mailings of those lists (light fields) for each list's last one.
 */
export async function lists(odoo: OdooClient, storeId: string): Promise<z.infer<typeof ListsResult>> {
  const [listRows, sentRows] = await Promise.all([
    odoo.searchRead('mailing.list', [[STORE_FIELD, '=', storeId]], ['id', 'name', 'contact_count', 'contact_count_email'], { order: 'id asc' }),
    // Every sent mailing of the store's lists, Markket's or not (a campaign made in Odoo is still the last one).
    odoo.searchRead('mailing.mailing', [[`contact_list_ids.${STORE_FIELD}`, '=', storeId], ['state', '=', 'done']], ['id', 'subject', 'sent_date', 'contact_list_ids', CAMPAIGN_FIELD], {
      order: 'sent_date desc, id desc',
    }),
  ]);
  const storeListRows = parseRecords(ListStats, listRows, 'mailing.list');
  if (storeListRows.length === 0) throw unknownStore(storeId);
  const sent = parseRecords(LastSent, sentRows, 'mailing.mailing');
  return {
    lists: storeListRows.map((l) => {
      const last = sent.find((m) => m.contact_list_ids.includes(l.id));
      return {
        id: l.id,
        name: l.name,
        contact_count: l.contact_count,
        active_contacts: l.contact_count_email,
        last_campaign: last?.sent_date ? last.sent_date.toISOString() : null,
        last_campaign_detail: last
          ? { campaign_id: campaignIdOf(last), subject: last.subject || '', sent_date: last.sent_date ? last.sent_date.toISOString() : null }
          : null,
      };
    }),
  };
}
