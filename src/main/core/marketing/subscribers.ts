import { z } from 'zod';
import type { SubscribersQuery, SubscribersResult } from '../../../shared/schemas/marketing';
import { odooDatetimeField, parseRecords, type Domain, type OdooClient } from '../odoo';
import { hasTag } from './segments';
import { requireStoreList, storeLists } from './stores';

type Query = z.infer<typeof SubscribersQuery>;
type Status = z.infer<typeof SubscribersResult>['subscribers'][number]['status'];

/** Statuses that Odoo still mails: delivered, opened or replied (odoo18-wire/113, 126). */
const RECEIVED = ['sent', 'open', 'reply'];

const Contact = z.object({
  id: z.number().int().positive(),
  email: z.union([z.string(), z.literal(false)]),
  name: z.union([z.string(), z.literal(false)]),
  create_date: odooDatetimeField,
  is_blacklisted: z.boolean(),
  message_bounce: z.number().int(),
  tag_ids: z.array(z.object({ id: z.number().int(), name: z.string() })),
  subscription_ids: z.array(z.object({
    list_id: z.union([z.object({ id: z.number().int() }).loose(), z.number().int(), z.literal(false)]),
    opt_out: z.boolean(),
    create_date: odooDatetimeField,
  })),
});
type Contact = z.infer<typeof Contact>;
const Page = z.object({ length: z.number().int().nonnegative(), records: z.array(z.unknown()) });

/** web_search_read's nested specification (odoo18-wire/046): tag names and subscriptions come with the page, and the total too. */
const SPECIFICATION = {
  email: {},
  name: {},
  create_date: {},
  is_blacklisted: {},
  message_bounce: {},
  tag_ids: { fields: { name: {} } },
  subscription_ids: { fields: { list_id: { fields: {} }, opt_out: {}, create_date: {} } },
};

const active = (listIds: number[]): Domain => ['subscription_ids', 'any', [['list_id', 'in', listIds], ['opt_out', '=', false]]];

/** The status filter as a domain, in the same order of precedence as statusOf. */
function statusDomain(status: Status, listIds: number[]): Domain {
  switch (status) {
    case 'blacklisted':
      return [['is_blacklisted', '=', true]];
    case 'opted_out':
      return [['is_blacklisted', '=', false], '!', active(listIds)];
    case 'bounced':
      return [['is_blacklisted', '=', false], active(listIds), ['message_bounce', '>', 0]];
    case 'active':
      return [['is_blacklisted', '=', false], active(listIds), ['message_bounce', '=', 0]];
  }
}

const listIdOf = (v: Contact['subscription_ids'][number]['list_id']): number | null => (v === false ? null : typeof v === 'number' ? v : v.id);

function statusOf(c: Contact, listIds: number[]): Status {
  if (c.is_blacklisted) return 'blacklisted';
  const subscribed = c.subscription_ids.some((s) => !s.opt_out && listIds.includes(listIdOf(s.list_id) ?? -1));
  if (!subscribed) return 'opted_out';
  return c.message_bounce > 0 ? 'bounced' : 'active';
}

/** When the contact joined these lists; Odoo leaves create_date empty on some subscriptions (odoo18-wire/060), then the contact's own date stands in. */
function subscribedDate(c: Contact, listIds: number[]): Date | null {
  const dates = c.subscription_ids
    .filter((s) => listIds.includes(listIdOf(s.list_id) ?? -1) && s.create_date)
    .map((s) => (s.create_date as Date).getTime());
  return dates.length > 0 ? new Date(Math.min(...dates)) : c.create_date;
}

/** One group per contact of the page: how many traces, and the latest open (false when none, Odoo's empty value). */
const ContactActivity = z.object({ res_id: z.number().int(), __count: z.number().int().nonnegative(), open_datetime: odooDatetimeField });

/**
 * One page in three calls whatever its size: the store's lists, the page itself (total, tags and
 * subscriptions included), and ONE read_group of the page's received traces, giving how many of the
 * store's campaigns each received and their latest open.
 */
export async function subscribersPage(odoo: OdooClient, query: Query): Promise<z.infer<typeof SubscribersResult>> {
  const lists = await storeLists(odoo, query.storeId);
  const listIds = query.list_id !== undefined ? [requireStoreList(lists, query.list_id, query.storeId).id] : lists.map((l) => l.id);
  const domain: Domain = [
    ['list_ids', 'in', listIds],
    ...(query.search ? ['|', ['email', 'ilike', query.search], ['name', 'ilike', query.search]] : []),
    ...(query.tag ? [hasTag(query.tag)] : []),
    ...(query.status ? statusDomain(query.status, listIds) : []),
  ];
  const raw = Page.parse(await odoo.call('mailing.contact', 'web_search_read', [], {
    domain, specification: SPECIFICATION, offset: query.offset, limit: query.limit, order: 'create_date desc, id desc',
  }, { mutating: false }));
  const contacts = parseRecords(Contact, raw.records, 'mailing.contact');
  const activity = await traceActivity(odoo, contacts.map((c) => c.id), listIds);
  return {
    subscribers: contacts.map((c) => ({
      id: c.id,
      email: c.email || '',
      name: c.name || '',
      subscribed_date: subscribedDate(c, listIds)?.toISOString() ?? null,
      tags: c.tag_ids.map((t) => t.name),
      campaigns_received: activity.get(c.id)?.received ?? 0,
      last_opened: activity.get(c.id)?.lastOpened?.toISOString() ?? null,
      status: statusOf(c, listIds),
    })),
    total: raw.length,
    page: Math.floor(query.offset / query.limit) + 1,
    pages: Math.ceil(raw.length / query.limit),
  };
}

/**
 * One read_group on mailing.trace grouped by res_id: the count is the campaigns received and
 * 'open_datetime:max' the latest open, one row per contact of the page however many campaigns the
 * store sent (Odoo 18 keys the aggregate 'open_datetime'; the client maps Odoo 19's
 * formatted_read_group to the same row).
 */
async function traceActivity(odoo: OdooClient, contactIds: number[], listIds: number[]): Promise<Map<number, { received: number; lastOpened: Date | null }>> {
  const out = new Map<number, { received: number; lastOpened: Date | null }>();
  if (contactIds.length === 0) return out;
  const rows = await odoo.readGroup(
    'mailing.trace',
    [['model', '=', 'mailing.contact'], ['res_id', 'in', contactIds], ['trace_status', 'in', RECEIVED], ['mass_mailing_id.contact_list_ids', 'in', listIds]],
    ['open_datetime:max'],
    ['res_id'],
  );
  for (const row of parseRecords(ContactActivity, rows, 'mailing.trace')) {
    out.set(row.res_id, { received: row.__count, lastOpened: row.open_datetime });
  }
  return out;
}
