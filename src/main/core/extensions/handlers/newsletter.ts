import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import type { NewsletterConfig } from '../../../../shared/schemas/extension';
import type { OdooClient } from '../../odoo';
import { parseRecords, subscriptionModel } from '../../odoo';
import type { ExtensionHandler } from '../types';
import { normalizeEmail } from './email';

/**
 * markket:odoo:newsletter — a storefront subscriber becomes a mailing.contact on the store's list.
 * One subscriber (trigger:new_subscriber) or many (CSV import) take the same path: a batch costs
 * a fixed handful of calls (tags, contacts, subscriptions, one create, grouped writes) per 1,000 rows.
 */

export const SubscriberEntity = z.strictObject({
  email: z.string(),
  name: z.string().trim().max(200).optional().default(''),
  documentId: z.string().trim().max(128).optional(),
  /** 'signup': the person asked (again) to subscribe; 'import': a list someone else brought. */
  source: z.enum(['signup', 'import']).default('signup'),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  /** The row of the file it came from (the spreadsheet's number), so reports name the row the person sees. */
  row: z.number().int().positive().optional(),
  /** Other mailing.contact fields the import mapped a column to; set on contacts it creates. */
  fields: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/), z.union([z.string().max(2000), z.number(), z.boolean()])).optional(),
});
export type SubscriberEntity = z.input<typeof SubscriberEntity>;

export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'resubscribed' | 'skipped' | 'invalid';
export interface RowReport {
  row: number;
  email: string;
  outcome: RowOutcome;
  reason?: string;
  contact_id?: number;
}

export const BATCH_SIZE = 1000;

const Contact = z.object({
  id: z.number(),
  email_normalized: z.union([z.string(), z.literal(false)]),
  list_ids: z.array(z.number()),
  tag_ids: z.array(z.number()),
  is_blacklisted: z.boolean(),
});
const Subscription = z.object({ id: z.number(), contact_id: z.tuple([z.number(), z.string()]), opt_out: z.boolean() });

/**
 * Tag ids by name, created when missing. On a shared Odoo two stores may each have a tag of the same
 * name (tags carry x_markket_store_id once stores are isolated): the store's own tag wins, then the
 * oldest, so a contact never gets another store's tag.
 */
export async function ensureTags(odoo: OdooClient, names: string[], storeId?: string): Promise<Map<string, number>> {
  const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  if (wanted.length === 0) return new Map();
  const found = parseRecords(z.object({ id: z.number(), name: z.string() }), await odoo.searchRead('res.partner.category', [['name', 'in', wanted]], ['name']), 'res.partner.category').sort((a, b) => a.id - b.id);
  const byName = new Map<string, number>();
  for (const t of found) if (!byName.has(t.name)) byName.set(t.name, t.id);
  const shared = found.filter((t) => found.some((u) => u.name === t.name && u.id !== t.id));
  if (storeId !== undefined && shared.length > 0) {
    for (const t of await storeTags(odoo, shared.map((x) => x.id), storeId)) byName.set(t.name, t.id);
  }
  const missing = wanted.filter((n) => !byName.has(n));
  if (missing.length > 0) {
    // A list of dicts creates them all in one call (odoo18-wire/050).
    const ids = await odoo.createMany('res.partner.category', missing.map((name) => ({ name })));
    missing.forEach((name, i) => byName.set(name, ids[i]!));
  }
  return byName;
}

/** Of these tags, the ones that belong to the store; none when tags have no store field (stores not isolated). */
async function storeTags(odoo: OdooClient, ids: number[], storeId: string): Promise<{ id: number; name: string }[]> {
  try {
    const rows = parseRecords(z.object({ id: z.number(), name: z.string(), x_markket_store_id: z.union([z.string(), z.literal(false)]) }), await odoo.read('res.partner.category', ids, ['name', 'x_markket_store_id']), 'res.partner.category');
    return rows.filter((r) => r.x_markket_store_id === storeId);
  } catch {
    return [];
  }
}

/** Fields this extension manages itself (address, name, list, tags, the store's ids) are never taken from a mapped column. */
const MANAGED = new Set(['id', 'email', 'email_normalized', 'name', 'list_ids', 'subscription_ids', 'tag_ids', 'is_blacklisted', 'opt_out', 'message_bounce']);
function ownFields(fields: Record<string, string | number | boolean> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields ?? {}).filter(([k]) => !MANAGED.has(k) && !k.startsWith('x_markket_')));
}

interface Row { row: number; entity: z.infer<typeof SubscriberEntity>; email: string }

export async function syncSubscribers(
  odoo: OdooClient,
  input: { listId: number; storeId: string; config: z.infer<typeof NewsletterConfig>; subscribers: unknown[] },
): Promise<RowReport[]> {
  const reports: RowReport[] = [];
  const rows: Row[] = [];
  const firstRowOf = new Map<string, number>();
  input.subscribers.forEach((raw, index) => {
    const parsed = SubscriberEntity.safeParse(raw);
    const row = parsed.success && parsed.data.row !== undefined ? parsed.data.row : index + 1;
    const rawEmail = typeof (raw as { email?: unknown })?.email === 'string' ? String((raw as { email: string }).email) : '';
    if (!parsed.success) {
      reports.push({ row, email: rawEmail, outcome: 'invalid', reason: parsed.error.issues[0]?.message ?? 'invalid row' });
      return;
    }
    const email = normalizeEmail(parsed.data.email);
    if (!email) {
      reports.push({ row, email: parsed.data.email, outcome: 'invalid', reason: 'not a valid email address' });
      return;
    }
    const first = firstRowOf.get(email);
    if (first !== undefined) {
      reports.push({ row, email, outcome: 'skipped', reason: `same address as row ${first}` });
      return;
    }
    firstRowOf.set(email, row);
    rows.push({ row, entity: parsed.data, email });
  });

  const tagIds = await ensureTags(odoo, [...input.config.tags, ...rows.flatMap((r) => r.entity.tags ?? [])], input.storeId);
  const { major } = await odoo.version();
  const subModel = subscriptionModel(major);

  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    reports.push(...(await syncBatch(odoo, rows.slice(start, start + BATCH_SIZE), tagIds, subModel, input)));
  }
  return reports.sort((a, b) => a.row - b.row);
}

async function syncBatch(
  odoo: OdooClient,
  rows: Row[],
  tagIds: Map<string, number>,
  subModel: string,
  input: { listId: number; storeId: string; config: z.infer<typeof NewsletterConfig> },
): Promise<RowReport[]> {
  const { listId, storeId, config } = input;
  const reports: RowReport[] = [];
  const contacts = parseRecords(
    Contact,
    await odoo.searchRead('mailing.contact', [['email_normalized', 'in', rows.map((r) => r.email)]], ['email_normalized', 'list_ids', 'tag_ids', 'is_blacklisted'], { order: 'id asc' }),
    'mailing.contact',
  );
  // Odoo allows several contacts with one address; the oldest is the one we keep in sync.
  const byEmail = new Map<string, z.infer<typeof Contact>>();
  for (const c of contacts) if (c.email_normalized && !byEmail.has(c.email_normalized)) byEmail.set(c.email_normalized, c);

  const existingIds = [...byEmail.values()].map((c) => c.id);
  const subscriptions = existingIds.length === 0 ? [] : parseRecords(
    Subscription,
    await odoo.searchRead(subModel, [['contact_id', 'in', existingIds], ['list_id', '=', listId]], ['contact_id', 'opt_out']),
    subModel,
  );
  const subscriptionOf = new Map(subscriptions.map((s) => [s.contact_id[0], s]));

  const tagsFor = (r: Row) => [...new Set([...config.tags, ...(r.entity.tags ?? [])].map((n) => tagIds.get(n.trim())).filter((id): id is number => id !== undefined))];
  const toCreate: { row: Row; values: Record<string, unknown> }[] = [];
  const joinList: number[] = [];
  const addTags = new Map<string, number[]>();
  const resubscribe: number[] = [];

  for (const r of rows) {
    const contact = byEmail.get(r.email);
    const tags = tagsFor(r);
    if (!contact) {
      toCreate.push({
        row: r,
        values: {
          ...ownFields(r.entity.fields),
          email: r.entity.email.trim(),
          name: r.entity.name || r.email.split('@')[0],
          list_ids: [[4, listId]],
          tag_ids: [[6, 0, tags]],
          x_markket_store_id: storeId,
          ...(r.entity.documentId ? { x_markket_subscriber_id: r.entity.documentId } : {}),
        },
      });
      continue;
    }
    if (contact.is_blacklisted) {
      reports.push({ row: r.row, email: r.email, outcome: 'skipped', reason: 'on the blacklist: this address asked never to be mailed', contact_id: contact.id });
      continue;
    }
    const subscription = subscriptionOf.get(contact.id);
    if (subscription?.opt_out) {
      if (config.auto_subscribe && r.entity.source === 'signup') {
        resubscribe.push(subscription.id);
        reports.push({ row: r.row, email: r.email, outcome: 'resubscribed', reason: 'had opted out and signed up again', contact_id: contact.id });
      } else {
        reports.push({ row: r.row, email: r.email, outcome: 'skipped', reason: 'opted out of this list; only the person can subscribe again', contact_id: contact.id });
        continue;
      }
    }
    const newTags = tags.filter((t) => !contact.tag_ids.includes(t));
    const needsList = !contact.list_ids.includes(listId);
    if (needsList) joinList.push(contact.id);
    if (newTags.length > 0) {
      const key = newTags.sort((a, b) => a - b).join(',');
      addTags.set(key, [...(addTags.get(key) ?? []), contact.id]);
    }
    if (!subscription?.opt_out) {
      reports.push({ row: r.row, email: r.email, outcome: needsList || newTags.length > 0 ? 'updated' : 'unchanged', contact_id: contact.id });
    }
  }

  if (toCreate.length > 0) {
    const ids = await odoo.createMany('mailing.contact', toCreate.map((c) => c.values));
    toCreate.forEach((c, i) => reports.push({ row: c.row.row, email: c.row.email, outcome: 'created', contact_id: ids[i]! }));
  }
  if (joinList.length > 0) await odoo.write('mailing.contact', joinList, { list_ids: [[4, listId]] });
  for (const [key, ids] of addTags) await odoo.write('mailing.contact', ids, { tag_ids: key.split(',').map((t) => [4, Number(t)]) });
  if (resubscribe.length > 0) await odoo.write(subModel, resubscribe, { opt_out: false });
  return reports;
}

const OUTCOME_WORDS: Record<RowOutcome, string> = { created: 'added', updated: 'updated', unchanged: 'already there', resubscribed: 'subscribed again', skipped: 'skipped', invalid: 'not valid' };

export function summarize(reports: RowReport[]) {
  const counts: Record<RowOutcome, number> = { created: 0, updated: 0, unchanged: 0, resubscribed: 0, skipped: 0, invalid: 0 };
  for (const r of reports) counts[r.outcome] += 1;
  return counts;
}

/** trigger:new_subscriber with one subscriber, or a bulk import with `{ subscribers: [...] }`. */
export const newsletterHandler: ExtensionHandler<z.infer<typeof NewsletterConfig>, unknown> = async ({ entity, config, extension, context }) => {
  const many = typeof entity === 'object' && entity !== null && Array.isArray((entity as { subscribers?: unknown }).subscribers);
  const subscribers = many ? (entity as { subscribers: unknown[] }).subscribers : [entity];
  // A list deleted in Odoo would otherwise fail row by row (or, on lenient servers, link to nothing).
  if ((await context.odoo.search('mailing.list', [['id', '=', config.mailing_list_id]], { context: { active_test: false } })).length === 0) {
    throw new AppError('odoo.missing_record', `The mailing list ${config.mailing_list_id} this extension adds subscribers to no longer exists in Odoo. Choose another list in the extension settings.`, {
      field: 'config.mailing_list_id',
      mailing_list_id: config.mailing_list_id,
    });
  }
  const reports = await syncSubscribers(context.odoo, { listId: config.mailing_list_id, storeId: extension.storeId, config, subscribers });
  const counts = summarize(reports);
  if (!many) {
    const only = reports[0];
    if (only?.outcome === 'invalid') {
      throw new AppError('input.invalid', `The subscriber's email address "${only.email}" is not valid: ${only.reason}.`, { field: 'email' });
    }
  }
  // Shown to the store owner in Settings → Extensions: "1 subscriber added, 2 already there".
  const summary = (Object.entries(counts) as [RowOutcome, number][]).filter(([, n]) => n > 0).map(([k, n], i) => `${i === 0 ? `${n} ${n === 1 ? 'subscriber' : 'subscribers'}` : n} ${OUTCOME_WORDS[k]}`).join(', ');
  return { success: true, meta: { last_sync: counts }, summary, output: { counts, rows: reports } };
};
