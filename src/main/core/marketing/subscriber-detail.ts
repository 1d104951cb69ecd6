import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { isSystemTag } from '../../../shared/tags';
import type { BulkInput, BulkResult, SubscriberDetail, TagsResult } from '../../../shared/schemas/marketing-views';
import { odooDatetimeField, parseRecords, subscriptionModel, type OdooClient } from '../odoo';
import { campaignIdOf, CAMPAIGN_FIELD } from './mailings';
import { recipientStatus } from './recipients';
import { hasTag } from './segments';
import { STORE_FIELD, storeLists } from './stores';

const text = z.union([z.string(), z.literal(false)]).transform((v) => (v === false ? '' : v));
const Page = z.object({ length: z.number().int().nonnegative(), records: z.array(z.unknown()) });

const Contact = z.object({
  id: z.number().int().positive(),
  email: text,
  name: text,
  create_date: odooDatetimeField,
  is_blacklisted: z.boolean(),
  message_bounce: z.number().int(),
  tag_ids: z.array(z.object({ name: z.string() })),
  subscription_ids: z.array(z.object({
    list_id: z.union([z.object({ id: z.number().int(), name: z.string(), [STORE_FIELD]: z.union([z.string(), z.literal(false)]) }), z.literal(false)]),
    opt_out: z.boolean(),
    create_date: odooDatetimeField,
    opt_out_datetime: odooDatetimeField,
    // Picked on Odoo's unsubscribe page (its /mailing/feedback route) or set in the back office.
    opt_out_reason_id: z.union([z.object({ display_name: z.string() }), z.literal(false)]).optional(),
  })),
});
const CONTACT_SPEC = {
  email: {}, name: {}, create_date: {}, is_blacklisted: {}, message_bounce: {},
  tag_ids: { fields: { name: {} } },
  subscription_ids: { fields: { list_id: { fields: { name: {}, [STORE_FIELD]: {} } }, opt_out: {}, create_date: {}, opt_out_datetime: {}, opt_out_reason_id: { fields: { display_name: {} } } } },
};
const Trace = z.object({
  trace_status: z.string(),
  sent_datetime: odooDatetimeField,
  open_datetime: odooDatetimeField,
  links_click_datetime: odooDatetimeField,
  mass_mailing_id: z.union([z.object({ id: z.number().int().positive(), subject: text, [CAMPAIGN_FIELD]: z.union([z.string(), z.literal(false)]) }), z.literal(false)]),
});
const TRACE_SPEC = {
  trace_status: {}, sent_datetime: {}, open_datetime: {}, links_click_datetime: {},
  mass_mailing_id: { fields: { subject: {}, [CAMPAIGN_FIELD]: {} } },
};
/** A drawer shows a subscriber's recent history; years of weekly campaigns stay readable at this size. */
const HISTORY_LIMIT = 200;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const storeContact = (storeId: string) => [`list_ids.${STORE_FIELD}`, '=', storeId];

export function unknownSubscriber(storeId: string, id: number): AppError {
  return new AppError('not_found', "This subscriber is not among the store's contacts in Odoo; they may have been deleted there. Reload the list.", { storeId, id });
}

/**
 * A subscriber with the store's lists, tags and campaign history in two calls at once: the contact
 * with its tags and subscriptions (web_search_read's nested specification, odoo18-wire/046), and the
 * traces of the store's mailings sent to them, each with its mailing's subject and campaign id.
 */
export async function subscriberDetail(odoo: OdooClient, storeId: string, id: number): Promise<z.infer<typeof SubscriberDetail>> {
  const [contactPage, tracePage] = await Promise.all([
    odoo.call('mailing.contact', 'web_search_read', [], { domain: [['id', '=', id], storeContact(storeId)], specification: CONTACT_SPEC, limit: 1 }, { mutating: false }),
    odoo.call('mailing.trace', 'web_search_read', [], {
      domain: [['model', '=', 'mailing.contact'], ['res_id', '=', id], [`mass_mailing_id.contact_list_ids.${STORE_FIELD}`, '=', storeId]],
      specification: TRACE_SPEC, limit: HISTORY_LIMIT, order: 'id desc',
    }, { mutating: false }),
  ]);
  const [contact] = parseRecords(Contact, Page.parse(contactPage).records, 'mailing.contact');
  if (!contact) {
    await storeLists(odoo, storeId);
    throw unknownSubscriber(storeId, id);
  }
  const lists = contact.subscription_ids.flatMap((s) => (s.list_id && s.list_id[STORE_FIELD] === storeId ? [{ ...s, list: s.list_id }] : []));
  const subscribed = lists.some((s) => !s.opt_out);
  const status = contact.is_blacklisted ? 'blacklisted' : !subscribed ? 'opted_out' : contact.message_bounce > 0 ? 'bounced' : 'active';
  const traces = parseRecords(Trace, Page.parse(tracePage).records, 'mailing.trace');
  return {
    id: contact.id,
    email: contact.email,
    name: contact.name,
    created_at: iso(contact.create_date),
    status,
    blacklisted: contact.is_blacklisted,
    bounces: Math.max(0, contact.message_bounce),
    tags: contact.tag_ids.map((t) => t.name),
    lists: lists.map((s) => ({ id: s.list.id, name: s.list.name, opted_out: s.opt_out, subscribed_date: iso(s.create_date ?? contact.create_date), opted_out_date: s.opt_out ? iso(s.opt_out_datetime) : null, opted_out_reason: s.opt_out && s.opt_out_reason_id ? s.opt_out_reason_id.display_name : null })),
    campaigns: traces.flatMap((t) => (t.mass_mailing_id ? [{
      campaign_id: campaignIdOf(t.mass_mailing_id),
      subject: t.mass_mailing_id.subject,
      sent_at: iso(t.sent_datetime),
      opened_at: iso(t.open_datetime),
      clicked_at: iso(t.links_click_datetime),
      bounced: t.trace_status === 'bounce',
      status: recipientStatus(t),
    }] : [])),
  };
}

const TagGroup = z.object({ tag_ids: z.unknown(), __count: z.number().int().nonnegative() });
const TagName = z.object({ id: z.number().int(), name: z.string() });

/**
 * Tags on the store's contacts with how many carry each, from one read_group on tag_ids. Odoo 18
 * groups a many2many per tag and labels the group [id, name]. The demo peer groups by the whole
 * set of tags instead ([3, 5] for contacts tagged 3 and 5): each contact is in exactly one such
 * group, so summing the groups a tag appears in gives the same counts, and one read of
 * res.partner.category names them.
 */
export async function storeTags(odoo: OdooClient, storeId: string): Promise<z.infer<typeof TagsResult>> {
  const groups = parseRecords(TagGroup, await odoo.readGroup('mailing.contact', [storeContact(storeId)], ['tag_ids'], ['tag_ids']), 'mailing.contact');
  if (groups.length === 0) await storeLists(odoo, storeId);
  const named = new Map<string, number>();
  const byId = new Map<number, number>();
  for (const g of groups) {
    const v = g.tag_ids;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string') named.set(v[1], (named.get(v[1]) ?? 0) + g.__count);
    else if (Array.isArray(v)) for (const tagId of v) if (typeof tagId === 'number') byId.set(tagId, (byId.get(tagId) ?? 0) + g.__count);
  }
  if (byId.size > 0) {
    for (const t of parseRecords(TagName, await odoo.read('res.partner.category', [...byId.keys()], ['name']), 'res.partner.category')) {
      named.set(t.name, (named.get(t.name) ?? 0) + (byId.get(t.id) ?? 0));
    }
  }
  // The console's own bookkeeping tags are no one's choice to filter or segment by.
  return { tags: [...named].filter(([name]) => !isSystemTag(name)).map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)) };
}

const SubscriptionRow = z.object({ id: z.number().int(), contact_id: z.union([z.tuple([z.number().int(), z.string()]), z.literal(false)]) });

/**
 * Grouped writes whatever the number of subscribers: one search for the contacts that would change
 * (the store's only, so ids are never a way into another store's data) and one write for them all.
 * "unsubscribe" opts them out of the store's lists, as an unsubscribe link does.
 */
export async function bulkAction(odoo: OdooClient, input: z.infer<typeof BulkInput>): Promise<z.infer<typeof BulkResult>> {
  if (input.action !== 'unsubscribe' && input.tag !== undefined && isSystemTag(input.tag)) {
    throw new AppError('input.invalid', `"${input.tag}" is a tag the console keeps for itself (it marks the store's contacts); choose another tag.`, { fields: [{ field: 'tag', problem: 'is a system tag' }] });
  }
  const changed = await (input.action === 'unsubscribe' ? unsubscribe(odoo, input) : retag(odoo, input));
  if (changed === 0) await storeLists(odoo, input.storeId);
  return { changed };
}

async function retag(odoo: OdooClient, input: z.infer<typeof BulkInput>): Promise<number> {
  const name = input.tag ?? '';
  const tagIds = await odoo.search('res.partner.category', [['name', '=ilike', name]]);
  const inStore = [['id', 'in', input.ids], storeContact(input.storeId)];
  if (input.action === 'untag') {
    if (tagIds.length === 0) return 0;
    const targets = await odoo.search('mailing.contact', [...inStore, hasTag(name)]);
    if (targets.length > 0) await odoo.write('mailing.contact', targets, { tag_ids: tagIds.map((t) => [3, t]) });
    return targets.length;
  }
  const tagId = tagIds[0] ?? (await odoo.create('res.partner.category', { name }));
  const targets = await odoo.search('mailing.contact', [...inStore, ['tag_ids', 'not in', [tagId]]]);
  if (targets.length > 0) await odoo.write('mailing.contact', targets, { tag_ids: [[4, tagId]] });
  return targets.length;
}

async function unsubscribe(odoo: OdooClient, input: z.infer<typeof BulkInput>): Promise<number> {
  const model = subscriptionModel((await odoo.version()).major);
  const rows = parseRecords(SubscriptionRow, await odoo.searchRead(model, [['contact_id', 'in', input.ids], [`list_id.${STORE_FIELD}`, '=', input.storeId], ['opt_out', '=', false]], ['contact_id']), model);
  if (rows.length > 0) await odoo.write(model, rows.map((r) => r.id), { opt_out: true });
  return new Set(rows.map((r) => (r.contact_id ? r.contact_id[0] : -r.id))).size;
}
