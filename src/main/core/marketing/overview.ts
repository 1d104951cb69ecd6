import { z } from 'zod';
import type { ListsResult, Overview } from '../../../shared/schemas/marketing';
import { odooDatetimeField, parseRecords, type OdooClient } from '../odoo';
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

/**
 * Three calls whatever the store's size, all at once: the store's lists (and whether it exists),
 * Odoo's count of the people a campaign to all its lists would reach, and the statistics of
 * every sent campaign (computed in one query by Odoo, odoo18-wire/244).
 */
export async function overview(odoo: OdooClient, storeId: string, now: Date): Promise<z.infer<typeof Overview>> {
  const [, subscribers, rows] = await Promise.all([
    // Only proves the store exists (an unknown store is not_found, not an empty overview).
    storeLists(odoo, storeId),
    // The store's lists are reached through the subscription itself, so this needs no list ids first.
    estimateRecipients(odoo, reachableWhere([`list_id.${STORE_FIELD}`, '=', storeId])),
    odoo.searchRead('mailing.mailing', [...storeMailings(storeId), ['state', '=', 'done']], MAILING_FIELDS, { order: 'sent_date desc, id desc' }),
  ]);
  const mailings = parseMailings(rows);
  const sent = mailings.filter((m) => campaignStatus(m, now) === 'sent');
  const rated = sent.filter((m) => m.delivered > 0);
  return {
    subscribers,
    campaigns_sent: sent.length,
    average_open_rate: average(rated.map(openRate)),
    average_click_rate: average(rated.map(clickRate)),
    recent_campaigns: mailings.slice(0, RECENT_CAMPAIGNS).map((m) => toCampaignRow(m, now)),
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
        last_campaign: last
          ? { campaign_id: campaignIdOf(last), subject: last.subject || '', sent_date: last.sent_date ? last.sent_date.toISOString() : null }
          : null,
      };
    }),
  };
}
