import { z } from 'zod';
import type { OdooClient } from '../../odoo';
import { parseRecords } from '../../odoo';
import { customArgsOf, type SendgridEvent } from '../../sendgrid/events';
import { CAMPAIGN_FIELD, campaignIdOf, storeMailings } from '../../marketing/mailings';
import { odooMailingIdOf } from '../../marketing/campaign-ids';

/**
 * Which mailing.trace each SendGrid event is about. Mail Odoo sent carries its Message-ID in the
 * event's `smtp-id`. The product spec's webhook example has none: it names the campaign instead
 * (`"campaign_id": "456"`, the Odoo mailing id), and the console's own custom arg names it as
 * `camp_…`; those events are matched to the trace of that mailing sent to the event's address.
 */

export const Trace = z.object({
  id: z.number(),
  message_id: z.union([z.string(), z.literal(false)]),
  trace_status: z.string(),
  res_id: z.union([z.number(), z.literal(false)]),
  mass_mailing_id: z.union([z.tuple([z.number(), z.string()]), z.literal(false)]),
  open_datetime: z.union([z.string(), z.literal(false)]),
  links_click_datetime: z.union([z.string(), z.literal(false)]),
  sent_datetime: z.union([z.string(), z.literal(false)]),
  email: z.union([z.string(), z.literal(false)]).optional(),
});
export type Trace = z.infer<typeof Trace>;
const TRACE_FIELDS = ['message_id', 'trace_status', 'res_id', 'mass_mailing_id', 'open_datetime', 'links_click_datetime', 'sent_datetime', 'email'];

/** `smtp-id` carries the Message-ID header Odoo generated ("<…@…>"); Odoo stores it the same way. */
function messageIdOf(event: SendgridEvent): string | null {
  const raw = event['smtp-id'];
  if (!raw) return null;
  const trimmed = raw.trim();
  return trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
}

/** The campaign an event names: its campaign_id (custom arg, or the spec's field), else a camp_ category. */
function campaignRefOf(event: SendgridEvent): string | null {
  const fromArgs = customArgsOf(event)['campaign_id']?.trim();
  if (fromArgs && (/^[1-9]\d{0,15}$/.test(fromArgs) || fromArgs.startsWith('camp_'))) return fromArgs;
  const categories = event.category === undefined ? [] : Array.isArray(event.category) ? event.category : [event.category];
  return categories.find((c) => c.startsWith('camp_')) ?? null;
}

const MailingRef = z.object({ id: z.number(), [CAMPAIGN_FIELD]: z.union([z.string(), z.literal(false)]).nullable().optional() });

export interface Attribution {
  /** Events per trace they are about. */
  byTrace: Map<number, { trace: Trace; events: SendgridEvent[] }>;
  /** The console's campaign id an event counts for, where it can be known. */
  campaignOf(event: SendgridEvent): string | null;
  /** Events no trace of this store could be found for. */
  unmatched: number;
}

export async function attributeEvents(odoo: OdooClient, storeId: string, events: SendgridEvent[]): Promise<Attribution> {
  const byMessage = new Map<string, SendgridEvent[]>();
  const byCampaign: { event: SendgridEvent; ref: string }[] = [];
  for (const event of events) {
    const messageId = messageIdOf(event);
    const ref = campaignRefOf(event);
    if (messageId) byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), event]);
    else if (ref) byCampaign.push({ event, ref });
  }

  // The mailings the events name, among this store's only: another store's mailing id is not ours to write.
  const numeric = [...new Set(byCampaign.map((c) => (/^\d+$/.test(c.ref) ? Number(c.ref) : odooMailingIdOf(c.ref))).filter((id): id is number => id !== null))];
  const ours = [...new Set(byCampaign.map((c) => c.ref).filter((ref) => ref.startsWith('camp_') && odooMailingIdOf(ref) === null))];
  const mailingByRef = new Map<string, { id: number; campaignId: string }>();
  if (numeric.length + ours.length > 0) {
    const rows = parseRecords(
      MailingRef,
      await odoo.searchRead('mailing.mailing', ['|', ['id', 'in', numeric], [CAMPAIGN_FIELD, 'in', ours], ...storeMailings(storeId)], ['id', CAMPAIGN_FIELD], { context: { active_test: false } }),
      'mailing.mailing',
    );
    for (const row of rows) {
      const campaignId = campaignIdOf({ id: row.id, [CAMPAIGN_FIELD]: row[CAMPAIGN_FIELD] ?? false });
      mailingByRef.set(String(row.id), { id: row.id, campaignId });
      mailingByRef.set(campaignId, { id: row.id, campaignId });
    }
  }

  const [fromMessages, fromAddresses] = await Promise.all([
    byMessage.size === 0 ? [] : parseRecords(Trace, await odoo.searchRead('mailing.trace', [['message_id', 'in', [...byMessage.keys()]]], TRACE_FIELDS), 'mailing.trace'),
    mailingByRef.size === 0
      ? []
      : parseRecords(
          Trace,
          await odoo.searchRead(
            'mailing.trace',
            [['mass_mailing_id', 'in', [...new Set([...mailingByRef.values()].map((m) => m.id))]], ['email', 'in', [...new Set(byCampaign.map((c) => c.event.email.trim().toLowerCase()))]]],
            TRACE_FIELDS,
            { order: 'id asc' },
          ),
          'mailing.trace',
        ),
  ]);

  const byTrace = new Map<number, { trace: Trace; events: SendgridEvent[] }>();
  const add = (trace: Trace, evs: SendgridEvent[]) => {
    const entry = byTrace.get(trace.id) ?? { trace, events: [] };
    entry.events.push(...evs);
    byTrace.set(trace.id, entry);
  };
  let matched = 0;
  const traceByMessage = new Map(fromMessages.flatMap((t) => (t.message_id ? [[t.message_id, t] as const] : [])));
  for (const [messageId, evs] of byMessage) {
    const trace = traceByMessage.get(messageId);
    if (!trace) continue;
    add(trace, evs);
    matched += evs.length;
  }
  // Odoo keeps one trace per address and mailing; the first one wins if a resend made two.
  const traceByAddress = new Map<string, Trace>();
  for (const t of fromAddresses) {
    const key = `${t.mass_mailing_id ? t.mass_mailing_id[0] : 0}:${t.email || ''}`;
    if (!traceByAddress.has(key)) traceByAddress.set(key, t);
  }
  for (const { event, ref } of byCampaign) {
    const mailing = mailingByRef.get(ref);
    const trace = mailing ? traceByAddress.get(`${mailing.id}:${event.email.trim().toLowerCase()}`) : undefined;
    if (!trace) continue;
    add(trace, [event]);
    matched += 1;
  }

  return {
    byTrace,
    unmatched: events.length - matched,
    campaignOf(event) {
      const ref = campaignRefOf(event);
      if (!ref) return null;
      return mailingByRef.get(ref)?.campaignId ?? (ref.startsWith('camp_') ? ref : null);
    },
  };
}
