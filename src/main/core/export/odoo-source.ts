import { z } from 'zod';
import type { Domain, OdooClient } from '../odoo/types';
import { recipientStatus } from '../marketing/recipients';
import type { RecipientRow, SubscriberRow } from './columns';
import type { CampaignEngagement } from './summary';

/** Odoo datetimes are UTC 'YYYY-MM-DD HH:MM:SS'; unset values are false (odoo18-wire/063, 126). */
export function odooDate(value: unknown): Date | null {
  return typeof value === 'string' && value ? new Date(`${value.replace(' ', 'T')}Z`) : null;
}

const Subscription = z.object({
  list_id: z.union([z.object({ id: z.number() }), z.literal(false)]),
  opt_out: z.boolean(),
  create_date: z.union([z.string(), z.literal(false)]),
});
const Contact = z.object({
  id: z.number(),
  name: z.union([z.string(), z.literal(false)]),
  email: z.union([z.string(), z.literal(false)]),
  email_normalized: z.union([z.string(), z.literal(false)]),
  create_date: z.union([z.string(), z.literal(false)]),
  tag_ids: z.array(z.number()),
  list_ids: z.array(z.number()),
  is_blacklisted: z.boolean(),
  message_bounce: z.number(),
  subscription_ids: z.array(Subscription),
});
const ContactPage = z.object({ records: z.array(Contact) });
const Trace = z.object({
  res_id: z.number(),
  trace_status: z.union([z.string(), z.literal(false)]),
  open_datetime: z.union([z.string(), z.literal(false)]),
  links_click_datetime: z.union([z.string(), z.literal(false)]),
});
const Named = z.object({ id: z.number(), name: z.string() });
/** read_progress_bar: {"<res_id>": {"<status>": count}} (addons/web/models/models.py: each listed status, zeros included). */
const ReceivedBars = z.record(z.string().regex(/^\d+$/), z.record(z.string(), z.number().int().nonnegative()));

const RECEIVED = new Set(['sent', 'open', 'reply']);
const OPENED = new Set(['open', 'reply']);

export interface SubscriberSourceOptions {
  odoo: OdooClient;
  listId: number;
  /** Extra filters of the current selection (segment, search, tags) as an Odoo domain. */
  domain?: Domain;
  batchSize?: number;
}

export interface RowSource<R> {
  total: number;
  batches: AsyncIterable<R[]>;
}

/**
 * web_search_read's nested specification (odoo18-wire/046): each contact comes with its
 * subscriptions (opt-out, subscribed date), so a batch needs no separate subscription read.
 */
const CONTACT_SPECIFICATION = {
  name: {}, email: {}, email_normalized: {}, create_date: {}, tag_ids: {}, list_ids: {}, is_blacklisted: {}, message_bounce: {},
  subscription_ids: { fields: { list_id: { fields: {} }, opt_out: {}, create_date: {} } },
};

/** Batches asked for ahead of the one being written: each is three calls in flight. */
const BATCHES_AHEAD = 2;
/** Contact ids asked for per search, as batch boundaries: a few KB of ids per call. */
const ID_PAGES_PER_SEARCH = 20;

interface Engagement {
  received: number;
  opened: number;
  clicked: number;
  lastOpened: string;
}

function engagementByContact(received: unknown, engaged: unknown): Map<number, Engagement> {
  const engagement = new Map<number, Engagement>();
  const entry = (resId: number) => {
    const e = engagement.get(resId) ?? { received: 0, opened: 0, clicked: 0, lastOpened: '' };
    engagement.set(resId, e);
    return e;
  };
  for (const [resId, byStatus] of Object.entries(ReceivedBars.parse(received))) {
    entry(Number(resId)).received += Object.values(byStatus).reduce((n, count) => n + count, 0);
  }
  for (const trace of z.array(Trace).parse(engaged)) {
    const e = entry(trace.res_id);
    if ((trace.trace_status && OPENED.has(trace.trace_status)) || trace.open_datetime) e.opened += 1;
    if (trace.links_click_datetime) e.clicked += 1;
    if (trace.open_datetime && trace.open_datetime > e.lastOpened) e.lastOpened = trace.open_datetime;
  }
  return engagement;
}

/**
 * The ids of the matching contacts in id order, cut into batches. Each search continues after
 * the last id seen (never an offset), so rows added meanwhile neither shift nor repeat batches,
 * and the next search is asked for as soon as one answers.
 */
async function* idBatches(odoo: OdooClient, base: Domain, batchSize: number): AsyncGenerator<number[]> {
  const perSearch = batchSize * ID_PAGES_PER_SEARCH;
  const searchAfter = (afterId: number) => odoo.search('mailing.contact', [['id', '>', afterId], ...base], { order: 'id asc', limit: perSearch });
  let next: Promise<number[]> | null = searchAfter(0);
  while (next) {
    const ids: number[] = await next;
    next = ids.length === perSearch ? searchAfter(ids[ids.length - 1] as number) : null;
    // A consumer that stops early never awaits the search asked ahead: its failure is not unhandled.
    next?.catch(() => undefined);
    for (let from = 0; from < ids.length; from += batchSize) yield ids.slice(from, from + batchSize);
  }
}

/**
 * The subscribers of a list for an export. The contact ids come first, by id cursor; then each
 * batch costs three calls at once whatever its size: the contacts with their subscriptions
 * (web_search_read of those ids, still within the selection, so a contact that left it meanwhile is
 * not exported), the mails each received (counted by Odoo), and the traces with an open, a click or
 * a reply (opened / clicked / last opened): a trace nobody acted on never travels. Knowing the ids, the next
 * batches are asked for while this one is written: over a real link an export runs at the pace
 * of Odoo's answers, not of one round trip after another. Tag and list names are read once.
 */
export async function subscriberSource({ odoo, listId, domain = [], batchSize = 500 }: SubscriberSourceOptions): Promise<RowSource<SubscriberRow>> {
  const base: Domain = [['list_ids', 'in', [listId]], ...domain];
  const [total, tagRows, listRows] = await Promise.all([
    odoo.searchCount('mailing.contact', base),
    odoo.searchRead('res.partner.category', [], ['id', 'name']),
    odoo.searchRead('mailing.list', [], ['id', 'name'], { context: { active_test: false } }),
  ]);
  const tagNames = new Map(z.array(Named).parse(tagRows).map((t) => [t.id, t.name]));
  const listNames = new Map(z.array(Named).parse(listRows).map((l) => [l.id, l.name]));

  const toRow = (contact: z.infer<typeof Contact>, engagement: Map<number, Engagement>): SubscriberRow => {
    const subscription = contact.subscription_ids.find((sub) => sub.list_id !== false && sub.list_id.id === listId);
    const e = engagement.get(contact.id);
    // Blacklisting wins (no list can mail them), then bounces, then this list's opt-out.
    const status = contact.is_blacklisted ? 'blacklisted' : contact.message_bounce > 0 ? 'bounced' : subscription?.opt_out ? 'opted_out' : 'active';
    return {
      id: contact.id,
      email: contact.email_normalized || contact.email || '',
      name: contact.name || '',
      // Subscriptions created by import can carry no create_date (odoo18-wire/060): fall back to the contact's.
      subscribedDate: odooDate(subscription?.create_date) ?? odooDate(contact.create_date),
      tags: contact.tag_ids.map((id) => tagNames.get(id) ?? `#${id}`),
      lists: contact.list_ids.map((id) => listNames.get(id) ?? `#${id}`),
      status,
      campaignsReceived: e?.received ?? 0,
      opened: e?.opened ?? 0,
      clicked: e?.clicked ?? 0,
      lastOpened: odooDate(e?.lastOpened),
    };
  };

  const batch = async (ids: number[]): Promise<SubscriberRow[]> => {
    const theirs: Domain = [['model', '=', 'mailing.contact'], ['res_id', 'in', ids]];
    const [page, received, engaged] = await Promise.all([
      // count_limit 1: Odoo then skips counting the matches (web's _format_web_search_read_results); the total is known.
      odoo.call('mailing.contact', 'web_search_read', [], {
        domain: [['id', 'in', ids], ...base], specification: CONTACT_SPECIFICATION, order: 'id asc', count_limit: 1,
      }, { mutating: false }),
      // Mails received, counted by Odoo per contact and status (read_progress_bar copies no domain).
      odoo.call('mailing.trace', 'read_progress_bar', [], {
        domain: [...theirs, ['trace_status', 'in', [...RECEIVED]]], group_by: 'res_id', progress_bar: { field: 'trace_status', colors: [...RECEIVED] },
      }, { mutating: false }),
      // Only the traces someone opened, clicked or answered travel: the opens, clicks and latest open.
      odoo.searchRead('mailing.trace', [...theirs, '|', '|', ['open_datetime', '!=', false], ['links_click_datetime', '!=', false], ['trace_status', 'in', [...OPENED]]],
        ['res_id', 'trace_status', 'open_datetime', 'links_click_datetime']),
    ]);
    const engagement = engagementByContact(received, engaged);
    return ContactPage.parse(page).records.map((contact) => toRow(contact, engagement));
  };

  async function* batches(): AsyncGenerator<SubscriberRow[]> {
    const inFlight: Promise<SubscriberRow[]>[] = [];
    const ids = idBatches(odoo, base, batchSize);
    try {
      for await (const chunk of ids) {
        const pending = batch(chunk);
        // A consumer that stops early never awaits the batches asked ahead: their failure is not unhandled.
        pending.catch(() => undefined);
        inFlight.push(pending);
        if (inFlight.length > BATCHES_AHEAD) yield await (inFlight.shift() as Promise<SubscriberRow[]>);
      }
      while (inFlight.length) yield await (inFlight.shift() as Promise<SubscriberRow[]>);
    } finally {
      await ids.return(undefined);
    }
  }
  return { total, batches: batches() };
}

const RecipientTrace = z.object({
  id: z.number(),
  email: z.union([z.string(), z.literal(false)]),
  model: z.union([z.string(), z.literal(false)]),
  res_id: z.union([z.number(), z.literal(false)]),
  trace_status: z.union([z.string(), z.literal(false)]),
  failure_type: z.union([z.string(), z.literal(false)]),
  sent_datetime: z.union([z.string(), z.literal(false)]),
  open_datetime: z.union([z.string(), z.literal(false)]),
  links_click_datetime: z.union([z.string(), z.literal(false)]),
});

/** Who received one mailing and what they did: one trace per recipient, paged by trace id. */
export async function campaignRecipientSource({ odoo, mailingId, batchSize = 500 }: { odoo: OdooClient; mailingId: number; batchSize?: number }): Promise<RowSource<RecipientRow>> {
  const base: Domain = [['mass_mailing_id', '=', mailingId]];
  const total = await odoo.searchCount('mailing.trace', base);
  const fields = ['id', 'email', 'model', 'res_id', 'trace_status', 'failure_type', 'sent_datetime', 'open_datetime', 'links_click_datetime'];

  async function* batches(): AsyncGenerator<RecipientRow[]> {
    let lastId = 0;
    for (;;) {
      const traces = z.array(RecipientTrace).parse(await odoo.searchRead('mailing.trace', [['id', '>', lastId], ...base], fields, { order: 'id asc', limit: batchSize }));
      if (traces.length === 0) return;
      lastId = traces[traces.length - 1]?.id ?? lastId;
      const contactIds = traces.flatMap((t) => (t.model === 'mailing.contact' && t.res_id ? [t.res_id] : []));
      const names = contactIds.length
        ? new Map(z.array(z.object({ id: z.number(), name: z.union([z.string(), z.literal(false)]) })).parse(await odoo.read('mailing.contact', contactIds, ['name'])).map((c) => [c.id, c.name || '']))
        : new Map<number, string>();
      yield traces.map((t) => ({
        traceId: t.id,
        email: t.email || '',
        name: (t.model === 'mailing.contact' && t.res_id ? names.get(t.res_id) : undefined) ?? '',
        // The API's and the screen's words (opened, bounced...), not Odoo's raw trace_status (open, bounce).
        status: recipientStatus({ trace_status: t.trace_status || '', links_click_datetime: odooDate(t.links_click_datetime) }),
        sentAt: odooDate(t.sent_datetime),
        openedAt: odooDate(t.open_datetime),
        clickedAt: odooDate(t.links_click_datetime),
        failure: t.failure_type || '',
      }));
      if (traces.length < batchSize) return;
    }
  }
  return { total, batches: batches() };
}

const MailingStats = z.object({
  subject: z.union([z.string(), z.literal(false)]),
  sent_date: z.union([z.string(), z.literal(false)]),
  delivered: z.number(),
  opened_ratio: z.number(),
  clicks_ratio: z.number(),
});

/**
 * Engagement of a list's sent campaigns for the PDF, in one call. Odoo names the click ratio
 * clicks_ratio, not clicked_ratio (odoo18-wire/112).
 */
export async function campaignEngagement({ odoo, listId, limit = 12 }: { odoo: OdooClient; listId: number; limit?: number }): Promise<CampaignEngagement[]> {
  const rows = await odoo.searchRead(
    'mailing.mailing',
    [['contact_list_ids', 'in', [listId]], ['state', '=', 'done']],
    ['subject', 'sent_date', 'delivered', 'opened_ratio', 'clicks_ratio'],
    { order: 'sent_date desc, id desc', limit },
  );
  return z.array(MailingStats).parse(rows).map((m) => ({
    subject: m.subject || '(no subject)',
    sentDate: odooDate(m.sent_date),
    delivered: m.delivered,
    openRate: m.opened_ratio,
    clickRate: m.clicks_ratio,
  }));
}
