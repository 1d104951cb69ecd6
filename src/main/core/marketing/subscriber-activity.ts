import { z } from 'zod';
import { odooDatetime, odooDatetimeField, parseRecords, type Domain, type OdooClient } from '../odoo';

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
 *   "__extra_domain" (odoo19-json2-wire/059): ~120 bytes a row.
 * - Odoo 18: read_progress_bar (the kanban counters, which copy no domain) counts the traces per
 *   contact, and at the same time one search_read takes the page's latest opens, newest first, as
 *   many as there are rows: a contact's first trace in it is its latest open. Only contacts whose
 *   latest open is older than all of those need one more call: a read_group with a single group
 *   whose array_agg aggregates list those contacts' older opens (~28 bytes an open; the domain
 *   copied once). Odoo 18 offers no per-contact maximum without a per-contact domain copy, so this
 *   grows with how often those few contacts opened, not with the page's square: ~130–215 bytes a
 *   row on the demo (tests/integration/marketing/page-bytes).
 */
export async function traceActivity(odoo: OdooClient, contactIds: number[], onTheirCampaigns: Domain): Promise<Map<number, Activity>> {
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
  const [bars, opens] = await Promise.all([
    // Any field with one value on every trace does as the bar's field: trace_type is "mail" on a mailing's traces.
    odoo.call('mailing.trace', 'read_progress_bar', [], { domain: mine, group_by: 'res_id', progress_bar: { field: 'trace_type', colors: { mail: '' } } }, { mutating: false }),
    odoo.searchRead('mailing.trace', [...mine, ['open_datetime', '!=', false]], ['res_id', 'open_datetime'], { order: 'open_datetime desc, id desc', limit: contactIds.length }),
  ]);
  for (const [key, counts] of Object.entries(Bars.parse(bars))) out.set(Number(key), { received: counts.mail ?? 0, lastOpened: null });
  const latest = parseRecords(OpenRow, opens, 'mailing.trace');
  for (const open of latest) {
    const entry = out.get(open.res_id);
    if (entry && !entry.lastOpened) entry.lastOpened = odooDatetime(open.open_datetime);
  }
  // Fewer opens than asked for means every open came back; otherwise older ones may remain.
  const unresolved = latest.length < contactIds.length ? [] : [...out].filter(([, a]) => !a.lastOpened).map(([id]) => id);
  if (unresolved.length > 0) {
    // Their opens are all at or before the oldest read above. One group (every trace of a mailing has
    // trace_type "mail"), so the domain is copied once, and each open costs a res_id and a date in two
    // arrays that Odoo orders alike (by trace id: READ_GROUP_AGGREGATE's array_agg).
    const oldest = latest[latest.length - 1]?.open_datetime ?? '';
    const theirs: Domain = [['model', '=', 'mailing.contact'], ['res_id', 'in', unresolved], ['trace_status', 'in', RECEIVED], ...onTheirCampaigns, ['open_datetime', '<=', oldest]];
    for (const group of parseRecords(OpenArrays, await odoo.readGroup('mailing.trace', theirs, ['res_id:array_agg', 'open_datetime:array_agg'], ['trace_type']), 'mailing.trace')) {
      group.res_id.forEach((resId, i) => {
        const entry = out.get(resId);
        const at = odooDatetime(group.open_datetime[i] ?? '');
        if (entry && at && (!entry.lastOpened || at > entry.lastOpened)) entry.lastOpened = at;
      });
    }
  }
  return out;
}

/** One group per contact: how many traces, and the latest open (false when none, Odoo's empty value). */
const GroupRow = z.object({ res_id: z.number().int(), __count: z.number().int().nonnegative(), open_datetime: odooDatetimeField });
/** The single group's opens: two arrays in one order (array_agg orders by trace id). */
const OpenArrays = z.object({ res_id: z.array(z.number().int()), open_datetime: z.array(z.string()) });
const OpenRow = z.object({ res_id: z.number().int(), open_datetime: z.string() });
/** read_progress_bar: {"<res_id>": {"mail": count}} (addons/web/models/models.py). */
const Bars = z.record(z.string().regex(/^\d+$/), z.record(z.string(), z.number().int().nonnegative()));
