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

/**
 * The subscribers of a list for an export. Pages by id cursor (id > last id, order id asc), so
 * page N costs what page 1 costs and rows added meanwhile neither shift nor repeat pages. Each
 * batch costs two calls whatever its size: the contacts with their subscriptions, and their
 * traces (received / opened / clicked / last opened). The next page needs only this page's last
 * id, so it is asked for while this page's traces come: over a real link an export then runs at
 * the pace of the contact pages alone. Tag and list names are read once up front.
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

  // count_limit 1: Odoo then skips counting every match on each page (web's _format_web_search_read_results); the total is known.
  const page = (afterId: number) =>
    odoo.call('mailing.contact', 'web_search_read', [], {
      domain: [['id', '>', afterId], ...base], specification: CONTACT_SPECIFICATION, order: 'id asc', limit: batchSize, count_limit: 1,
    }, { mutating: false }).then((answer) => ContactPage.parse(answer).records);

  async function* batches(): AsyncGenerator<SubscriberRow[]> {
    let next = page(0);
    for (;;) {
      const contacts = await next;
      if (contacts.length === 0) return;
      const ids = contacts.map((c) => c.id);
      const last = contacts.length === batchSize;
      next = last ? page(ids[ids.length - 1] as number) : Promise.resolve([]);
      // A consumer that stops early (cancel, error) never awaits the page asked ahead: its failure is not unhandled.
      next.catch(() => undefined);
      const traces = await odoo.searchRead('mailing.trace', [['model', '=', 'mailing.contact'], ['res_id', 'in', ids]], ['res_id', 'trace_status', 'open_datetime', 'links_click_datetime']);
      const engagement = new Map<number, { received: number; opened: number; clicked: number; lastOpened: string }>();
      for (const trace of z.array(Trace).parse(traces)) {
        const e = engagement.get(trace.res_id) ?? { received: 0, opened: 0, clicked: 0, lastOpened: '' };
        if (trace.trace_status && RECEIVED.has(trace.trace_status)) e.received += 1;
        if ((trace.trace_status && OPENED.has(trace.trace_status)) || trace.open_datetime) e.opened += 1;
        if (trace.links_click_datetime) e.clicked += 1;
        if (trace.open_datetime && trace.open_datetime > e.lastOpened) e.lastOpened = trace.open_datetime;
        engagement.set(trace.res_id, e);
      }
      yield contacts.map((contact) => {
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
        } satisfies SubscriberRow;
      });
      if (!last) return;
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
