import { z } from 'zod';
import type { SubscribersQuery, SubscribersResult } from '../../../shared/schemas/marketing';
import { odooDatetimeField, parseRecords, type Domain, type OdooClient } from '../odoo';
import { hasTag } from './segments';
import { traceActivity } from './subscriber-activity';
import { requireStoreList, STORE_FIELD, storeLists } from './stores';

type Query = z.infer<typeof SubscribersQuery>;
type Status = z.infer<typeof SubscribersResult>['subscribers'][number]['status'];

const Contact = z.object({
  id: z.number().int().positive(),
  email: z.union([z.string(), z.literal(false)]),
  name: z.union([z.string(), z.literal(false)]),
  create_date: odooDatetimeField,
  is_blacklisted: z.boolean(),
  message_bounce: z.number().int(),
  tag_ids: z.array(z.object({ id: z.number().int(), name: z.string() })),
  subscription_ids: z.array(z.object({
    list_id: z.union([z.object({ id: z.number().int(), [STORE_FIELD]: z.union([z.string(), z.literal(false)]) }), z.literal(false)]),
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
  subscription_ids: { fields: { list_id: { fields: { [STORE_FIELD]: {} } }, opt_out: {}, create_date: {} } },
};

/** The lists a page is about: the store's, or one of them; as a domain on mailing.subscription. */
type ListScope = Domain;
const active = (lists: ListScope): Domain => ['subscription_ids', 'any', [...lists, ['opt_out', '=', false]]];

/** The status filter as a domain, in the same order of precedence as statusOf. */
function statusDomain(status: Status, listIds: ListScope): Domain {
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

type InScope = (list: Contact['subscription_ids'][number]['list_id']) => boolean;

function statusOf(c: Contact, inScope: InScope): Status {
  if (c.is_blacklisted) return 'blacklisted';
  const subscribed = c.subscription_ids.some((s) => !s.opt_out && inScope(s.list_id));
  if (!subscribed) return 'opted_out';
  return c.message_bounce > 0 ? 'bounced' : 'active';
}

/** When the contact joined these lists; Odoo leaves create_date empty on some subscriptions (odoo18-wire/060), then the contact's own date stands in. */
function subscribedDate(c: Contact, inScope: InScope): Date | null {
  const dates = c.subscription_ids
    .filter((s) => inScope(s.list_id) && s.create_date)
    .map((s) => (s.create_date as Date).getTime());
  return dates.length > 0 ? new Date(Math.min(...dates)) : c.create_date;
}

export type SubscriberFilter = Pick<Query, 'list_id' | 'search' | 'tag' | 'status'>;

/** The subscriber browser's filter as a mailing.contact domain: the page and the bulk actions select the same people. */
export function subscriberFilterDomain(storeId: string, filter: SubscriberFilter): Domain {
  const inStore = [`list_id.${STORE_FIELD}`, '=', storeId];
  const lists: ListScope = filter.list_id !== undefined ? [['list_id', '=', filter.list_id], inStore] : [inStore];
  return [
    ['subscription_ids', 'any', lists],
    ...(filter.search ? ['|', ['email', 'ilike', filter.search], ['name', 'ilike', filter.search]] : []),
    ...(filter.tag ? [hasTag(filter.tag)] : []),
    ...(filter.status ? statusDomain(filter.status, lists) : []),
  ];
}

/**
 * One page in two calls whatever its size: the page itself (total, tags and subscriptions with
 * their list's store included, so the store's lists need no lookup first), then the page's trace
 * activity (subscriber-activity.ts). A page with anyone on it proves the list filter is the store's
 * own (the domain asks for both), so the store's lists are looked up only for an empty answer: to
 * refuse another store's list, or to tell an unknown store.
 */
export async function subscribersPage(odoo: OdooClient, query: Query, now: Date): Promise<z.infer<typeof SubscribersResult>> {
  const domain = subscriberFilterDomain(query.storeId, query);
  const raw = Page.parse(await odoo.call('mailing.contact', 'web_search_read', [], {
    domain, specification: SPECIFICATION, offset: query.offset, limit: query.limit, order: 'create_date desc, id desc',
  }, { mutating: false }));
  if (raw.length === 0) {
    const storeListRows = await storeLists(odoo, query.storeId);
    if (query.list_id !== undefined) requireStoreList(storeListRows, query.list_id, query.storeId);
  }
  const contacts = parseRecords(Contact, raw.records, 'mailing.contact');
  const inScope = (list: Contact['subscription_ids'][number]['list_id']) =>
    list !== false && list[STORE_FIELD] === query.storeId && (query.list_id === undefined || list.id === query.list_id);
  const onTheirCampaigns: Domain = query.list_id !== undefined
    ? [['mass_mailing_id.contact_list_ids', 'in', [query.list_id]]]
    : [[`mass_mailing_id.contact_list_ids.${STORE_FIELD}`, '=', query.storeId]];
  const activity = await traceActivity(odoo, contacts.map((c) => c.id), onTheirCampaigns, now);
  return {
    subscribers: contacts.map((c) => ({
      id: c.id,
      email: c.email || '',
      name: c.name || '',
      subscribed_date: subscribedDate(c, inScope)?.toISOString() ?? null,
      tags: c.tag_ids.map((t) => t.name),
      campaigns_received: activity.get(c.id)?.received ?? 0,
      last_opened: activity.get(c.id)?.lastOpened?.toISOString() ?? null,
      status: statusOf(c, inScope),
    })),
    total: raw.length,
    page: Math.floor(query.offset / query.limit) + 1,
    pages: Math.ceil(raw.length / query.limit),
  };
}
