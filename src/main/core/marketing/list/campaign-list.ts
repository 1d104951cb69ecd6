import { z } from 'zod';
import type { CampaignsQuery, CampaignsResult } from '../../../../shared/schemas/marketing';
import { toOdooDatetime, type Domain, type OdooClient } from '../../odoo';
import { MAILING_FIELDS, parseMailings, storeMailings, toCampaignRow, type MailingRecord } from '../mailings';
import { clickRate, openRate } from '../stats';
import { statusDomain } from '../status';
import { storeLists } from '../stores';
import { readAbGroups, type AbGroups } from './ab-groups';

export type CampaignListQuery = Omit<z.output<typeof CampaignsQuery>, 'sort' | 'direction'> & Partial<Pick<z.output<typeof CampaignsQuery>, 'sort' | 'direction'>>;

const SPECIFICATION = Object.fromEntries(MAILING_FIELDS.map((f) => [f, {}]));
const WebPage = z.object({ length: z.number().int().nonnegative(), records: z.array(z.unknown()) });

/**
 * calendar_date is Odoo's date of a mailing on its calendar (mailing.py _compute_calendar_date):
 * the send date once done, the next departure while queued, empty for a draft. It is stored (it is
 * in _order, odoo18-wire/244), so a date range pages in Odoo.
 */
function dateRange(query: CampaignListQuery): Domain {
  return [
    ...(query.from ? [['calendar_date', '>=', toOdooDatetime(new Date(query.from))]] : []),
    ...(query.to ? [['calendar_date', '<', toOdooDatetime(new Date(query.to))]] : []),
  ];
}

/**
 * Odoo's own order for the date (odoo18-wire/244: "calendar_date desc, id desc"). The rates are
 * computed, unstored statistics Odoo cannot sort or search by, so sorting or filtering by a rate
 * reads the matching campaigns' figures in one call and pages here.
 */
function byRate(query: CampaignListQuery): boolean {
  return (query.sort ?? 'date') !== 'date' || query.min_open_rate !== undefined || query.min_click_rate !== undefined;
}

/** A rate (a percentage, as stats.ts gives it) at least the query's fraction; no minimum keeps all. */
const atLeast = (rate: number, minimum: number | undefined) => minimum === undefined || rate / 100 >= minimum - 1e-9;

function rateOrder(rows: MailingRecord[], query: CampaignListQuery): MailingRecord[] {
  const kept = rows.filter((m) => atLeast(openRate(m), query.min_open_rate) && atLeast(clickRate(m), query.min_click_rate));
  if ((query.sort ?? 'date') === 'date') return kept;
  const rate = query.sort === 'open_rate' ? openRate : clickRate;
  const sign = query.direction === 'asc' ? 1 : -1;
  return [...kept].sort((a, b) => sign * (rate(a) - rate(b)) || b.id - a.id);
}

/**
 * The A/B versions each store's last listing hid, by store id. The page's domain needs them, so without
 * them the page waits for the A/B read; with them both go out at once, and the page is asked again only
 * when the fresh A/B read hides other mailings (a test made or changed since), so the answer is always
 * the fresh one.
 */
export type HiddenVersions = Map<string, readonly number[]>;

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

async function readPage(odoo: OdooClient, query: CampaignListQuery, now: Date, hidden: readonly number[]): Promise<{ total: number; page: MailingRecord[] }> {
  const domain: Domain = [
    ...storeMailings(query.storeId),
    ...(query.status ? statusDomain(query.status, now) : []),
    ...(query.search ? [['subject', 'ilike', query.search]] : []),
    ...dateRange(query),
    // An A/B test is one campaign: its other versions and its winner are part of its row.
    ...(hidden.length > 0 ? [['id', 'not in', [...hidden]]] : []),
  ];
  const direction = query.direction ?? 'desc';
  const order = (query.sort ?? 'date') === 'date' ? `calendar_date ${direction}, id ${direction}` : 'calendar_date desc, id desc';
  if (byRate(query)) {
    const all = rateOrder(parseMailings(await odoo.searchRead('mailing.mailing', domain, MAILING_FIELDS, { order })), query);
    return { total: all.length, page: all.slice(query.offset, query.offset + query.limit) };
  }
  // web_search_read answers the page and the count of all matches in one call (odoo18-wire/045):
  // with the A/B read beside it, the list stays at two calls.
  const answer = WebPage.parse(await odoo.call('mailing.mailing', 'web_search_read', [], {
    domain, specification: SPECIFICATION, order, limit: query.limit, offset: query.offset,
  }, { mutating: false }));
  return { total: answer.length, page: parseMailings(answer.records) };
}

export async function listCampaigns(odoo: OdooClient, query: CampaignListQuery, now: Date, hiddenBefore: HiddenVersions = new Map()): Promise<z.infer<typeof CampaignsResult>> {
  const known = hiddenBefore.get(query.storeId);
  const abRead = readAbGroups(odoo, query.storeId);
  let groups: AbGroups;
  let answer: { total: number; page: MailingRecord[] };
  if (known) {
    [groups, answer] = await Promise.all([abRead, readPage(odoo, query, now, known)]);
    if (!sameIds(groups.hidden, known)) answer = await readPage(odoo, query, now, groups.hidden);
  } else {
    groups = await abRead;
    answer = await readPage(odoo, query, now, groups.hidden);
  }
  const { total, page } = answer;
  // An empty answer may mean an unknown store: only then is the store looked up.
  if (total === 0) await storeLists(odoo, query.storeId);
  hiddenBefore.set(query.storeId, groups.hidden);
  return {
    campaigns: page.map((m) => {
      const test = groups.tests.get(m.id);
      return { ...toCampaignRow(m, now), ...(test ? { ab_test: test } : {}) };
    }),
    total,
  };
}
