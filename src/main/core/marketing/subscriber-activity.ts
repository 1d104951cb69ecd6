import { z } from 'zod';
import { odooDatetime, odooDatetimeField, parseRecords, toOdooDatetime, type Domain, type OdooClient } from '../odoo';

/** Statuses that Odoo still mails: delivered, opened or replied (odoo18-wire/113, 126). */
export const RECEIVED = ['sent', 'open', 'reply'];

export interface Activity {
  received: number;
  lastOpened: Date | null;
}

/**
 * How many of the store's campaigns each contact of a page received, and their latest open, in an
 * answer that grows with the rows shown, not with their square. Odoo 18's read_group by res_id is
 * not that: it copies the request domain, with its list of the page's ids, into every group's
 * "__domain" (odoo18-wire/048), so 50 rows cost ~25 KB and 200 rows ~300 KB.
 * - Odoo 19+: one formatted_read_group by res_id, whose groups carry only their own
 *   "__extra_domain" (odoo19-json2-wire/059): 120 bytes for a contact who opened.
 * - Odoo 18 (latestOpens18): no per-contact maximum without a per-contact domain copy, so the
 *   latest opens are read as opens, few per contact.
 */
export async function traceActivity(odoo: OdooClient, contactIds: number[], onTheirCampaigns: Domain, now: Date): Promise<Map<number, Activity>> {
  const out = new Map<number, Activity>();
  if (contactIds.length === 0) return out;
  const mine: Domain = [['model', '=', 'mailing.contact'], ['res_id', 'in', contactIds], ['trace_status', 'in', RECEIVED], ...onTheirCampaigns];
  const { major } = await odoo.version();
  if (major >= 19) {
    for (const row of parseRecords(GroupRow, await odoo.readGroup('mailing.trace', mine, ['open_datetime:max'], ['res_id']), 'mailing.trace')) {
      out.set(row.res_id, { received: row.__count, lastOpened: row.open_datetime });
    }
    return out;
  }
  await latestOpens18(odoo, mine, onTheirCampaigns, now, out);
  return out;
}

/** The calendar months (UTC) whose opens Odoo 18 counts per contact first: this one and the two before, newest first. */
const RECENT_MONTHS = 3;

function recentMonths(now: Date): { number: number; start: string }[] {
  return Array.from({ length: RECENT_MONTHS }, (_, back) => {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    return { number: start.getUTCMonth() + 1, start: toOdooDatetime(start) };
  });
}

/**
 * Odoo 18, in three calls of which the first two run together (read_progress_bar copies no domain):
 * 1. the traces per contact (bar field trace_type, "mail" on every trace of a mailing): ~22 bytes a row;
 * 2. each contact's opens in each of the last three calendar months (bar field
 *    "open_datetime:month_number", tz UTC), only for contacts who opened since: ~28 bytes;
 * 3. one read_group group whose two array_agg aggregates list the opens that can hold each
 *    contact's latest, in the same order (~29 bytes an open, the domain copied once): from the
 *    start of the latest month with an open on, and every open of the others (who last opened
 *    before those months, or never).
 * Exact whatever the clock: an open after the listed months is read with them.
 */
async function latestOpens18(odoo: OdooClient, mine: Domain, onTheirCampaigns: Domain, now: Date, out: Map<number, Activity>): Promise<void> {
  const months = recentMonths(now);
  const oldest = months[months.length - 1]?.start ?? '';
  const [bars, recent] = await Promise.all([
    odoo.call('mailing.trace', 'read_progress_bar', [], { domain: mine, group_by: 'res_id', progress_bar: { field: 'trace_type', colors: { mail: '' } } }, { mutating: false }),
    odoo.call('mailing.trace', 'read_progress_bar', [], {
      domain: [...mine, ['open_datetime', '>=', oldest]], group_by: 'res_id',
      progress_bar: { field: 'open_datetime:month_number', colors: months.map((m) => m.number) }, context: { tz: 'UTC' },
    }, { mutating: false }),
  ]);
  for (const [key, counts] of Object.entries(Bars.parse(bars))) out.set(Number(key), { received: counts.mail ?? 0, lastOpened: null });
  const since = new Map<string, number[]>();
  const recentOpeners = new Set<number>();
  for (const [key, byMonth] of Object.entries(Bars.parse(recent))) {
    recentOpeners.add(Number(key));
    const latest = months.find((m) => (byMonth[String(m.number)] ?? 0) > 0)?.start ?? oldest;
    since.set(latest, [...(since.get(latest) ?? []), Number(key)]);
  }
  const others = [...out.keys()].filter((id) => !recentOpeners.has(id));
  const parts: Domain[] = [...since].map(([start, ids]) => ['&', ['res_id', 'in', ids], ['open_datetime', '>=', start]]);
  if (others.length > 0) parts.push([['res_id', 'in', others]]);
  if (parts.length === 0) return;
  const anyOf: Domain = [...Array<string>(parts.length - 1).fill('|'), ...parts.flat()];
  const theirs: Domain = [['model', '=', 'mailing.contact'], ['trace_status', 'in', RECEIVED], ...onTheirCampaigns, ['open_datetime', '!=', false], ...anyOf];
  // One group (every trace of a mailing has trace_type "mail"), so the domain is copied once; the two
  // arrays are in one order (by trace id: READ_GROUP_AGGREGATE's array_agg).
  for (const group of parseRecords(OpenArrays, await odoo.readGroup('mailing.trace', theirs, ['res_id:array_agg', 'open_datetime:array_agg'], ['trace_type']), 'mailing.trace')) {
    group.res_id.forEach((resId, i) => {
      const entry = out.get(resId);
      const at = odooDatetime(group.open_datetime[i] ?? '');
      if (entry && at && (!entry.lastOpened || at > entry.lastOpened)) entry.lastOpened = at;
    });
  }
}

/** One group per contact: how many traces, and the latest open (false when none, Odoo's empty value). */
const GroupRow = z.object({ res_id: z.number().int(), __count: z.number().int().nonnegative(), open_datetime: odooDatetimeField });
/** The single group's opens: two arrays in one order (array_agg orders by trace id). */
const OpenArrays = z.object({ res_id: z.array(z.number().int()), open_datetime: z.array(z.string()) });
/** read_progress_bar: {"<res_id>": {"<bar value>": count}} (addons/web/models/models.py 18.0: every listed value, zeros included). */
const Bars = z.record(z.string().regex(/^\d+$/), z.record(z.string(), z.number().int().nonnegative()));
