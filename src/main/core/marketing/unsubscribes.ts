import { z } from 'zod';
import { odooDatetimeField, parseRecords, subscriptionModel, toOdooDatetime, type OdooClient } from '../odoo';

/**
 * Unsubscribes a campaign caused, as Odoo records them. Odoo's unsubscribe link and the one-click
 * List-Unsubscribe POST (mass_mailing/controllers/main.py mailing_unsubscribe) run as the public
 * user and switch the address's subscriptions on the mailing's lists to opted out
 * (_update_subscription_from_email), with sudo(), which keeps the uid: the subscription's write_uid
 * is then a share user (public, or a portal user on /mailing/my). An opt-out made in the console, in
 * Odoo's back office or by a bulk run is written by an internal user and is never a campaign's.
 * Odoo does not store which mail's link was followed, so an opt-out through a link is credited to
 * the latest mailing to those lists the contact was sent before opting out: that is the mail the
 * link came from unless the person dug out an older one.
 */
const OptOut = z.object({
  contact_id: z.union([z.tuple([z.number().int(), z.string()]), z.number().int()]).transform((v) => (Array.isArray(v) ? v[0] : v)),
  opt_out_datetime: odooDatetimeField,
  // The reason picked on Odoo's unsubscribe page (mailing.subscription.optout), kept by its
  // /mailing/feedback route; false when the person gave none.
  opt_out_reason_id: z.union([z.tuple([z.number().int(), z.string()]), z.literal(false)]).optional().transform((v) => (v ? v[1] : null)),
});
const Sent = z.object({
  res_id: z.number().int(),
  mass_mailing_id: z.union([z.tuple([z.number().int(), z.string()]), z.literal(false)]).transform((v) => (v ? v[0] : null)),
  sent_datetime: odooDatetimeField,
});

export interface SentMailing {
  id: number;
  listIds: number[];
  sentDate: Date | null;
}

/** Who a campaign lost, and why as they told Odoo: each reason once with how many gave it, most given first, and last how many gave none (reason null). */
export interface Unsubscribed {
  count: number;
  reasons: { reason: string | null; count: number }[];
}

const NONE: Unsubscribed = { count: 0, reasons: [] };

/**
 * One call in the usual case (nobody followed a link since the send); a second, the contacts'
 * sends since then, only when someone did.
 */
export async function unsubscribedFrom(odoo: OdooClient, mailing: SentMailing): Promise<Unsubscribed> {
  if (!mailing.sentDate || mailing.listIds.length === 0) return NONE;
  const since = toOdooDatetime(mailing.sentDate);
  const { major } = await odoo.version();
  const optOuts = parseRecords(OptOut, await odoo.searchRead(subscriptionModel(major), [
    ['list_id', 'in', mailing.listIds],
    ['opt_out', '=', true],
    ['opt_out_datetime', '>=', since],
    ['write_uid.share', '=', true],
  ], ['contact_id', 'opt_out_datetime', 'opt_out_reason_id']), subscriptionModel(major));
  if (optOuts.length === 0) return NONE;
  const contactIds = [...new Set(optOuts.map((o) => o.contact_id))];
  const sends = parseRecords(Sent, await odoo.searchRead('mailing.trace', [
    ['model', '=', 'mailing.contact'],
    ['res_id', 'in', contactIds],
    ['sent_datetime', '!=', false],
    // This mailing's own sends (Odoo may stamp sent_date a moment after its first mails left), and
    // any later one to the same lists, which would take the credit.
    '|', ['mass_mailing_id', '=', mailing.id], '&', ['sent_datetime', '>=', since], ['mass_mailing_id.contact_list_ids', 'in', mailing.listIds],
  ], ['res_id', 'mass_mailing_id', 'sent_datetime'], { order: 'sent_datetime asc, id asc' }), 'mailing.trace');
  // Each contact once, even when opted out of several of the mailing's lists; a reason given on
  // any of them is the contact's.
  const credited = new Map<number, string | null>();
  for (const optOut of optOuts) {
    if (!optOut.opt_out_datetime) continue;
    const at = optOut.opt_out_datetime.getTime();
    const before = sends.filter((s) => s.res_id === optOut.contact_id && s.sent_datetime !== null && s.sent_datetime.getTime() <= at);
    if (before.at(-1)?.mass_mailing_id === mailing.id) credited.set(optOut.contact_id, credited.get(optOut.contact_id) ?? optOut.opt_out_reason_id);
  }
  const byReason = new Map<string | null, number>();
  for (const reason of credited.values()) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  // The reasons most given first (by name among equals, so the order is stable), then those who gave
  // none: usually the most, and not what a marketer reads the list for.
  const reasons = [...byReason].map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => (a.reason === null ? 1 : 0) - (b.reason === null ? 1 : 0) || b.count - a.count || (a.reason ?? '').localeCompare(b.reason ?? ''));
  return { count: credited.size, reasons };
}
