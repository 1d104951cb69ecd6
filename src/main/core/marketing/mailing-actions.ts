import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { parseRecords, toOdooDatetime, type OdooClient } from '../odoo';
import { isBlockEnd } from '../sendgrid/fields';
import { CAMPAIGN_FIELD, findMailing, TEMPLATE_FIELD, unknownCampaign, type MailingRecord } from './mailings';
import { campaignIdFor } from './campaign-ids';
import { countAudience } from './audience';

/**
 * The mailing operations behind update / schedule / cancel / duplicate, shared by the marketing
 * service and the campaign extension, as small functions on the Odoo client following odoo18-wire/140-148.
 * Each one looks the mailing up by x_markket_campaign_id and its state first, so a retry after a
 * lost answer finds the work already done instead of doing it twice.
 */

export async function requireMailing(odoo: OdooClient, storeId: string, campaignId: string): Promise<MailingRecord> {
  const mailing = await findMailing(odoo, storeId, campaignId);
  if (!mailing) throw unknownCampaign(storeId, campaignId);
  return mailing;
}

function notDraft(mailing: MailingRecord, what: string): AppError {
  return new AppError('conflict', `The campaign can no longer be ${what}: Odoo has it ${mailing.state === 'in_queue' ? 'queued' : mailing.state === 'done' ? 'sent' : mailing.state}. Cancel it first or duplicate it.`, {
    odoo_campaign_id: mailing.id,
    state: mailing.state,
  });
}

/** Writes changed values on a draft; an unchanged draft costs no write. */
export async function updateDraft(odoo: OdooClient, mailing: MailingRecord, values: Record<string, unknown>): Promise<boolean> {
  if (mailing.state !== 'draft') throw notDraft(mailing, 'edited');
  if (Object.keys(values).length === 0) return false;
  await odoo.write('mailing.mailing', [mailing.id], values);
  return true;
}

/** A schedule must be ahead: checked before anything else, so the caller hears about the field first. */
export function requireFuture(at: Date, now: Date): void {
  if (at.getTime() <= now.getTime()) {
    throw new AppError('input.invalid', 'The schedule is in the past. Pick a later time, or send the campaign now.', { fields: [{ field: 'schedule', problem: 'is in the past' }] });
  }
}

/**
 * Schedules for a future date: write schedule_type/schedule_date (144), then action_schedule, which
 * queues the mailing and returns nothing (145). A mailing already queued for that very date is left
 * alone. One queued for another date is moved: Odoo keeps schedule_date editable while a mailing is
 * in the queue (mass_mailing's field is readonly only once sending), so only the date is written,
 * and action_schedule on the future date puts it in the queue again, which adds the queue cron's
 * trigger at the new date (action_put_in_queue). schedule_type is written only when it changes.
 */
export async function scheduleMailing(odoo: OdooClient, mailing: MailingRecord, at: Date, now: Date): Promise<'scheduled' | 'unchanged'> {
  requireFuture(at, now);
  const wanted = toOdooDatetime(at);
  const queued = mailing.state === 'in_queue' && mailing.schedule_type === 'scheduled';
  if (queued && mailing.schedule_date && toOdooDatetime(mailing.schedule_date) === wanted) return 'unchanged';
  if (!queued && mailing.state !== 'draft') throw notDraft(mailing, 'scheduled');
  const values: Record<string, unknown> = {};
  if (mailing.schedule_type !== 'scheduled') values.schedule_type = 'scheduled';
  if (!mailing.schedule_date || toOdooDatetime(mailing.schedule_date) !== wanted) values.schedule_date = wanted;
  if (Object.keys(values).length > 0) await odoo.write('mailing.mailing', [mailing.id], values);
  await odoo.call('mailing.mailing', 'action_schedule', [mailing.id]);
  return 'scheduled';
}

/**
 * action_cancel puts a queued mailing back to draft and clears its date (147-148). A draft is
 * already where a cancel leads (a repeated cancel is a no-op); a mailing whose mails went out
 * cannot be called back.
 */
export async function cancelMailing(odoo: OdooClient, mailing: MailingRecord): Promise<'canceled' | 'unchanged'> {
  if (mailing.state === 'draft') return 'unchanged';
  if (mailing.state !== 'in_queue') {
    throw new AppError('conflict', 'The campaign is already being sent or was sent; it cannot be canceled any more.', { odoo_campaign_id: mailing.id, state: mailing.state });
  }
  await odoo.call('mailing.mailing', 'action_cancel', [mailing.id]);
  return 'canceled';
}

/**
 * copy() gives a draft with the same content, lists and domain (140-141). x_markket_campaign_id is
 * not copied (the field is created with copied=false) and gets the copy's own id; a duplicate asked
 * with a request id is found again on retry instead of copied twice.
 */
export async function duplicateMailing(
  odoo: OdooClient,
  mailing: MailingRecord,
  input: { storeId: string; newCampaignId: string; clientRequestId?: string },
): Promise<{ campaignId: string; odooId: number; created: boolean }> {
  const campaignId = input.clientRequestId ? campaignIdFor(input.storeId, input.clientRequestId) : input.newCampaignId;
  if (input.clientRequestId) {
    const existing = await findMailing(odoo, input.storeId, campaignId);
    if (existing) return { campaignId, odooId: existing.id, created: false };
  }
  const odooId = await odoo.copy('mailing.mailing', mailing.id, { [CAMPAIGN_FIELD]: campaignId, [TEMPLATE_FIELD]: mailing[TEMPLATE_FIELD] || false });
  return { campaignId, odooId, created: true };
}

/** The mailing's body as stored, to report Handlebars fields a template left unmapped. */
export async function storedBody(odoo: OdooClient, id: number): Promise<string> {
  const rows = parseRecords(z.object({ body_html: z.union([z.string(), z.literal(false)]) }), await odoo.read('mailing.mailing', [id], ['body_html']), 'mailing.mailing');
  return rows[0]?.body_html || '';
}

/** Handlebars expressions still in a body (fields mapTemplateFields could not map). */
export function leftoverFields(html: string): string[] {
  const found = new Set<string>();
  // `{{ object.… }}` is QWeb's own format string (t-attf-*, written by mapTemplateFields), not Handlebars.
  for (const m of html.matchAll(/\{\{\{?\s*([^{}]*?)\s*\}?\}\}/g)) if (m[1] && !m[1].startsWith('object.') && !isBlockEnd(m[1])) found.add(m[1]);
  return [...found];
}

async function storedDomain(odoo: OdooClient, id: number): Promise<string | false | undefined> {
  const rows = await odoo.read('mailing.mailing', [id], ['mailing_domain']);
  return parseRecords(z.object({ mailing_domain: z.union([z.string(), z.literal(false)]) }), rows, 'mailing.mailing')[0]?.mailing_domain;
}

/**
 * mailing_domain is a stored compute over contact_list_ids (odoo18-wire/103: "[('list_ids', 'in', [3])]")
 * that stays writable: Odoo 18 keeps a value written with the lists and only recomputes when the
 * lists change alone. The domain is read back and written again if a server recomputed it anyway;
 * false when it still does not hold it (the caller decides what that means for its draft).
 */
export async function keepDomain(odoo: OdooClient, id: number, mailingDomain: string): Promise<boolean> {
  if ((await storedDomain(odoo, id)) === mailingDomain) return true;
  await odoo.write('mailing.mailing', [id], { mailing_domain: mailingDomain });
  return (await storedDomain(odoo, id)) === mailingDomain;
}

/**
 * Who the mailing will reach. Our domains carry the exclusions, so Odoo's `total` (the count of
 * the mailing's domain, odoo18-wire/103) is the answer. Any other domain (Odoo's list default, one
 * edited in Odoo) is counted with the opt-outs and blacklisted Odoo drops at send time (audience/).
 */
export function mailingRecipients(odoo: OdooClient, m: MailingRecord): Promise<number> {
  return countAudience(odoo, m);
}
