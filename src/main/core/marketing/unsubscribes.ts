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
const OptOut = z.object({ contact_id: z.union([z.tuple([z.number().int(), z.string()]), z.number().int()]).transform((v) => (Array.isArray(v) ? v[0] : v)), opt_out_datetime: odooDatetimeField });
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

/**
 * One call in the usual case (nobody followed a link since the send); a second, the contacts'
 * sends since then, only when someone did.
 */
export async function unsubscribedFrom(odoo: OdooClient, mailing: SentMailing): Promise<number> {
  if (!mailing.sentDate || mailing.listIds.length === 0) return 0;
  const since = toOdooDatetime(mailing.sentDate);
  const { major } = await odoo.version();
  const optOuts = parseRecords(OptOut, await odoo.searchRead(subscriptionModel(major), [
    ['list_id', 'in', mailing.listIds],
    ['opt_out', '=', true],
    ['opt_out_datetime', '>=', since],
    ['write_uid.share', '=', true],
  ], ['contact_id', 'opt_out_datetime']), subscriptionModel(major));
  if (optOuts.length === 0) return 0;
  const contactIds = [...new Set(optOuts.map((o) => o.contact_id))];
  const sends = parseRecords(Sent, await odoo.searchRead('mailing.trace', [
    ['model', '=', 'mailing.contact'],
    ['res_id', 'in', contactIds],
    ['sent_datetime', '!=', false],
    // This mailing's own sends (Odoo may stamp sent_date a moment after its first mails left), and
    // any later one to the same lists, which would take the credit.
    '|', ['mass_mailing_id', '=', mailing.id], '&', ['sent_datetime', '>=', since], ['mass_mailing_id.contact_list_ids', 'in', mailing.listIds],
  ], ['res_id', 'mass_mailing_id', 'sent_datetime'], { order: 'sent_datetime asc, id asc' }), 'mailing.trace');
  // Each contact once, even when opted out of several of the mailing's lists.
  const credited = new Set<number>();
  for (const optOut of optOuts) {
    if (!optOut.opt_out_datetime) continue;
    const at = optOut.opt_out_datetime.getTime();
    const before = sends.filter((s) => s.res_id === optOut.contact_id && s.sent_datetime !== null && s.sent_datetime.getTime() <= at);
    if (before.at(-1)?.mass_mailing_id === mailing.id) credited.add(optOut.contact_id);
  }
  return credited.size;
}
